package io.careerpath.local;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.careerpath.events.AdministrativeLoadRecorded;
import io.careerpath.query.history.PackedEntries;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whatever the topic or MongoDB holds, a person's timeline ends up holding exactly the events the event
 * store holds: compared here with the store itself (the audit view), on the real broker, event store and
 * Mongo-wire server, after each way the read side can drift.
 */
class ReadModelConvergenceTest {

    static RunningPlatform platform;
    static MongoClient mongo;
    static TopicRecords topic;

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
        mongo = MongoClients.create(platform.infrastructure.mongoUri());
        topic = new TopicRecords(platform.infrastructure.kafkaBootstrapServers(), platform.topic);
    }

    @AfterAll
    static void stop() {
        topic.close();
        mongo.close();
    }

    private static MongoCollection<Document> histories() {
        Document active = platform.readModels(mongo).getCollection("read_model_generations").find(eq("_id", "active")).first();
        int generation = active == null ? 1 : active.getInteger("generation");
        return platform.readModels(mongo).getCollection("person_histories_g" + generation);
    }

    private static String personWithEvents(String name, int loads) {
        String personId = platform.client.register(name, "team-drift");
        for (int i = 0; i < loads; i++) {
            platform.client.record(personId, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED",
                    "effectiveDate", LocalDate.of(2020, 1, 1).plusMonths(i).toString(), "percentOfTime", 10 + i));
        }
        platform.client.awaitTimelineHoldingTheStore(personId);
        return personId;
    }

    private static AdministrativeLoadRecorded load(String personId, int percent) {
        return new AdministrativeLoadRecorded(personId, UUID.randomUUID().toString(), LocalDate.of(2024, 1, 1), "someone",
                Instant.now(), percent);
    }

    private static double metric(String name, String tag) {
        String text = platform.queryApi.get().uri("/actuator/prometheus").retrieve().body(String.class);
        return text.lines().filter(line -> (line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(tag))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void anEventTheStoreNeverHeldIsReplacedByTheStoredOneThatReusesItsNumber() {
        String personId = personWithEvents("Lost Event", 1);
        // what a crash used to leave: an event published and projected, then lost from the event store
        AdministrativeLoadRecorded lost = load(personId, 99);
        topic.send(topic.event(lost, 2, UUID.randomUUID().toString()));
        platform.client.awaitTimeline(personId, t -> t.get("sequence").asLong() == 2);

        // the next event recorded for the person gets the same number
        JsonNode recorded = platform.client.record(personId, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED",
                "effectiveDate", "2024-02-01", "percentOfTime", 42));
        assertThat(recorded.get("sequenceNumber").asLong()).isEqualTo(2);

        List<String> stored = platform.client.awaitTimelineHoldingTheStore(personId);
        assertThat(stored).contains(recorded.get("eventId").asText()).doesNotContain(lost.eventId());
        JsonNode atTheNumber = platform.queryApi.get().uri("/api/people/{id}/timeline?minSequence=2", personId)
                .retrieve().body(JsonNode.class);
        assertThat(CareerpathClient.eventIds(atTheNumber)).contains(recorded.get("eventId").asText())
                .doesNotContain(lost.eventId());
        assertThat(metric("careerpath_projection_anomalies_total", "kind=\"conflict\"")).isPositive();
    }

    @Test
    void aPersonWhoseReadModelLostEventsIsCompletedFromTheStoreAtTheirNextEvent() {
        String personId = personWithEvents("Skipped Batch", 3);
        // what a token stored before its documents used to leave: the person's latest events never written
        histories().updateOne(eq("_id", personId), Updates.combine(Updates.unset("entries.2"), Updates.unset("entries.3"),
                Updates.set("lastSequence", 1)));

        platform.client.record(personId, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", "2024-03-01",
                "percentOfTime", 7));

        assertThat(platform.client.awaitTimelineHoldingTheStore(personId)).hasSize(5);
        assertThat(metric("careerpath_projection_anomalies_total", "kind=\"gap\"")).isPositive();
    }

    @Test
    void theIntegrityCheckFindsEveryKindOfDriftAndRepairsItWithoutARebuild() {
        // the check the service runs at start must be over before any read model is altered: on a slow
        // machine it may still be running, and would find and repair the drift made below before ours
        await().atMost(Duration.ofSeconds(120))
                .until(() -> List.of("DONE", "FAILED").contains(integrity().get("state").asText()));
        String missing = personWithEvents("Missing Person", 1);
        String behind = personWithEvents("Behind Person", 2);
        String different = personWithEvents("Different Person", 1);
        String ahead = personWithEvents("Ahead Person", 1);
        String inStep = personWithEvents("In Step Person", 1);
        String unknown = UUID.randomUUID().toString();
        MongoCollection<Document> histories = histories();
        histories.deleteOne(eq("_id", missing));
        histories.updateOne(eq("_id", behind), Updates.combine(Updates.unset("entries.2"), Updates.set("lastSequence", 1)));
        Document altered = PackedEntries.unpack(histories.find(eq("_id", different)).first().get("entries", Document.class).get("1"))
                .append("messageId", UUID.randomUUID().toString());
        histories.updateOne(eq("_id", different), Updates.set("entries.1", PackedEntries.pack(altered)));
        Object extra = histories.find(eq("_id", ahead)).first().get("entries", Document.class).get("1");
        histories.updateOne(eq("_id", ahead), Updates.combine(Updates.set("entries.2", extra), Updates.set("lastSequence", 2)));
        histories.insertOne(new Document("_id", unknown).append("lastSequence", 0).append("entries", new Document()));

        JsonNode report = check();

        assertThat(report.get("outOfStepByKind").get("MISSING").asLong()).isEqualTo(1);
        assertThat(report.get("outOfStepByKind").get("BEHIND").asLong()).isEqualTo(1);
        assertThat(report.get("outOfStepByKind").get("DIFFERENT").asLong()).isEqualTo(1);
        assertThat(report.get("outOfStepByKind").get("AHEAD").asLong()).isEqualTo(1);
        assertThat(report.get("outOfStepByKind").get("UNKNOWN_TO_EVENT_STORE").asLong()).isEqualTo(1);
        assertThat(report.get("outOfStep").asLong()).isEqualTo(5);
        assertThat(report.get("repaired").asLong()).isEqualTo(5);
        assertThat(report.get("notRepaired").asLong()).isZero();
        for (String personId : List.of(missing, behind, different, ahead, inStep)) {
            platform.client.awaitTimelineHoldingTheStore(personId);
        }
        assertThat(platform.client.tryTimeline(unknown).getStatusCode().value()).isEqualTo(404);

        JsonNode again = check();
        assertThat(again.get("outOfStep").asLong()).isZero();
        assertThat(again.get("peopleChecked").asLong()).isEqualTo(report.get("peopleChecked").asLong() - 1);
        JsonNode health = platform.queryApi.get().uri("/actuator/health").retrieve().body(JsonNode.class);
        assertThat(health.at("/components/readModels/status").asText()).isEqualTo("UP");
        assertThat(metric("careerpath_read_models_checked", "")).isEqualTo(again.get("peopleChecked").asDouble());
    }

    /** Runs a check now and answers its report. */
    private static JsonNode check() {
        String startedAt = platform.queryApi.post().uri("/api/admin/read-models/integrity").retrieve()
                .body(JsonNode.class).get("startedAt").asText();
        JsonNode[] report = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            report[0] = integrity();
            return report[0].get("startedAt").asText().equals(startedAt) && report[0].get("state").asText().equals("DONE");
        });
        return report[0];
    }

    private static JsonNode integrity() {
        return platform.queryApi.get().uri("/api/admin/read-models/integrity").retrieve().body(JsonNode.class);
    }
}
