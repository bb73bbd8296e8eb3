package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

/**
 * Backup and restore of the single-machine mode, as docs/operations.md tells an operator to do it: a backup
 * of the running platform, more recorded after it (a career goes on, someone new, an erasure), then the
 * backup restored onto a new installation (a new data directory holding the old one's erasure ledger and
 * nothing else: new Kafka log, new read models). Everything recorded before the backup is there, and only
 * that; whoever was erased after the backup stays erased, their key gone again.
 */
@Tag("bad-day")
class LocalPlatformRestoreTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TEAM = "team-restore-" + RUN;
    private static final String KEPT = "Kept Before " + RUN;
    private static final String ERASED = "Erased After " + RUN;

    @TempDir
    Path dir;

    @Test
    void aBackupRestoredOntoANewInstallationHoldsWhatCameBeforeItAndNobodyErasedAfterIt() throws Exception {
        Path original = dir.resolve("original");
        Path restored = dir.resolve("restored");
        String kept;
        String erased;
        String later;
        List<String> keptAtBackup;
        String keptAfterBackup;
        Path backup;
        try (LocalPlatform platform = LocalPlatform.start(settings(original))) {
            CareerpathClient hr = CareerpathClient.signedInAt(platform, "hana");
            kept = hr.register(KEPT, TEAM, "2015-01-05");
            hr.record(kept, Map.of("type", "DELIVERY_ROLE_STARTED", "effectiveDate", "2015-01-05", "projectName", "Atlas"));
            erased = hr.register(ERASED, TEAM, "2016-01-04");
            hr.record(erased, Map.of("type", "JOINED_PMO", "effectiveDate", "2018-03-01", "pmoType", "PROGRAM",
                    "pmoName", "PMO of " + ERASED));
            keptAtBackup = hr.awaitTimelineHoldingTheStore(kept);
            hr.awaitTimelineHoldingTheStore(erased);

            backup = platform.backUp();

            keptAfterBackup = hr.joinPmo(kept, "ORGANIZATIONAL", "2019-03-01").get("eventId").asText();
            later = hr.register("Registered After " + RUN, TEAM, "2020-01-06");
            assertThat(CareerpathClient.signedInAt(platform, "paul").erase(erased)).isEqualTo(204);
            assertThat(hr.awaitTimelineHoldingTheStore(kept)).contains(keptAfterBackup);
            hr.awaitTimeline(later, timeline -> true);
            awaitStatus(hr, 404, "/api/people/{id}/timeline", erased);
        }

        // a new installation: the ledger of the one restored, then the backup, as docs/operations.md says
        assertThat(original.resolve("erasure-ledger")).as("the erasure is in the data directory's ledger")
                .isDirectoryContaining("glob:**.jsonl");
        FileSystemUtils.copyRecursively(original.resolve("erasure-ledger"), restored.resolve("erasure-ledger"));
        EventStoreBackups.restore(backup, restored);

        LocalPlatform.Settings restoredSettings = settings(restored);
        try (LocalPlatform platform = LocalPlatform.start(restoredSettings)) {
            CareerpathClient hr = CareerpathClient.signedInAt(platform, "hana");
            DataSource store = platform.services().commandContext().getBean(DataSource.class);

            // what was recorded before the backup, and only that, in the store and in the timeline
            assertThat(hr.awaitTimelineHoldingTheStore(kept)).isEqualTo(keptAtBackup).doesNotContain(keptAfterBackup);
            assertThat(hr.queryStatus("/api/people/{id}/timeline", later)).isEqualTo(404);
            assertThat(rows(store, "SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ?", later))
                    .isEmpty();

            // erased after the backup: erased again at start, before the first request
            assertThat(rows(store, "SELECT person_id FROM person_keys WHERE person_id = ?", erased)).isEmpty();
            assertThat(rows(store, "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?"
                    + " ORDER BY sequencenumber", erased)).last().isEqualTo("io.careerpath.events.PersonErased");
            JsonNode ledger = RestClient.create("http://127.0.0.1:" + platform.services().commandPort())
                    .get().uri("/actuator/health/erasureLedger").retrieve().body(JsonNode.class);
            assertThat(ledger.at("/details/atStart/recordedAgain").asInt()).isEqualTo(1);
            assertThat(ledger.at("/details/atStart/keysDeleted").asInt()).isEqualTo(1);
            awaitStatus(hr, 404, "/api/people/{id}/timeline", erased);
            assertThat(hr.queryStatus("/api/people/{id}/skills", erased)).isEqualTo(404);
            assertThat(hr.tryRecord(erased, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", "2021-01-04",
                    "percentOfTime", 10), Map.of()).getStatusCode().value()).isEqualTo(404);
            assertThat(hr.erase(erased)).isEqualTo(404);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(hr.boardMembers(TEAM)).containsExactly(KEPT));

            // the new installation's topic holds the whole restored history again, not only what came after it
            long storedEvents = Long.parseLong(rows(store, "SELECT COUNT(*) FROM domainevententry").get(0));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(recordsOnTheTopic(restoredSettings.kafkaPort())).as("records on the new topic")
                            .isGreaterThanOrEqualTo(storedEvents));
        }
    }

    private static long recordsOnTheTopic(int kafkaPort) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort))) {
            String topic = "careerpath.career-events";
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(partition -> ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
            return admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        }
    }

    private static LocalPlatform.Settings settings(Path dataDir) {
        return new LocalPlatform.Settings(dataDir, 0, 0, TestInfrastructure.freePort(), TestInfrastructure.freePort(),
                TestInfrastructure.freePort());
    }

    private static void awaitStatus(CareerpathClient client, int status, String uri, Object... variables) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.queryStatus(uri, variables) == status);
    }

    private static List<String> rows(DataSource dataSource, String sql, String... parameters) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
