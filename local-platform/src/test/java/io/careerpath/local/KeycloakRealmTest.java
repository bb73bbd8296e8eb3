package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.local.signin.DemoAccount;
import io.careerpath.local.signin.DemoAccounts;
import io.careerpath.security.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What docker compose's identity provider is given, checked against the contract the services enforce
 * (docs/security.md), statically (the realm, run on the real Keycloak: {@link KeycloakEndToEndTest}): the realm
 * file issues the claims {@code roles}, {@code person_id} and {@code managed_teams} and the audience
 * {@value Caller#AUDIENCE}, has the three clients the platform uses, holds the same demo accounts as the
 * single-machine sign-in server, and takes the query client's secret from the variable compose passes.
 */
class KeycloakRealmTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode realm() throws IOException {
        return JSON.readTree(Path.of("..", "keycloak", "careerpath-realm.json").toFile());
    }

    @Test
    void theRealmIssuesTheClaimsAndAudienceTheServicesRead() throws IOException {
        JsonNode scope = named(realm().get("clientScopes"), "name", "careerpath");
        Map<String, JsonNode> mappers = new java.util.HashMap<>();
        scope.get("protocolMappers").forEach(mapper -> mappers.put(mapper.get("name").asText(), mapper));

        assertThat(mappers.get("roles").get("protocolMapper").asText()).isEqualTo("oidc-usermodel-realm-role-mapper");
        assertThat(mappers.get("roles").get("config").get("claim.name").asText()).isEqualTo(Caller.ROLES_CLAIM);
        assertThat(mappers.get("person_id").get("config").get("claim.name").asText()).isEqualTo(Caller.PERSON_ID_CLAIM);
        assertThat(mappers.get("managed_teams").get("config").get("claim.name").asText())
                .isEqualTo(Caller.MANAGED_TEAMS_CLAIM);
        assertThat(mappers.get("managed_teams").get("config").get("multivalued").asText()).isEqualTo("true");
        // the reminders address accounts by these (query-service Recipients)
        assertThat(mappers.get("email").get("config").get("claim.name").asText()).isEqualTo("email");
        assertThat(mappers.get("name").get("protocolMapper").asText()).isEqualTo("oidc-full-name-mapper");
        JsonNode audience = mappers.get("careerpath-api audience");
        assertThat(audience.get("protocolMapper").asText()).isEqualTo("oidc-audience-mapper");
        assertThat(audience.get("config").get("included.custom.audience").asText()).isEqualTo(Caller.AUDIENCE);
        for (JsonNode mapper : mappers.values()) {
            assertThat(mapper.get("config").get("access.token.claim").asText()).as(mapper.toString()).isEqualTo("true");
        }
        Set<String> realmRoles = new HashSet<>();
        realm().get("roles").get("realm").forEach(role -> realmRoles.add(role.get("name").asText()));
        assertThat(realmRoles).containsExactlyInAnyOrder("EMPLOYEE", "MANAGER", "PMO_LEAD", "HR_ADMIN");
    }

    /**
     * A client naming a scope the realm does not define gets nothing for it, and Keycloak refuses a request that asks
     * for it ({@code invalid_scope}): the dashboards' and the command line's clients named "profile", which this realm
     * never had (its own scopes replace Keycloak's built-in ones).
     */
    @Test
    void everyScopeAClientNamesIsDefinedInTheRealm() throws IOException {
        List<String> defined = StreamSupport.stream(realm().get("clientScopes").spliterator(), false)
                .map(scope -> scope.get("name").asText()).toList();
        realm().get("clients").forEach(client -> {
            assertThat(strings(client.get("defaultClientScopes"))).as(client.get("clientId").asText()).isSubsetOf(defined);
            assertThat(strings(client.get("optionalClientScopes"))).as(client.get("clientId").asText()).isSubsetOf(defined);
        });
    }

    @Test
    void theClientsAreThoseThePlatformUses() throws IOException {
        JsonNode clients = realm().get("clients");
        JsonNode dashboard = named(clients, "clientId", "careerpath-dashboard");
        assertThat(dashboard.get("publicClient").asBoolean()).isTrue();
        assertThat(dashboard.get("attributes").get("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(strings(dashboard.get("redirectUris"))).contains("http://localhost:8081/signed-in.html");
        assertThat(strings(dashboard.get("defaultClientScopes"))).contains("careerpath");

        JsonNode cli = named(clients, "clientId", "careerpath-cli");
        assertThat(cli.get("publicClient").asBoolean()).isTrue();
        assertThat(cli.get("attributes").get("oauth2.device.authorization.grant.enabled").asText()).isEqualTo("true");

        JsonNode query = named(clients, "clientId", "careerpath-query");
        assertThat(query.get("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(query.get("publicClient").asBoolean()).isFalse();
        assertThat(strings(query.get("defaultClientScopes"))).contains("careerpath", Caller.KEYS_SCOPE);
        assertThat(query.get("secret").asText()).isEqualTo("${CAREERPATH_QUERY_CLIENT_SECRET}");
        JsonNode keys = named(realm().get("clientScopes"), "name", Caller.KEYS_SCOPE);
        assertThat(keys.get("attributes").get("include.in.token.scope").asText()).isEqualTo("true");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeGivesKeycloakTheQueryClientsSecretAndTheServicesTheRealmsIssuer() throws IOException {
        Map<String, Object> services;
        try (InputStream in = Files.newInputStream(Path.of("..", "docker-compose.yml"))) {
            services = (Map<String, Object>) new Yaml().<Map<String, Object>>load(in).get("services");
        }
        Map<String, Object> keycloak = (Map<String, Object>) ((Map<String, Object>) services.get("keycloak")).get("environment");
        Map<String, Object> query = (Map<String, Object>) ((Map<String, Object>) services.get("query-service")).get("environment");
        Map<String, Object> command = (Map<String, Object>) ((Map<String, Object>) services.get("command-service")).get("environment");
        assertThat(keycloak.get("CAREERPATH_QUERY_CLIENT_SECRET")).isEqualTo(query.get("CAREERPATH_QUERY_CLIENT_SECRET"));
        String issuer = keycloak.get("KC_HOSTNAME") + "/realms/" + realm().get("realm").asText();
        assertThat(command.get("CAREERPATH_ISSUER_URI")).isEqualTo(issuer);
        assertThat(query.get("CAREERPATH_ISSUER_URI")).isEqualTo(issuer);
        assertThat(query.get("CAREERPATH_WEB_SIGN_IN_ISSUER")).isEqualTo(issuer);
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTheKeycloakVersionTheTestsRun() throws IOException {
        Map<String, Object> services;
        try (InputStream in = Files.newInputStream(Path.of("..", "docker-compose.yml"))) {
            services = (Map<String, Object>) new Yaml().<Map<String, Object>>load(in).get("services");
        }
        String image = (String) ((Map<String, Object>) services.get("keycloak")).get("image");
        // the distribution KeycloakServer starts: target/keycloak/keycloak-<version> (the pom's keycloak.version)
        String tested = Path.of(System.getProperty("careerpath.keycloak.home", "keycloak-unknown")).getFileName().toString();
        assertThat(image).isEqualTo("quay.io/keycloak/keycloak:" + tested.substring("keycloak-".length()));
    }

    @Test
    void theDemoAccountsAreTheSingleMachineOnes() throws IOException {
        List<DemoAccount> local = DemoAccounts.read("classpath:demo-accounts.yml").all();
        JsonNode users = realm().get("users");
        assertThat(users).hasSameSizeAs(local);
        for (DemoAccount account : local) {
            JsonNode user = named(users, "username", account.username());
            assertThat(strings(user.get("realmRoles"))).as(account.username()).containsExactlyInAnyOrderElementsOf(account.roleNames());
            assertThat(user.get("attributes").get("person_id").get(0).asText()).isEqualTo(account.personId());
            assertThat(user.get("email").asText()).as(account.username()).isEqualTo(account.email());
            List<String> teams = user.get("attributes").has("managed_teams")
                    ? strings(user.get("attributes").get("managed_teams")) : List.of();
            assertThat(teams).as(account.username()).containsExactlyInAnyOrderElementsOf(account.managedTeams());
            assertThat(user.get("credentials").get(0).get("value").asText())
                    .as("the same demo password, overridable by the environment")
                    .endsWith(":" + account.plainPassword() + "}");
        }
    }

    private static JsonNode named(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(node -> value.equals(node.path(field).asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + field + " " + value + " in " + array));
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
