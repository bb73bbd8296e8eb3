package io.careerpath.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On H2 the event table's identity hands out global indexes from a cache of 1,000 (the H2-only migration
 * {@code eventstore-h2/V7_2}); a crash of the process burns what was left of the cache, so the next event
 * after a restart is up to 1,000 indexes further on. The publisher's gap-aware token must carry on across
 * such a jump: every event after it published, in order, none waiting.
 */
class PublisherIndexJumpTest extends PublisherTest {

    private static final String TOPIC = "career-events-index-jump";
    private static RealBroker broker;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        broker = RealBroker.start(Map.of());
        properties.add("careerpath.kafka.bootstrap-servers", broker::bootstrapServers);
        properties.add("careerpath.kafka.topic", () -> TOPIC);
        properties.add("spring.datasource.url", () -> eventStore("index-jump"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void theServicesH2EventTableCachesAThousandIndexes() {
        assertThat(jdbc.queryForObject("SELECT identity_cache FROM information_schema.columns"
                + " WHERE table_name = 'domainevententry' AND column_name = 'globalindex'", Long.class)).isEqualTo(1_000L);
    }

    @Test
    void eventsAfterAJumpOfTheCacheSizeArePublishedInOrder() throws Exception {
        String person = register("Jump Person");
        Recorded before = recordLoad(person, 10, "2020-01-01");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> onTopic(broker.records(TOPIC), person).contains(before.messageId()));

        // what a kill -9 leaves behind: the indexes still cached are never handed out
        long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM domainevententry", Long.class);
        jdbc.execute("ALTER TABLE domainevententry ALTER COLUMN globalIndex RESTART WITH " + (head + 1_000));
        List<String> after = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            after.add(recordLoad(person, 10 + i, "2020-02-0" + i).messageId());
        }
        assertThat(jdbc.queryForObject("SELECT MIN(globalIndex) FROM domainevententry WHERE globalIndex > ?", Long.class, head))
                .isEqualTo(head + 1_000);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> onTopic(broker.records(TOPIC), person).containsAll(after));
        List<String> published = onTopic(broker.records(TOPIC), person);
        assertThat(published.subList(published.indexOf(before.messageId()), published.size()))
                .as("after the jump, each once and in the order recorded")
                .containsExactly(before.messageId(), after.get(0), after.get(1), after.get(2));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> health("")
                .path("components").path("publishing").path("components").path("processor").path("details")
                .path("waiting").asLong() == 0);
    }
}
