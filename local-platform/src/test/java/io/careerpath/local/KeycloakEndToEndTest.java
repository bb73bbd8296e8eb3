package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both services on the real Keycloak ({@link KeycloakServer}: the version and realm of docker-compose.yml), its
 * demo accounts signed in on Keycloak's own login page (the authorization-code flow with PKCE of the dashboards'
 * client, the realm unchanged). Runs the whole permission table ({@link PermissionTableChecks}) with Keycloak's
 * tokens, the query service's client-credentials key path through Keycloak, and checks that both services refuse
 * a token of another issuer and a tampered one.
 */
class KeycloakEndToEndTest extends PermissionTableChecks {

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass(RunningPlatform::startOnKeycloak);

    @BeforeAll
    static void start() {
        startWithPeopleInEveryRelation(platformPerClass.get());
    }

    @Test
    void keycloaksTokensCarryTheClaimsTheServicesRead() {
        var claims = SignIn.claims(platform.signIn.accessToken("maria"));
        assertThat(claims.get("iss").asText()).isEqualTo(KeycloakServer.get().issuer());
        assertThat(claims.get("aud").toString()).contains("careerpath-api");
        assertThat(claims.get("person_id").asText()).isEqualTo(platform.personIdOf("maria"));
        assertThat(claims.get("roles").toString()).contains("MANAGER", "EMPLOYEE");
        assertThat(claims.get("managed_teams").toString()).contains("team-apollo");
    }

    @Test
    void bothServicesTakeKeycloaksTokensAndRefuseAnotherIssuersOrATamperedOne() {
        String keycloak = platform.signIn.accessToken("hana");
        // the single-machine sign-in server: the same accounts and claims, but another issuer and another key
        String otherIssuer = TestInfrastructure.get().signIn().accessToken("hana");
        String tampered = withClaim(platform.signIn.accessToken("erin"), "roles", "HR_ADMIN");
        for (String service : List.of("command", "query")) {
            String path = service.equals("command") ? "/api/imports" : "/api/teams";
            assertThat(send(service, "GET", path, keycloak, null, null).status()).as(service).isEqualTo(200);
            for (String refused : List.of(otherIssuer, tampered)) {
                Response response = send(service, "GET", path, refused, null, null);
                assertThat(response.status()).as(service + ": " + response).isEqualTo(401);
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void theQueryServiceOpensPersonalDataWithKeysFetchedWithKeycloaksClientCredentialsToken() {
        // the name is sealed in the events; the query service opens it with the person's key, which it asks the
        // command service for with its own client-credentials token from Keycloak (the realm's careerpath-query)
        String person = platform.client.register("Kira Keycloak", "team-gemini", "2020-01-01");
        var timeline = platform.client.awaitTimeline(person, answer -> answer.toString().contains("Kira Keycloak"));
        assertThat(timeline.toString()).contains("Kira Keycloak");
        var token = SignIn.claims(platform.signIn.clientCredentials("careerpath-query", KeycloakServer.QUERY_CLIENT_SECRET,
                "careerpath.keys").accessToken());
        assertThat(token.get("scope").asText()).contains("careerpath.keys");
        assertThat(token.get("aud").toString()).contains("careerpath-api");
    }

    /** The token with one claim changed and its signature kept: what an attacker editing a token sends. */
    private static String withClaim(String jwt, String claim, String value) {
        String[] parts = jwt.split("\\.");
        ObjectNode claims = (ObjectNode) SignIn.claims(jwt);
        claims.putArray(claim).add(value);
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }
}
