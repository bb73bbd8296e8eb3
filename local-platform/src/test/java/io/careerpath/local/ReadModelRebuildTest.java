package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.query.source.SourceOfTruth;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Recomputing every read model from the first event happens beside the live ones: queries keep
 * answering, and no answer ever comes from a half-built generation. Events recorded while the rebuild runs
 * (after it read which events the store held, while the live projection is paused) are not lost: afterwards
 * every person's read model is what the event store holds, entry by entry.
 *
 * <p>So that writes surely happen during the rebuild, however slow the machine, the query service's reads of the
 * event store are wrapped ({@link RebuildGate}): the rebuild's first read of events waits there, running, until
 * the writers have had events acknowledged; no sleeping, no timing-dependent count.
 */
class ReadModelRebuildTest {

    private static final int WRITERS = 4;
    /** Acknowledged per writer while the rebuild is held (after that, writers go on until it is done). */
    private static final int WRITES_WHILE_HELD = 5;

    static RunningPlatform platform;
    static final RebuildGate gate = new RebuildGate();

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass(() -> RunningPlatform.start(
            context -> context.addBeanFactoryPostProcessor(beanFactory -> beanFactory.addBeanPostProcessor(gate))));

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
    }

    /**
     * Wraps the query service's {@link SourceOfTruth}: the first time the rebuild (its {@code read-model-rebuild}
     * threads: the rebuild's own and its reader) reads events, which it does after it read the store's heads (its
     * plan), it says so and waits until released (at most two minutes). Every other read passes straight through.
     */
    static final class RebuildGate implements BeanPostProcessor {
        final CountDownLatch rebuildHoldsItsPlan = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean held = new AtomicBoolean();

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (!(bean instanceof SourceOfTruth source)) {
                return bean;
            }
            return Proxy.newProxyInstance(SourceOfTruth.class.getClassLoader(), new Class<?>[] {SourceOfTruth.class},
                    (proxy, method, arguments) -> {
                        if (method.getName().equals("eventsOf") && Thread.currentThread().getName().startsWith("read-model-rebuild")
                                && held.compareAndSet(false, true)) {
                            rebuildHoldsItsPlan.countDown();
                            release.await(2, TimeUnit.MINUTES);
                        }
                        try {
                            return method.invoke(source, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @AfterAll
    static void stop() {
        gate.release.countDown();
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
        // the writers' people, registered before the rebuild: their later events are recorded while it runs
        List<String> writersPeople = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String personId = platform.client.register("Writer " + w, "team-rebuild-writers");
            platform.client.awaitTimelineHoldingTheStore(personId);
            writersPeople.add(personId);
            events += 1;
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

        // the rebuild has read which events the store holds and paused the live projection: record now
        assertThat(gate.rebuildHoldsItsPlan.await(60, TimeUnit.SECONDS)).as("the rebuild reads the event store").isTrue();
        assertThat(rebuildProgress().get("state").asText()).isEqualTo("RUNNING");
        AtomicBoolean writing = new AtomicBoolean(true);
        Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> written = new ArrayList<>();
        for (String personId : writersPeople) {
            acknowledged.put(personId, new CopyOnWriteArrayList<>());
            written.add(writers.submit(() -> {
                int n = 0;
                while (writing.get() || acknowledged.get(personId).size() < WRITES_WHILE_HELD) {
                    ResponseEntity<JsonNode> answer = platform.client.tryRecord(personId, Map.of(
                            "type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", "2024-03-01",
                            "percentOfTime", 1 + n++ % 50), Map.of());
                    if (answer.getStatusCode().value() == 201) {
                        acknowledged.get(personId).add(answer.getBody().get("eventId").asText());
                    } else {
                        refused.add(personId + ": " + answer.getStatusCode().value() + " " + answer.getBody());
                    }
                }
            }));
        }
        // every writer has had events acknowledged while the rebuild held its plan; then it goes on
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> acknowledged.values()
                .stream().allMatch(ids -> ids.size() >= WRITES_WHILE_HELD));
        assertThat(rebuildProgress().get("state").asText()).isEqualTo("RUNNING");
        gate.release.countDown();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            progress[0] = rebuildProgress();
            return progress[0].get("state").asText().equals("DONE");
        });
        writing.set(false);
        for (Future<?> writer : written) {
            writer.get(60, TimeUnit.SECONDS);
        }
        writers.shutdown();
        querying.set(false);
        reader.join();

        assertThat(incomplete).isEmpty();
        assertThat(answers.get()).isPositive();
        assertThat(progress[0].get("generation").asInt()).isEqualTo(2);
        assertThat(progress[0].get("done").asLong()).isEqualTo(progress[0].get("total").asLong()).isEqualTo(events);

        // everything acknowledged while the rebuild ran is in the store, and every person's read model is, entry by
        // entry, what the store holds: the rebuilt people's and the writers', whose events came during the rebuild
        assertThat(refused).isEmpty();
        for (String personId : writersPeople) {
            assertThat(acknowledged.get(personId)).hasSizeGreaterThanOrEqualTo(WRITES_WHILE_HELD);
            List<String> stored = platform.client.awaitTimelineHoldingTheStore(personId);
            assertThat(stored).containsAll(acknowledged.get(personId)).hasSize(1 + acknowledged.get(personId).size());
        }
        people.forEach(platform.client::awaitTimelineHoldingTheStore);

        // the live projection resumed, and writes into the generation now active
        long next = platform.client.joinPmo(people.get(0), "EXECUTIVE", "2023-01-01").get("sequenceNumber").asLong();
        platform.client.awaitTimeline(people.get(0), t -> t.get("sequence").asLong() == next
                && t.get("entries").size() > entriesBefore.get(people.get(0)));
        platform.client.awaitTimelineHoldingTheStore(people.get(0));
    }

    private static JsonNode rebuildProgress() {
        return platform.queryApi.get().uri("/api/admin/read-models/rebuild").retrieve().body(JsonNode.class);
    }
}
