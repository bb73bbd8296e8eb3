package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * The production restore (docs/operations.md, "Backup and restore"): the PostgreSQL event store restored
 * with {@code pg_restore} from a {@code pg_dump} taken while the platform ran, behind a Kafka topic and
 * MongoDB read models that kept everything recorded after the dump. Nothing of the read side is restored:
 * the integrity check at start finds the read models ahead of the store (and people it never held) and
 * repairs them from the store, new events reuse the sequence numbers the lost ones had, and every
 * timeline ends up holding exactly what the restored store holds. The person erased after the dump stays
 * erased: the erasure ledger, kept apart from the dump, erases them again at start.
 */
class RestoreBehindReadModelsTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TEAM = "team-restore-pg-" + RUN;
    private static final String KEPT = "Kept Before " + RUN;
    private static final String ERASED = "Erased After " + RUN;

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private final String topic = "careerpath.restore." + RUN;
    private final String readModels = "careerpath_restore_" + RUN;

    @Test
    void timelinesEndUpHoldingTheRestoredStoreAndThePersonErasedAfterTheDumpStaysErased() throws Exception {
        requirePostgresqlClients();
        Path work = Files.createTempDirectory(Path.of("target"), "restore-").toAbsolutePath();
        Path ledger = work.resolve("erasure-ledger");
        TestInfrastructure.Database original = infrastructure.newDatabase();
        Path dump = work.resolve("event-store.dump");
        String kept;
        String erased;
        String later;
        String lostEvent;
        try (PlatformServices services = start(original, ledger)) {
            CareerpathClient hr = client(services, "hana");
            kept = hr.register(KEPT, TEAM, "2015-01-05");
            hr.record(kept, Map.of("type", "DELIVERY_ROLE_STARTED", "effectiveDate", "2015-01-05", "projectName", "Atlas"));
            erased = hr.register(ERASED, TEAM, "2016-01-04");
            hr.awaitTimelineHoldingTheStore(kept);
            hr.awaitTimelineHoldingTheStore(erased);

            run(original, "pg_dump", "--format=custom", "--file=" + dump, database(original));

            lostEvent = hr.joinPmo(kept, "ORGANIZATIONAL", "2019-03-01").get("eventId").asText();
            later = hr.register("Registered After " + RUN, TEAM, "2020-01-06");
            assertThat(client(services, "paul").erase(erased)).isEqualTo(204);
            // the topic and the read models hold all of it
            assertThat(hr.awaitTimelineHoldingTheStore(kept)).contains(lostEvent);
            hr.awaitTimeline(later, timeline -> true);
            await().atMost(Duration.ofSeconds(60)).until(() -> hr.queryStatus("/api/people/{id}/timeline", erased) == 404);
        }

        TestInfrastructure.Database restored = infrastructure.newDatabase();
        run(restored, "pg_restore", "--no-owner", "--exit-on-error", "--dbname=" + database(restored), dump.toString());
        Instant restart = Instant.now();
        try (PlatformServices services = start(restored, ledger)) {
            CareerpathClient hr = client(services, "hana");

            JsonNode report = integrityCheckSince(services, restart);
            assertThat(report.get("outOfStepByKind").has("AHEAD")).as(report.toString()).isTrue();
            assertThat(report.get("outOfStepByKind").has("UNKNOWN_TO_EVENT_STORE")).as(report.toString()).isTrue();
            assertThat(report.get("repaired").asInt()).as(report.toString()).isEqualTo(report.get("outOfStep").asInt());
            assertThat(report.get("notRepaired").asInt()).as(report.toString()).isZero();

            // the career goes on from the restored store: its next event takes the number the lost one had
            List<String> stored = hr.awaitTimelineHoldingTheStore(kept);
            assertThat(stored).hasSize(2).doesNotContain(lostEvent);
            String next = hr.joinPmo(kept, "PROGRAM", "2019-04-01").get("eventId").asText();
            assertThat(hr.awaitTimelineHoldingTheStore(kept)).hasSize(4).contains(next).doesNotContain(lostEvent);
            assertThat(hr.queryStatus("/api/people/{id}/timeline", later)).isEqualTo(404);

            assertThat(rows(restored, "SELECT person_id FROM person_keys WHERE person_id = ?", erased)).isEmpty();
            assertThat(rows(restored, "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?"
                    + " ORDER BY sequencenumber", erased)).last().isEqualTo("io.careerpath.events.PersonErased");
            assertThat(hr.queryStatus("/api/people/{id}/timeline", erased)).isEqualTo(404);
            assertThat(hr.erase(erased)).isEqualTo(404);
            assertThat(hr.boardMembers(TEAM)).containsExactly(KEPT);
        }
    }

    private PlatformServices start(TestInfrastructure.Database database, Path ledger) {
        Map<String, String> command = new LinkedHashMap<>();
        command.put("server.port", "0");
        command.put("spring.datasource.url", database.url());
        command.put("spring.datasource.username", database.username());
        command.put("spring.datasource.password", database.password());
        command.put("careerpath.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        command.put("careerpath.kafka.topic", topic);
        command.put("careerpath.kafka.partitions", "3");
        command.put("careerpath.erasure-ledger.directory", ledger.toString());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("server.port", "0");
        query.put("spring.data.mongodb.uri", infrastructure.mongoUri());
        query.put("spring.data.mongodb.database", readModels);
        query.put("careerpath.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        query.put("careerpath.kafka.topic", topic);
        return PlatformServices.start(infrastructure.signInServer(), command, query, context -> {
        });
    }

    private CareerpathClient client(PlatformServices services, String account) {
        SignIn signIn = infrastructure.signIn();
        return new CareerpathClient(
                RestClient.builder().baseUrl("http://127.0.0.1:" + services.commandPort())
                        .defaultHeader("Content-Type", "application/json")
                        .requestInterceptor((request, body, execution) -> {
                            request.getHeaders().setBearerAuth(signIn.accessToken(account));
                            return execution.execute(request, body);
                        }).build(),
                RestClient.builder().baseUrl("http://127.0.0.1:" + services.queryPort())
                        .requestInterceptor((request, body, execution) -> {
                            request.getHeaders().setBearerAuth(signIn.accessToken(account));
                            return execution.execute(request, body);
                        }).build());
    }

    /** The query service's first integrity check after {@code since} (the one it runs at start), once done. */
    private JsonNode integrityCheckSince(PlatformServices services, Instant since) {
        RestClient query = RestClient.builder().baseUrl("http://127.0.0.1:" + services.queryPort()).build();
        JsonNode[] report = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            report[0] = query.get().uri("/api/admin/read-models/integrity")
                    .header("Authorization", infrastructure.signIn().bearer("hana")).retrieve().body(JsonNode.class);
            return report[0].hasNonNull("startedAt") && Instant.parse(report[0].get("startedAt").asText()).isAfter(since)
                    && "DONE".equals(report[0].get("state").asText());
        });
        return report[0];
    }

    /** pg_dump and pg_restore, as an operator runs them; without them the test cannot run (under CI: fails). */
    private static void requirePostgresqlClients() {
        for (String tool : List.of("pg_dump", "pg_restore")) {
            boolean found = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
            if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + tool + " is not on the PATH (Debian: postgresql-client)");
            }
            Assumptions.assumeTrue(found, tool + " is not on the PATH (Debian: postgresql-client)");
        }
    }

    private static String database(TestInfrastructure.Database database) {
        return database.url().substring(database.url().lastIndexOf('/') + 1);
    }

    /** Runs a PostgreSQL client tool against the database's server, as its user. */
    private static void run(TestInfrastructure.Database database, String tool, String... arguments)
            throws IOException, InterruptedException {
        URI server = URI.create(database.url().substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(tool, "--host=" + server.getHost(), "--port=" + server.getPort(),
                "--username=" + database.username()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", database.password());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(tool + " ends").isTrue();
        assertThat(process.exitValue()).as(tool + ": " + new String(output)).isZero();
    }

    private static List<String> rows(TestInfrastructure.Database database, String sql, String personId) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.username(), database.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, personId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
