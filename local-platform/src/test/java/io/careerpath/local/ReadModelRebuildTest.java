package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Recomputing every read model from the first event happens beside the live ones: queries keep
 * answering, and no answer ever comes from a half-built generation.
 */
class ReadModelRebuildTest {

    static RunningPlatform platform;

    @BeforeAll
    static void start() {
        platform = RunningPlatform.start();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void queriesDuringARebuildAlwaysSeeACompleteModelAndNewEventsFlowAfterTheSwitch() throws Exception {
        List<String> people = new ArrayList<>();
        Map<String, Integer> entriesBefore = new HashMap<>();
        long events = 0;
        for (int p = 0; p < 20; p++) {
            String personId = platform.client.register("Person " + p, "team-rebuild");
            long last = 0;
            for (int e = 0; e < 9; e++) {
                last = platform.client.joinPmo(personId, "PROGRAM", "201" + e + "-01-01").get("sequenceNumber").asLong();
            }
            long lastSequence = last;
            // each new role also records the end of the previous one: count what the history holds
            JsonNode timeline = platform.client.awaitTimeline(personId, t -> t.get("sequence").asLong() == lastSequence);
            entriesBefore.put(personId, timeline.get("entries").size());
            events += lastSequence + 1;
            people.add(personId);
        }

        AtomicBoolean querying = new AtomicBoolean(true);
        AtomicInteger answers = new AtomicInteger();
        ConcurrentLinkedQueue<String> incomplete = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            int i = 0;
            while (querying.get()) {
                String personId = people.get(i++ % people.size());
                try {
                    JsonNode timeline = platform.queryApi.get().uri("/api/people/{id}/timeline", personId)
                            .retrieve().body(JsonNode.class);
                    if (timeline.get("entries").size() != entriesBefore.get(personId)) {
                        incomplete.add(personId + " had " + timeline.get("entries").size() + " entries");
                    }
                } catch (RuntimeException e) {
                    incomplete.add(personId + ": " + e.getMessage());
                }
                answers.incrementAndGet();
            }
        });
        reader.start();

        ResponseEntity<JsonNode> started = platform.queryApi.post().uri("/api/admin/read-models/rebuild")
                .retrieve().toEntity(JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode[] progress = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            progress[0] = platform.queryApi.get().uri("/api/admin/read-models/rebuild").retrieve().body(JsonNode.class);
            return progress[0].get("state").asText().equals("DONE");
        });
        querying.set(false);
        reader.join();

        assertThat(incomplete).isEmpty();
        assertThat(answers.get()).isPositive();
        assertThat(progress[0].get("generation").asInt()).isEqualTo(2);
        assertThat(progress[0].get("done").asLong()).isEqualTo(progress[0].get("total").asLong()).isEqualTo(events);

        // the live projection resumed, and writes into the generation now active
        long next = platform.client.joinPmo(people.get(0), "EXECUTIVE", "2023-01-01").get("sequenceNumber").asLong();
        platform.client.awaitTimeline(people.get(0), t -> t.get("sequence").asLong() == next
                && t.get("entries").size() > entriesBefore.get(people.get(0)));
    }
}
