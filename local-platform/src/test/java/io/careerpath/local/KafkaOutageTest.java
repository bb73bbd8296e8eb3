package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka is the bus, not the store: while the broker is away, commands are still recorded in the
 * event store, and once it is back every one of them reaches the read model, exactly once.
 */
class KafkaOutageTest {

    static RunningPlatform platform;

    @BeforeAll
    static void start() {
        platform = RunningPlatform.start();
    }

    @AfterAll
    static void stop() {
        platform.infrastructure.startKafka();
        platform.close();
    }

    @Test
    void eventsRecordedWhileKafkaIsDownAllReachTheTimelineExactlyOnceWhenItReturns() {
        String personId = platform.client.register("Margaret Hamilton", "team-apollo");
        platform.client.awaitTimeline(personId, timeline -> timeline.get("entries").size() == 1);

        platform.infrastructure.stopKafka();
        Set<String> recorded = new HashSet<>();
        LocalDate first = LocalDate.of(2015, 1, 1);
        long lastSequence = 0;
        for (int i = 0; i < 100; i++) {
            String date = first.plusWeeks(i).toString();
            JsonNode answer = platform.client.joinPmo(personId, List.of("PROGRAM", "ORGANIZATIONAL", "EXECUTIVE").get(i % 3), date);
            recorded.add(answer.get("eventId").asText());
            lastSequence = answer.get("sequenceNumber").asLong();
        }
        platform.infrastructure.startKafka();

        // each PMO role after the first also records the end of the one before it: 199 events in all
        long expectedSequence = lastSequence;
        assertThat(expectedSequence).isEqualTo(199);
        JsonNode timeline = platform.client.awaitTimeline(personId, t -> t.get("sequence").asLong() == expectedSequence);
        List<String> shown = StreamSupport.stream(timeline.get("entries").spliterator(), false)
                .filter(entry -> entry.get("type").asText().equals("JOINED_PMO"))
                .map(entry -> entry.get("eventId").asText())
                .toList();
        assertThat(shown).hasSize(100).doesNotHaveDuplicates();
        assertThat(new HashSet<>(shown)).isEqualTo(recorded);
    }
}
