package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * What an operator scrapes: both services export Prometheus metrics for the commands by type and
 * outcome, the throughput of the publisher and of the projections, and how far the projections
 * trail (in events and in time).
 */
class PrometheusMetricsEndToEndTest {

    @Test
    void bothServicesExportCommandsByTypeAndOutcomeProcessorThroughputAndLag() {
        try (RunningPlatform platform = RunningPlatform.start()) {
            String personId = platform.client.register("Grace Hopper", "team-metrics");
            // refused (422): nothing to end yet; counted as a failed EndAssignment command
            assertThat(platform.client.tryRecord(personId,
                    Map.of("type", "ASSIGNMENT_ENDED", "effectiveDate", "2020-01-01"), Map.of())
                    .getStatusCode().value()).isEqualTo(422);
            platform.client.awaitTimeline(personId, timeline -> timeline.get("sequence").asLong() == 0);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape(platform.commandApi))
                    .containsPattern("commandBus_successCounter_total\\{payloadType=\"RegisterPerson\"} [1-9]")
                    .containsPattern("commandBus_failureCounter_total\\{payloadType=\"EndAssignment\"} [1-9]")
                    .containsPattern("eventProcessor_processedCounter_total\\{payloadType=\"PersonRegistered\","
                            + "processorName=\"kafka-publisher\"} [1-9]")
                    .contains("eventProcessor_latency{processorName=\"kafka-publisher\"}"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape(platform.queryApi))
                    .containsPattern("eventProcessor_processedCounter_total\\{payloadType=\"PersonRegistered\","
                            + "processorName=\"projections\"} [1-9]")
                    .contains("eventProcessor_latency{processorName=\"projections\"}")
                    .containsPattern("careerpath_projection_lag_events [0-9]"));
        }
    }

    private static String scrape(RestClient service) {
        return service.get().uri("/actuator/prometheus").retrieve().body(String.class);
    }
}
