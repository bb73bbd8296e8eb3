package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * Rebuilds and new instances never build partial histories, whatever the topic still holds. The topic is
 * made to really delete its old segments (a short retention and small segments on the real broker); a new
 * query service, started on it with read models of its own, still ends with every person's history exactly
 * as the event store holds it, says that the topic no longer holds everything, and a rebuild does too.
 */
@Tag("bad-day")
class TruncatedTopicTest {

    @Test
    void aNewInstanceAndARebuildOnATopicThatDeletedItsOldRecordsBuildCompleteHistories() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     platform.infrastructure.kafkaBootstrapServers()))) {
            List<String> people = new ArrayList<>();
            for (int p = 0; p < 12; p++) {
                String personId = platform.client.register("Retained " + p, "team-retention", "2015-01-01");
                record(platform, personId, 0);
                people.add(personId);
            }
            people.forEach(platform.client::awaitTimelineHoldingTheStore);

            // the topic forgets: every partition drops its first segments while new events keep arriving
            alter(admin, platform.topic, Map.of("retention.ms", "200", "segment.ms", "100"));
            int[] round = {1};
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                people.forEach(personId -> record(platform, personId, round[0]));
                round[0]++;
                return firstOffsets(admin, platform.topic).values().stream().allMatch(first -> first > 0);
            });
            // then nobody records for a while, and retention deletes every record the topic held: a partition
            // with no record left still has an end offset, which a new projection never holds a position for
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    offsets(admin, platform.topic, OffsetSpec.earliest()).equals(offsets(admin, platform.topic, OffsetSpec.latest())));
            alter(admin, platform.topic, Map.of("retention.ms", "-1", "segment.ms", "604800000"));
            people.forEach(platform.client::awaitTimelineHoldingTheStore);

            String database = platform.readModelDatabase + "_new";
            try (ConfigurableApplicationContext another = platform.startAnotherQueryService(database)) {
                int port = ((WebServerApplicationContext) another).getWebServer().getPort();
                RestClient queryApi = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                        .requestInterceptor((request, body, execution) -> {
                            request.getHeaders().set("Authorization", platform.bearer(RunningPlatform.HR_ADMIN));
                            return execution.execute(request, body);
                        }).build();
                CareerpathClient newInstance = new CareerpathClient(platform.commandApi, queryApi);
                people.forEach(newInstance::awaitTimelineHoldingTheStore);
                JsonNode report = awaitCheck(queryApi);
                assertThat(report.get("topic").get("holdsEverything").asBoolean()).isFalse();
                JsonNode health = queryApi.get().uri("/actuator/health").retrieve().body(JsonNode.class);
                assertThat(health.at("/components/readModels/details/topicHoldsEverything").asBoolean()).isFalse();
                // and its answers do not claim to be stale because of records that no longer exist
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> "0".equals(
                        queryApi.get().uri("/api/people/{id}/timeline", people.get(0)).retrieve().toBodilessEntity()
                                .getHeaders().getFirst("Careerpath-Read-Model-Lag")));
            }

            platform.queryApi.post().uri("/api/admin/read-models/rebuild").retrieve().toBodilessEntity();
            await().atMost(Duration.ofSeconds(90)).until(() -> platform.queryApi.get().uri("/api/admin/read-models/rebuild")
                    .retrieve().body(JsonNode.class).get("state").asText().equals("DONE"));
            people.forEach(platform.client::awaitTimelineHoldingTheStore);
        }
    }

    private static void record(RunningPlatform platform, String personId, int round) {
        platform.client.record(personId, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED",
                "effectiveDate", LocalDate.of(2016, 1, 1).plusDays(round).toString(), "percentOfTime", round % 100));
    }

    private static void alter(Admin admin, String topic, Map<String, String> settings) throws Exception {
        Collection<AlterConfigOp> changes = settings.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET)).toList();
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), changes))
                .all().get(10, TimeUnit.SECONDS);
    }

    private static Map<TopicPartition, Long> firstOffsets(Admin admin, String topic) throws Exception {
        return offsets(admin, topic, OffsetSpec.earliest());
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, String topic, OffsetSpec spec) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetSpec> specs = new java.util.HashMap<>();
        partitions.forEach(p -> specs.put(p, spec));
        Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
        admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS).forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    /** The integrity report of the check the new instance ran at start, once it is done. */
    private static JsonNode awaitCheck(RestClient queryApi) {
        JsonNode[] report = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            report[0] = queryApi.get().uri("/api/admin/read-models/integrity").retrieve().body(JsonNode.class);
            String state = report[0].get("state").asText();
            assertThat(state).as("the integrity check's state (report %s)", report[0]).isNotEqualTo("FAILED");
            return state.equals("DONE");
        });
        return report[0];
    }
}
