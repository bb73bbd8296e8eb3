package io.careerpath.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The publisher's health tells the truth: UP while it keeps up, with its position and nothing waiting;
 * DOWN once it has published nothing for longer than the no-progress limit while events wait (the broker
 * stopped), and the service's readiness stays UP meanwhile, showing the backlog: recording goes on while
 * Kafka is away. (Parked events, DEGRADED, are in {@link PublisherDeadLettersTest}.)
 */
class PublisherHealthTest extends PublisherTest {

    private static final String TOPIC = "career-events-health";
    private static RealBroker broker;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        broker = RealBroker.start(Map.of());
        properties.add("careerpath.kafka.bootstrap-servers", broker::bootstrapServers);
        properties.add("careerpath.kafka.topic", () -> TOPIC);
        properties.add("careerpath.kafka.no-progress-limit", () -> "3s");
        properties.add("spring.datasource.url", () -> eventStore("health"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void upWhileItKeepsUpThenDownWhenStuckWithEventsWaitingWhileReadinessStaysUp() throws Exception {
        String person = register("Health Person");
        recordLoad(person, 10, "2020-01-01");
        await().atMost(Duration.ofSeconds(30)).until(() -> processor().path("details").path("waiting").asLong() == 0
                && processor().path("status").asText().equals("UP"));
        JsonNode healthy = processor();
        assertThat(healthy.path("details").path("position").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(healthy.path("details").path("segmentsClaimed").asInt()).isEqualTo(1);

        broker.close();
        for (int i = 0; i < 3; i++) {
            recordLoad(person, 20 + i, "2020-02-0" + (i + 1));
        }

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> processor().path("status").asText().equals("DOWN"));
        JsonNode stuck = processor();
        assertThat(stuck.path("details").path("waiting").asLong()).isEqualTo(3);
        assertThat(stuck.path("details").path("reason").asText()).as(stuck.toString())
                .containsAnyOf("no progress for", "in error");
        MockHttpServletResponse overall = mvc.perform(get("/actuator/health")).andReturn().getResponse();
        assertThat(overall.getStatus()).as(overall.getContentAsString()).isEqualTo(503);
        MockHttpServletResponse readiness = mvc.perform(get("/actuator/health/readiness")).andReturn().getResponse();
        JsonNode ready = json.readTree(readiness.getContentAsString());
        assertThat(readiness.getStatus()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.path("status").asText()).isEqualTo("UP");
        assertThat(ready.path("components").path("publishing").path("components").path("outbox").path("details")
                .path("waiting").asLong()).isEqualTo(3);
        assertThat(ready.path("components").has("kafka")).as("kafka is outside readiness").isFalse();
    }

    private JsonNode processor() throws Exception {
        return health("").path("components").path("publishing").path("components").path("processor");
    }
}
