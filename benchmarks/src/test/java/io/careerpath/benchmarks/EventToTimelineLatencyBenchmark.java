package io.careerpath.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.local.LocalPlatform;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Event to visible: how long after the command API answered does the event show in the person's
 * timeline, on the single-machine mode (H2 event store, KRaft broker, Mongo-wire server, both
 * services in one JVM). One event at a time, the next one only once the previous is visible: the
 * latency of an idle platform, not under load.
 */
class EventToTimelineLatencyBenchmark {

    @TempDir
    Path dataDir;

    @Test
    void measureEventToTimelineLatency() throws Exception {
        int events = BenchmarkSize.current().pick(30, 300);
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Settings(dataDir, 0, 0,
                freePort(), freePort(), freePort()))) {
            RestClient command = RestClient.builder()
                    .baseUrl("http://127.0.0.1:" + platform.services().commandPort())
                    .defaultHeader("Content-Type", MediaType.APPLICATION_JSON_VALUE).build();
            RestClient query = RestClient.builder().baseUrl("http://127.0.0.1:" + platform.services().queryPort()).build();
            String personId = command.post().uri("/api/people")
                    .body(Map.of("displayName", "Benchmark", "teamId", "bench"))
                    .retrieve().body(JsonNode.class).get("personId").asText();

            double[] millis = new double[events];
            for (int i = 0; i < events; i++) {
                JsonNode recorded = command.post().uri("/api/people/{id}/career-events", personId)
                        .body(Map.of("type", "JOINED_PMO", "pmoType", i % 2 == 0 ? "PROGRAM" : "EXECUTIVE",
                                "effectiveDate", LocalDate.of(2000, 1, 1).plusDays(i * 7L).toString()))
                        .retrieve().body(JsonNode.class);
                long answered = System.nanoTime();
                long sequence = recorded.get("sequenceNumber").asLong();
                while (true) {
                    JsonNode timeline = queryTimeline(query, personId);
                    if (timeline != null && timeline.get("sequence").asLong() >= sequence) {
                        break;
                    }
                    Thread.onSpinWait();
                }
                millis[i] = (System.nanoTime() - answered) / 1e6;
            }
            Arrays.sort(millis);
            BenchmarkReport.row("Event to visible in the timeline, one at a time, single-machine mode",
                    events + " events", List.of(
                            "p50 " + fmt(percentile(millis, 50)) + " ms",
                            "p99 " + fmt(percentile(millis, 99)) + " ms",
                            "max " + fmt(millis[millis.length - 1]) + " ms"));
            assertThat(millis).hasSize(events);
        }
    }

    private static JsonNode queryTimeline(RestClient query, String personId) {
        try {
            return query.get().uri("/api/people/{id}/timeline", personId).retrieve().body(JsonNode.class);
        } catch (org.springframework.web.client.HttpClientErrorException.NotFound notYet) {
            return null;
        }
    }

    static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
