package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.events.AdministrativeLoadRecorded;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatusCode;

/**
 * One bad record parks one person, not the platform: records written into the real broker's topic by a
 * plain Kafka producer (no Axon headers, a payload that is not JSON, a type nobody knows, a field of the
 * wrong type) each park their person in the projection's dead-letter queue, with the reason, while every
 * other person's events keep appearing; health says so; an administrator sees them, evicts a record that
 * can never be read, and the person's own events follow.
 */
class MalformedRecordsTest {

    static RunningPlatform platform;
    static TopicRecords topic;

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
        topic = new TopicRecords(platform.infrastructure.kafkaBootstrapServers(), platform.topic);
    }

    @AfterAll
    static void stop() {
        topic.close();
    }

    private static String registered(String name) {
        String personId = platform.client.register(name, "team-records");
        platform.client.awaitTimeline(personId, t -> t.get("sequence").asLong() == 0);
        return personId;
    }

    private static JsonNode recordLoad(String personId, int percent) {
        return platform.client.record(personId, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED",
                "effectiveDate", LocalDate.of(2022, 1, 1).plusDays(percent).toString(), "percentOfTime", percent));
    }

    /** A well-formed record of the person's next event, which the store does not hold, to spoil. */
    private static ProducerRecord<String, byte[]> nextEventOf(String personId) {
        return topic.event(new AdministrativeLoadRecorded(personId, UUID.randomUUID().toString(), LocalDate.of(2023, 1, 1),
                "someone", Instant.now(), 30), 1, UUID.randomUUID().toString());
    }

    @Test
    void eachBadRecordParksItsPersonWhileEveryoneElsesEventsFlow() {
        String noHeaders = registered("No Headers");
        String notJson = registered("Not Json");
        String unknownType = registered("Unknown Type");
        String wrongField = registered("Wrong Field");
        topic.send(topic.plain(noHeaders, "{\"hello\": \"I am not an event\"}"));
        topic.send(topic.withValue(nextEventOf(notJson), "this is not JSON"));
        topic.send(topic.withType(nextEventOf(unknownType), "io.careerpath.events.SomethingNobodyKnows"));
        topic.send(topic.withValue(nextEventOf(wrongField), "{\"personId\": \"" + wrongField + "\", \"eventId\": \"x\","
                + " \"effectiveDate\": \"2023-01-01\", \"percentOfTime\": \"a lot\"}"));
        List<String> parked = List.of(noHeaders, notJson, unknownType, wrongField);
        parked.forEach(personId -> recordLoad(personId, 20));

        // everyone else's events appear as usual, recorded after the bad records
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String personId = platform.client.register("Bystander " + i, "team-records");
            recordLoad(personId, 10 + i);
            others.add(personId);
        }
        for (String personId : others) {
            platform.client.awaitTimelineHoldingTheStore(personId);
        }

        // each bad record's person is parked with its reason, and their own later event waits behind it
        JsonNode deadLetters = awaitDeadLetters(4);
        assertThat(deadLetters.get("total").asLong()).isEqualTo(8);
        for (String personId : parked) {
            assertThat(platform.client.awaitTimeline(personId, t -> true).get("sequence").asLong())
                    .as("parked person %s", personId).isZero();
        }
        assertThat(causeOf(deadLetters, noHeaders)).contains("no Axon headers");
        assertThat(causeOf(deadLetters, unknownType)).contains("SomethingNobodyKnows");
        assertThat(causeOf(deadLetters, notJson)).isNotBlank();
        assertThat(causeOf(deadLetters, wrongField)).isNotBlank();
        JsonNode health = platform.queryApi.get().uri("/actuator/health").retrieve().body(JsonNode.class);
        assertThat(health.at("/components/projection/status").asText()).isEqualTo("DEGRADED");
        assertThat(health.at("/components/projection/details/deadLetters/total").asLong()).isEqualTo(8);
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");

        // a retry alone changes nothing: the record still cannot be read
        JsonNode retried = retry(unknownType);
        assertThat(retried.get("processed").asBoolean()).isFalse();
        assertThat(retried.get("lettersLeft").asLong()).isEqualTo(2);

        // evicting the unreadable record lets the person's own events through on the next retry
        for (String personId : parked) {
            JsonNode first = sequenceOf(deadLetters(), personId).get("letters").get(0);
            platform.queryApi.delete().uri("/api/admin/dead-letters/{sequence}/letters/{letter}", personId,
                    first.get("letterId").asText()).retrieve().toBodilessEntity();
            assertThat(retry(personId).get("processed").asBoolean()).isTrue();
            platform.client.awaitTimelineHoldingTheStore(personId);
        }
        assertThat(deadLetters().get("total").asLong()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> platform.queryApi.get().uri("/actuator/health").retrieve()
                .body(JsonNode.class).at("/components/projection/status").asText().equals("UP"));
    }

    @Test
    void deadLettersAreForAdministratorsAndMalformedIdsAreRefused() {
        assertThat(platform.queryApiAs("paul").get().uri("/api/admin/dead-letters").retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> {
                }).toBodilessEntity().getStatusCode().value()).isEqualTo(403);
        var refused = platform.queryApi.post().uri("/api/admin/dead-letters/{sequence}/retry", "not-a-person")
                .retrieve().onStatus(HttpStatusCode::isError, (request, response) -> {
                }).toEntity(JsonNode.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().get("detail").asText()).contains("sequenceId");
        var unknown = platform.queryApi.post().uri("/api/admin/dead-letters/{sequence}/retry", UUID.randomUUID())
                .retrieve().onStatus(HttpStatusCode::isError, (request, response) -> {
                }).toEntity(JsonNode.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    }

    private static JsonNode deadLetters() {
        return platform.queryApi.get().uri("/api/admin/dead-letters").retrieve().body(JsonNode.class);
    }

    private static JsonNode awaitDeadLetters(int sequences) {
        JsonNode[] letters = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            letters[0] = deadLetters();
            return letters[0].get("sequences").size() == sequences && letters[0].get("total").asLong() == 2L * sequences;
        });
        return letters[0];
    }

    private static JsonNode sequenceOf(JsonNode deadLetters, String personId) {
        for (JsonNode sequence : deadLetters.get("sequences")) {
            if (sequence.get("sequenceId").asText().equals(personId)) {
                return sequence;
            }
        }
        throw new AssertionError("No parked sequence for " + personId + " in " + deadLetters);
    }

    private static String causeOf(JsonNode deadLetters, String personId) {
        return sequenceOf(deadLetters, personId).get("letters").get(0).get("causeMessage").asText();
    }

    private static JsonNode retry(String personId) {
        return platform.queryApi.post().uri("/api/admin/dead-letters/{sequence}/retry", personId).retrieve()
                .body(JsonNode.class);
    }
}
