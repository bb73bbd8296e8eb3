package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.local.signin.SignInServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * The launcher's sign-in server on its own: an OpenID Connect provider whose demo accounts sign in with
 * the real authorization-code flow (PKCE) and get access tokens with the claims of docs/security.md, and
 * whose query-service client gets the key scope.
 */
class SignInServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DASHBOARD = "http://127.0.0.1:" + TestInfrastructure.freePort();
    static SignInServer server;
    static SignIn signIn;

    @BeforeAll
    static void start() {
        server = SignInServer.start(Map.of("server.port", "0"));
        signIn = new SignIn(server, DASHBOARD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void itPublishesItsDiscoveryDocumentAndKeysUnderTheIssuerItWasStartedWith() throws Exception {
        assertThat(server.issuer()).isEqualTo("http://127.0.0.1:" + server.port());

        JsonNode discovery = getJson(server.issuer() + "/.well-known/openid-configuration");

        assertThat(discovery.get("issuer").asText()).isEqualTo(server.issuer());
        assertThat(discovery.get("authorization_endpoint").asText()).isEqualTo(server.authorizationUri());
        assertThat(discovery.get("token_endpoint").asText()).isEqualTo(server.tokenUri());
        assertThat(discovery.get("jwks_uri").asText()).isEqualTo(server.jwkSetUri());
        assertThat(discovery.get("end_session_endpoint").asText()).isEqualTo(server.logoutUri());
        assertThat(texts(discovery.get("code_challenge_methods_supported"))).contains("S256");
        JsonNode keys = getJson(server.jwkSetUri()).get("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("kty").asText()).isEqualTo("RSA");
        assertThat(keys.get(0).has("d")).as("never the private part").isFalse();
    }

    @Test
    void theLoginPageAsksForNothingThatIsNotThere() {
        HttpResponse<String> favicon = send(HttpClient.newHttpClient(),
                HttpRequest.newBuilder(URI.create(server.issuer() + "/favicon.ico")).build());

        assertThat(favicon.statusCode()).isEqualTo(204);
    }

    @Test
    void theLoginPageRunsNoScriptAndMayOnlySendItsFormHereOrOnToTheDashboards() {
        HttpResponse<String> login = send(HttpClient.newHttpClient(),
                HttpRequest.newBuilder(URI.create(server.issuer() + "/login")).build());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).doesNotContain("<script", "style=", "<style");
        List<String> directives = List.of(login.headers().firstValue("Content-Security-Policy").orElseThrow().split("; "));
        assertThat(directives).contains("default-src 'none'", "style-src 'self'", "frame-ancestors 'none'",
                "base-uri 'none'", "object-src 'none'");
        assertThat(directives).filteredOn(d -> d.startsWith("form-action ")).singleElement().asString()
                .startsWith("form-action 'self' ").contains(DASHBOARD);
        assertThat(directives).noneMatch(d -> d.startsWith("script-src"));
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void eachDemoAccountSignsInAndGetsAnAccessTokenForTheApisWithItsRolesPersonAndTeams() {
        Map<String, List<String>> roles = Map.of("erin", List.of("EMPLOYEE"), "maria", List.of("MANAGER", "EMPLOYEE"),
                "paul", List.of("PMO_LEAD"), "hana", List.of("HR_ADMIN"));
        Map<String, String> people = Map.of("erin", "e1a5c0de-0001-4000-8000-000000000001",
                "maria", "e1a5c0de-0002-4000-8000-000000000002", "paul", "e1a5c0de-0003-4000-8000-000000000003",
                "hana", "e1a5c0de-0004-4000-8000-000000000004");
        for (String username : roles.keySet()) {
            SignIn.Tokens tokens = signIn.signIn(username, username + "-demo");

            Jwt access = server.decoder().decode(tokens.accessToken());
            assertThat(access.getIssuer().toString()).isEqualTo(server.issuer());
            assertThat(access.getAudience()).contains("careerpath-api");
            assertThat(access.getSubject()).isEqualTo(username);
            assertThat(access.getClaimAsStringList("roles")).as(username).containsExactlyElementsOf(roles.get(username));
            assertThat(access.getClaimAsString("person_id")).isEqualTo(people.get(username));
            assertThat(access.getClaimAsString("scope")).isEqualTo("openid profile");
            assertThat(access.getExpiresAt()).isBetween(Instant.now().plusSeconds(25 * 60), Instant.now().plusSeconds(31 * 60));
            // how the reminders address the account (query-service Recipients): the email digest's address
            assertThat(access.getClaimAsString("name")).isEqualTo(server.account(username).name());
            assertThat(access.getClaimAsString("email")).isEqualTo(username + "@careerpath.invalid");
            if (username.equals("maria")) {
                assertThat(access.getClaimAsStringList("managed_teams")).containsExactly("team-apollo");
            } else {
                assertThat(access.getClaims()).doesNotContainKey("managed_teams");
            }
            Jwt id = server.decoder().decode(tokens.idToken());
            assertThat(id.getAudience()).containsExactly(SignInServer.DASHBOARD_CLIENT_ID);
            assertThat(id.getClaimAsString("name")).isEqualTo(server.account(username).name());
            assertThat(id.getClaimAsStringList("roles")).containsExactlyElementsOf(roles.get(username));
        }
    }

    @Test
    void theUserInfoEndpointAnswersWhoSignedIn() throws Exception {
        SignIn.Tokens tokens = signIn.signIn("maria", "maria-demo");

        HttpResponse<String> answer = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(server.userInfoUri()))
                .header("Authorization", "Bearer " + tokens.accessToken()).build());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode user = JSON.readTree(answer.body());
        assertThat(user.get("sub").asText()).isEqualTo("maria");
        assertThat(user.get("name").asText()).isEqualTo("Maria Manager");
    }

    @Test
    void theCommandLineSignsInWithTheDeviceAuthorizationGrantAndGetsTheSameClaims() {
        SignIn.Tokens tokens = signIn.signInOnDevice("hana", "hana-demo");

        Jwt access = server.decoder().decode(tokens.accessToken());
        assertThat(access.getAudience()).contains("careerpath-api");
        assertThat(access.getSubject()).isEqualTo("hana");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("HR_ADMIN");
        assertThat(access.getClaimAsString("person_id")).isEqualTo("e1a5c0de-0004-4000-8000-000000000004");
        assertThatThrownBy(() -> signIn.signInOnDevice("hana", "wrong")).isInstanceOf(SignIn.Refused.class);
    }

    @Test
    void aWrongPasswordOrAnUnknownAccountIsRefused() {
        assertThatThrownBy(() -> signIn.signIn("erin", "not-her-password")).isInstanceOf(SignIn.Refused.class);
        assertThatThrownBy(() -> signIn.signIn("mallory", "mallory-demo")).isInstanceOf(SignIn.Refused.class);
    }

    @Test
    void theQueryServicesClientGetsTheKeyScopeForTheApisAndNothingElse() {
        SignIn.Tokens tokens = signIn.clientCredentials(SignInServer.QUERY_CLIENT_ID, server.queryClientSecret(),
                "careerpath.keys");

        Jwt access = server.decoder().decode(tokens.accessToken());
        assertThat(access.getAudience()).contains("careerpath-api");
        assertThat(access.getClaimAsString("scope")).isEqualTo("careerpath.keys");
        assertThat(access.getSubject()).isEqualTo(SignInServer.QUERY_CLIENT_ID);
        assertThat(access.getClaims()).doesNotContainKeys("roles", "person_id");
        assertThatThrownBy(() -> signIn.clientCredentials(SignInServer.QUERY_CLIENT_ID, "guessed", "careerpath.keys"))
                .isInstanceOf(SignIn.Refused.class).hasMessageContaining("401");
        // the dashboards' public client has no client-credentials grant
        assertThatThrownBy(() -> signIn.clientCredentials(SignInServer.DASHBOARD_CLIENT_ID, "", "careerpath.keys"))
                .isInstanceOf(SignIn.Refused.class);
    }

    @Test
    void theDashboardsMayCallTheTokenEndpointFromTheirOriginOnly() throws Exception {
        HttpResponse<String> fromDashboard = preflight(server.tokenUri(), DASHBOARD);
        HttpResponse<String> fromElsewhere = preflight(server.tokenUri(), "http://127.0.0.1:1");

        assertThat(fromDashboard.statusCode()).isEqualTo(200);
        assertThat(fromDashboard.headers().firstValue("Access-Control-Allow-Origin")).contains(DASHBOARD);
        assertThat(fromElsewhere.statusCode()).isEqualTo(403);
        assertThat(fromElsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aCodeIsNeverSentToAnAddressTheServerDoesNotKnow() {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String authorize = server.authorizationUri() + "?" + SignIn.form(Map.of("response_type", "code",
                "client_id", SignInServer.DASHBOARD_CLIENT_ID, "redirect_uri", "http://evil.example/signed-in.html",
                "scope", "openid", "state", "s", "code_challenge", SignIn.challenge("verifier-verifier-verifier-verifier-1234"),
                "code_challenge_method", "S256"));

        HttpResponse<String> answer = send(client, HttpRequest.newBuilder(URI.create(authorize))
                .header("Accept", "text/html").build());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void mintedTokensCarryTheRealSignatureWithWhateverTheTestNeeds() {
        Jwt minted = server.decoder().decode(server.mintFor("erin"));
        assertThat(minted.getClaimAsString("person_id")).isEqualTo("e1a5c0de-0001-4000-8000-000000000001");
        assertThat(minted.getIssuer().toString()).isEqualTo(server.issuer());
        assertThat(minted.getAudience()).containsExactly("careerpath-api");

        assertThatThrownBy(() -> server.decoder().decode(server.mintExpiredFor("erin")))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("expired");
        assertThat(server.decoder().decode(server.mintForAudience("hana", "someone-else")).getAudience())
                .containsExactly("someone-else");
        assertThat(server.decoder().decode(server.mint(claims -> claims.subject("robot").claim("roles", List.of("HR_ADMIN"))))
                .getClaimAsStringList("roles")).containsExactly("HR_ADMIN");
    }

    @Test
    void aKeyFileKeepsTheSigningKeyAcrossRestarts(@TempDir Path dir) {
        Map<String, String> settings = Map.of("server.port", "0", "careerpath.sign-in.key-file",
                dir.resolve("key.jwk").toString());
        String token;
        try (SignInServer first = SignInServer.start(settings)) {
            token = first.mintFor("paul");
        }
        try (SignInServer second = SignInServer.start(settings)) {
            assertThat(second.decoder().decode(token).getSubject()).isEqualTo("paul");
        }
    }

    @Test
    void anotherAccountsFileMayHoldHashedPasswords(@TempDir Path dir) throws Exception {
        Path accounts = java.nio.file.Files.writeString(dir.resolve("accounts.yml"), """
                accounts:
                  - username: olga
                    password: "%s"
                    name: Olga Other
                    roles: [MANAGER]
                    person-id: 0f0f0f0f-0000-4000-8000-00000000000f
                    managed-teams: [team-x, team-y]
                """.formatted("{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder()
                .encode("olga-secret")));
        try (SignInServer other = SignInServer.start(Map.of("server.port", "0",
                "careerpath.sign-in.accounts-file", accounts.toString()))) {
            SignIn olga = new SignIn(other, DASHBOARD);

            Jwt access = other.decoder().decode(olga.signIn("olga", "olga-secret").accessToken());

            assertThat(other.accounts()).extracting(account -> account.username()).containsExactly("olga");
            assertThat(other.account("olga").plainPassword()).isNull();
            assertThat(access.getClaimAsStringList("managed_teams")).containsExactly("team-x", "team-y");
            assertThatThrownBy(() -> olga.signIn("erin", "erin-demo")).isInstanceOf(SignIn.Refused.class);
        }
    }

    private static HttpResponse<String> preflight(String uri, String origin) {
        return send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(uri))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode getJson(String uri) throws Exception {
        HttpResponse<String> response = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(uri)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
