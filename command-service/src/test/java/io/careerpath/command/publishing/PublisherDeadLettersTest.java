package io.careerpath.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A record Kafka refuses for good parks its person, not the publisher: the topic's {@code max.message.bytes}
 * is lowered (Admin API) below the size of one large event (a retraction with a long reason), and everyone
 * else's events keep reaching the topic while that person's events wait in the dead-letter queue, in order;
 * once the limit is raised, a retry through the admin API publishes them, in order.
 */
class PublisherDeadLettersTest extends PublisherTest {

    private static final String TOPIC = "career-events-dead-letters";
    /** Above every event of these tests but the retractions with a 1,000-character reason. */
    private static final String SMALL_LIMIT = "1500";
    private static final String KAFKAS_DEFAULT_LIMIT = "1048588";
    private static final String TOO_LARGE = RecordTooLargeException.class.getName();
    private static RealBroker broker;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        broker = RealBroker.start(Map.of());
        properties.add("careerpath.kafka.bootstrap-servers", broker::bootstrapServers);
        properties.add("careerpath.kafka.topic", () -> TOPIC);
        properties.add("spring.datasource.url", () -> eventStore("dead-letters"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void raiseTheLimit() throws Exception {
        broker.setTopicConfig(TOPIC, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, KAFKAS_DEFAULT_LIMIT);
    }

    @Test
    void theTopicTheServiceCreatesKeepsEveryRecordForever() throws Exception {
        Config config = broker.topicConfig(TOPIC);

        assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        assertThat(config.get(TopicConfig.RETENTION_BYTES_CONFIG).value()).isEqualTo("-1");
        assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        assertThat(health("").path("components").path("publishing").path("components").path("outbox").path("details")
                .has("retentionRepairedAtStartup")).as("a new topic needs no repair").isFalse();
    }

    @Test
    void aRecordTheTopicRefusesParksItsPersonWhileEveryoneElsesEventsFlowAndARetryPublishesThemInOrder() throws Exception {
        String parked = register("Parked Person");
        String other = register("Other Person");
        String third = register("Third Person");
        Recorded retracted = recordLoad(parked, 10, "2020-01-01");
        awaitOnTopic(parked, retracted);
        broker.setTopicConfig(TOPIC, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, SMALL_LIMIT);

        // Parked before anyone else records: a producer batch holding the refused record and others would be split
        // and resent by Kafka's producer forever, since this test's topic limit (1,500 bytes) is below the
        // producer's batch size (16 KB; docs/operations.md). A record over Kafka's default limit (1 MB) is sent alone.
        Recorded large = recordLargeRetraction(parked, retracted);
        // the refused event is parked, with Kafka's refusal as its cause
        JsonNode sequence = awaitParked(parked, 1);
        Recorded othersEvent = recordLoad(other, 20, "2020-02-01");
        Recorded thirdsEvent = recordLoad(third, 30, "2020-02-01");
        // everyone else's events reach the topic within seconds
        awaitOnTopic(other, othersEvent);
        awaitOnTopic(third, thirdsEvent);
        JsonNode letter = sequence.get("letters").get(0);
        assertThat(letter.get("eventId").asText()).isEqualTo(large.eventId());
        assertThat(letter.get("messageId").asText()).isEqualTo(large.messageId());
        assertThat(letter.get("eventType").asText()).isEqualTo("EVENT_RETRACTED");
        assertThat(letter.get("sequenceNumber").asLong()).isEqualTo(2);
        assertThat(letter.get("causeType").asText()).isEqualTo(TOO_LARGE);
        assertThat(sequence.get("processingGroup").asText()).isEqualTo("kafka-publisher");

        // the parked person's later events wait behind it, off the topic, while others' later events flow
        Recorded later = recordLoad(parked, 40, "2020-03-01");
        Recorded othersLater = recordLoad(other, 50, "2020-03-01");
        awaitOnTopic(other, othersLater);
        assertThat(onTopic(broker.records(TOPIC), parked)).doesNotContain(large.messageId(), later.messageId());
        JsonNode behind = awaitParked(parked, 2).get("letters").get(1);
        assertThat(behind.get("messageId").asText()).isEqualTo(later.messageId());
        assertThat(behind.get("causeType").asText()).isEqualTo("queued-behind-earlier-letter");

        // the publisher says so: DEGRADED (HTTP 200), the counts by cause; readiness is unaffected
        MockHttpServletResponse healthResponse = mvc.perform(get("/actuator/health")).andReturn().getResponse();
        assertThat(healthResponse.getStatus()).isEqualTo(200);
        JsonNode processor = json.readTree(healthResponse.getContentAsString())
                .path("components").path("publishing").path("components").path("processor");
        assertThat(processor.path("status").asText()).as(processor.toString()).isEqualTo("DEGRADED");
        JsonNode report = deadLetters();
        assertThat(processor.path("details").path("deadLetters").path("total").asLong())
                .isEqualTo(report.get("total").asLong()).isGreaterThanOrEqualTo(2);
        long tooLarge = report.get("byCause").get(TOO_LARGE).asLong();
        assertThat(processor.path("details").path("deadLetters").path("byCause").path(TOO_LARGE).asLong())
                .isEqualTo(tooLarge).isGreaterThanOrEqualTo(1);
        assertThat(health("/readiness").path("status").asText()).isEqualTo("UP");
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetterGauge(TOO_LARGE) == tooLarge);

        // the cause fixed, a retry publishes the parked events, in order
        broker.setTopicConfig(TOPIC, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, KAFKAS_DEFAULT_LIMIT);
        JsonNode retry = answer(mvc.perform(post("/api/admin/dead-letters/{sequence}/retry", parked).with(hrAdministrator()))
                .andReturn().getResponse(), 200);
        assertThat(retry.get("processed").asBoolean()).as(retry.toString()).isTrue();
        assertThat(retry.get("lettersLeft").asLong()).isZero();
        List<String> published = onTopic(broker.records(TOPIC), parked);
        assertThat(published).containsSubsequence(retracted.messageId(), large.messageId(), later.messageId());
        assertThat(published.indexOf(later.messageId())).isGreaterThan(published.lastIndexOf(large.messageId()));
        assertThat(parkedSequence(parked)).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetterGauge(TOO_LARGE) == tooLarge - 1);
    }

    @Test
    void aRetryWhileTheCauseRemainsSaysWhyAndAnEvictedLetterLetsTheOnesBehindItThrough() throws Exception {
        String parked = register("Evicted Person");
        Recorded retracted = recordLoad(parked, 10, "2020-01-01");
        awaitOnTopic(parked, retracted);
        broker.setTopicConfig(TOPIC, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, SMALL_LIMIT);
        Recorded large = recordLargeRetraction(parked, retracted);
        awaitParked(parked, 1);
        Recorded later = recordLoad(parked, 40, "2020-03-01");
        JsonNode letters = awaitParked(parked, 2).get("letters");

        JsonNode stillParked = answer(mvc.perform(post("/api/admin/dead-letters/{sequence}/retry", parked)
                .with(hrAdministrator())).andReturn().getResponse(), 200);
        assertThat(stillParked.get("processed").asBoolean()).isFalse();
        assertThat(stillParked.get("lettersLeft").asLong()).isEqualTo(2);
        assertThat(stillParked.get("causeType").asText()).isEqualTo(TOO_LARGE);

        assertThat(mvc.perform(delete("/api/admin/dead-letters/{sequence}/letters/{letter}", parked,
                letters.get(0).get("letterId").asText()).with(hrAdministrator())).andReturn().getResponse().getStatus()).isEqualTo(204);
        assertThat(awaitParked(parked, 1).get("letters").get(0).get("messageId").asText()).isEqualTo(later.messageId());
        JsonNode retried = answer(mvc.perform(post("/api/admin/dead-letters/{sequence}/retry", parked)
                .with(hrAdministrator())).andReturn().getResponse(), 200);

        assertThat(retried.get("processed").asBoolean()).as(retried.toString()).isTrue();
        assertThat(onTopic(broker.records(TOPIC), parked)).contains(later.messageId()).doesNotContain(large.messageId());
    }

    @Test
    void theAdministrationRefusesBadIdsUnknownSequencesAndCallersWhoAreNoHrAdministrators() throws Exception {
        String nobody = UUID.randomUUID().toString();
        assertProblem(mvc.perform(post("/api/admin/dead-letters/{sequence}/retry", "not-a-person").with(hrAdministrator()))
                .andReturn().getResponse(), 400, "invalid-value");
        assertProblem(mvc.perform(delete("/api/admin/dead-letters/{sequence}/letters/{letter}", nobody, "a b")
                .with(hrAdministrator())).andReturn().getResponse(), 400, "invalid-value");
        assertProblem(mvc.perform(post("/api/admin/dead-letters/{sequence}/retry", nobody).with(hrAdministrator()))
                .andReturn().getResponse(), 404, "dead-letter-sequence-not-found");
        assertProblem(mvc.perform(post("/api/admin/dead-letters/{sequence}/retry", "unkeyed").with(hrAdministrator()))
                .andReturn().getResponse(), 404, "dead-letter-sequence-not-found");
        assertProblem(mvc.perform(delete("/api/admin/dead-letters/{sequence}/letters/{letter}", nobody, UUID.randomUUID())
                .with(hrAdministrator())).andReturn().getResponse(), 404, "dead-letter-sequence-not-found");
        for (String role : List.of("EMPLOYEE", "MANAGER", "PMO_LEAD")) {
            assertProblem(mvc.perform(get("/api/admin/dead-letters").with(as(role))).andReturn().getResponse(), 403, "forbidden");
            assertProblem(mvc.perform(post("/api/admin/dead-letters/{sequence}/retry", nobody).with(as(role)))
                    .andReturn().getResponse(), 403, "forbidden");
        }
    }

    @Test
    void anUnknownLetterOfAParkedSequenceIsNotFoundAndChangesNothing() throws Exception {
        String parked = register("Unknown Letter Person");
        Recorded retracted = recordLoad(parked, 10, "2020-01-01");
        awaitOnTopic(parked, retracted);
        broker.setTopicConfig(TOPIC, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, SMALL_LIMIT);
        recordLargeRetraction(parked, retracted);
        awaitParked(parked, 1);

        assertProblem(mvc.perform(delete("/api/admin/dead-letters/{sequence}/letters/{letter}", parked, UUID.randomUUID())
                .with(hrAdministrator())).andReturn().getResponse(), 404, "dead-letter-not-found");
        assertThat(parkedSequence(parked).get("letters")).hasSize(1);

        broker.setTopicConfig(TOPIC, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, KAFKAS_DEFAULT_LIMIT);
        assertThat(answer(mvc.perform(post("/api/admin/dead-letters/{sequence}/retry", parked).with(hrAdministrator()))
                .andReturn().getResponse(), 200).get("processed").asBoolean()).isTrue();
    }

    private Recorded recordLargeRetraction(String personId, Recorded retracted) throws Exception {
        return record(personId, "{\"type\": \"EVENT_RETRACTED\", \"effectiveDate\": \"2020-01-02\", \"eventId\": \""
                + retracted.eventId() + "\", \"reason\": \"" + "A long explanation. ".repeat(50) + "\"}");
    }

    private void awaitOnTopic(String personId, Recorded event) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> onTopic(broker.records(TOPIC), personId).contains(event.messageId()));
    }

    private JsonNode deadLetters() throws Exception {
        return answer(mvc.perform(get("/api/admin/dead-letters").with(hrAdministrator())).andReturn().getResponse(), 200);
    }

    private JsonNode parkedSequence(String personId) throws Exception {
        for (JsonNode sequence : deadLetters().get("sequences")) {
            if (sequence.get("sequenceId").asText().equals(personId)) {
                return sequence;
            }
        }
        return null;
    }

    /** Waits until the person's sequence holds this many letters; answers it. */
    private JsonNode awaitParked(String personId, int letters) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode sequence = parkedSequence(personId);
            found.clear();
            if (sequence != null) {
                found.add(sequence);
            }
            return sequence != null && sequence.get("letters").size() == letters;
        });
        return found.get(0);
    }

    private double deadLetterGauge(String cause) {
        Gauge gauge = meters.find("careerpath.dead-letters").tags("processingGroup", "kafka-publisher", "cause", cause).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private void assertProblem(MockHttpServletResponse response, int status, String type) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:careerpath:problem:" + type);
        assertThat(problem.get("detail").asText()).isNotBlank();
    }
}
