package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.command.CommandServiceApplication;
import io.careerpath.query.QueryServiceApplication;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.client.RestClient;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run on the project machines (no Docker engine), so this checks the
 * part that can be checked: each service starts and reports ready with exactly the environment the
 * compose file gives it, read as environment variables (relaxed binding and all), with only the
 * addresses of Kafka, PostgreSQL, MongoDB, Keycloak and the other service pointed at the local stand-ins
 * (for Keycloak: the real one, {@link KeycloakServer}, with the compose realm and the compose file's demo secret
 * for the query service's client), takes that Keycloak's tokens and fetches keys with its client's token.
 */
class ComposeEnvironmentTest {

    private static final Pattern DEFAULTED_VARIABLE = Pattern.compile("\\$\\{(\\w+):-([^}]*)}");

    @Test
    void bothServicesBecomeReadyWithTheEnvironmentTheComposeFileGivesThem() throws Exception {
        Map<String, Map<String, Object>> services = composeServices();
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String topic = "careerpath.compose-check." + System.nanoTime();

        Map<String, Object> commandEnvironment = environment(services, "command-service");
        Map<String, Object> queryEnvironment = environment(services, "query-service");
        String databaseUrl = databaseOwnedBy((String) commandEnvironment.get("SPRING_DATASOURCE_USERNAME"),
                (String) commandEnvironment.get("SPRING_DATASOURCE_PASSWORD"), infrastructure);
        // the real Keycloak with the compose realm: the same paths under another address (a free loopback port)
        KeycloakServer keycloak = KeycloakServer.get();
        Map<String, String> substitutes = new LinkedHashMap<>();
        substitutes.put(KEYCLOAK_INSIDE, keycloak.issuer());
        substitutes.put(KEYCLOAK, keycloak.issuer());
        substitutes.put("jdbc:postgresql://postgres:5432/careerpath", databaseUrl);
        substitutes.put("kafka:9092", infrastructure.kafkaBootstrapServers());
        substitutes.put("mongodb://mongo:27017", infrastructure.mongoUri());
        substitutes.put("careerpath.career-events", topic);
        substitutes.put("/var/lib/careerpath/erasure-ledger",
                Files.createTempDirectory(Path.of("target"), "compose-erasure-ledger-").toAbsolutePath().toString());
        assertThat(String.valueOf(queryEnvironment.get("CAREERPATH_QUERY_CLIENT_SECRET")))
                .as("the compose file's demo secret is the one Keycloak's realm import was given")
                .isEqualTo(KeycloakServer.QUERY_CLIENT_SECRET);

        try (ConfigurableApplicationContext command = start(CommandServiceApplication.builder(), commandEnvironment, substitutes)) {
            substitutes.put("http://command-service:8080", "http://127.0.0.1:" + port(command));
            try (ConfigurableApplicationContext query = start(QueryServiceApplication.builder(), queryEnvironment, substitutes)) {
                assertReady(command);
                assertReady(query);
                // both take the issuer's tokens: the HR administrator lists the imports and the teams
                String bearer = SignIn.atIssuer(keycloak.issuer(), KeycloakServer.REGISTERED_DASHBOARD_ORIGIN, "openid")
                        .bearer("hana");
                assertThat(api(command).get().uri("/api/imports").header("Authorization", bearer).retrieve()
                        .toBodilessEntity().getStatusCode().value()).isEqualTo(200);
                assertThat(api(query).get().uri("/api/teams").header("Authorization", bearer).retrieve()
                        .toBodilessEntity().getStatusCode().value()).isEqualTo(200);
                // the query service's key path: its client-credentials token from Keycloak with the compose secret
                String person = api(command).post().uri("/api/people").header("Authorization", bearer)
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .body("{\"displayName\": \"Cora Compose\", \"teamId\": \"team-apollo\"}")
                        .retrieve().body(JsonNode.class).get("personId").asText();
                org.awaitility.Awaitility.await("the name, opened with a key fetched through Keycloak")
                        .atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> api(query).get().uri("/api/people/" + person + "/timeline")
                                .header("Authorization", bearer).retrieve().body(String.class).contains("Cora Compose"));
            }
        }
    }

    private static final String KEYCLOAK = "http://localhost:8180/realms/careerpath";
    private static final String KEYCLOAK_INSIDE = "http://keycloak:8080/realms/careerpath";

    /**
     * Every container the compose file runs is a fixed release (a moving tag would change production under an
     * unchanged file), and the broker is the Kafka release whose jars the tests here run as brokers.
     */
    @Test
    void everyImageIsPinnedAndKafkaIsTheReleaseTestedHere() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();

        services.forEach((name, service) -> {
            if (service.containsKey("build")) {
                return; // the two services, built from this repository
            }
            assertThat(String.valueOf(service.get("image"))).as("the image of " + name)
                    .matches("[\\w./-]+:\\d+(\\.\\d+)+");
        });
        assertThat(services.get("kafka").get("image"))
                .isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("..", "docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Map<String, Object>> services, String service) {
        Map<String, Object> environment = new LinkedHashMap<>((Map<String, Object>) services.get(service).get("environment"));
        // compose interpolates ${VAR:-default}; with VAR unset, the default is what the service gets
        environment.replaceAll((name, value) -> {
            Matcher variable = DEFAULTED_VARIABLE.matcher(String.valueOf(value));
            return variable.replaceAll(match -> Matcher.quoteReplacement(match.group(2)));
        });
        // a JVM flag for the container's java command, not a setting of the service
        environment.remove("JAVA_TOOL_OPTIONS");
        return environment;
    }

    private static ConfigurableApplicationContext start(SpringApplicationBuilder service, Map<String, Object> environment,
                                                        Map<String, String> substitutes) {
        Map<String, Object> pointedAtStandIns = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            String setting = String.valueOf(value);
            for (Map.Entry<String, String> substitute : substitutes.entrySet()) {
                setting = setting.replace(substitute.getKey(), substitute.getValue());
            }
            pointedAtStandIns.put(name, setting);
        });
        // port 0: the compose file maps container ports; here any free port will do
        return service.initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("compose-environment", pointedAtStandIns)))
                .run("--server.port=0");
    }

    private static int port(ConfigurableApplicationContext service) {
        return ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    private static RestClient api(ConfigurableApplicationContext service) {
        return RestClient.create("http://127.0.0.1:" + port(service));
    }

    private static void assertReady(ConfigurableApplicationContext service) {
        JsonNode readiness = api(service).get().uri("/actuator/health/readiness")
                .retrieve().body(JsonNode.class);
        assertThat(readiness.get("status").asText()).as(readiness.toPrettyString()).isEqualTo("UP");
    }

    /** The compose file's database user, created on the local PostgreSQL if missing, owning a fresh database. */
    private static String databaseOwnedBy(String user, String password, TestInfrastructure infrastructure)
            throws SQLException {
        TestInfrastructure.Database admin = infrastructure.newDatabase();
        try (Connection connection = DriverManager.getConnection(admin.url(), admin.username(), admin.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + user + "') THEN "
                    + "CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'; END IF; END $$");
            statement.execute("GRANT ALL ON SCHEMA public TO " + user);
        }
        return admin.url();
    }
}
