package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.query.source.SourceOfTruth;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * The integrity check reads the event store's heads first and the read models after: people recorded in between
 * (a registration, a new event, projected before the check reads the read model) are in step, not "unknown to
 * the event store" or "ahead" of it. A fresh start of the platform used to report one such false drift: the demo
 * people are registered while the check that runs at start-up reads.
 *
 * <p>So that the recording surely happens in between, however fast or slow the machine, the check's read of the
 * heads is held ({@link HeadsGate}) until the test has recorded and seen the events projected.
 */
class IntegrityCheckWhileRecordingTest {

    static RunningPlatform platform;
    static final HeadsGate gate = new HeadsGate();

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass(() -> RunningPlatform.start(
            context -> context.addBeanFactoryPostProcessor(beanFactory -> beanFactory.addBeanPostProcessor(gate))));

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
    }

    @AfterAll
    static void stop() {
        gate.release.countDown();
    }

    /**
     * Wraps the query service's {@link SourceOfTruth}: once armed, the integrity check's next read of the store's
     * heads returns what the store held, then says so and waits until released (at most two minutes).
     */
    static final class HeadsGate implements BeanPostProcessor {
        final AtomicBoolean armed = new AtomicBoolean();
        final CountDownLatch headsRead = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (!(bean instanceof SourceOfTruth source)) {
                return bean;
            }
            return Proxy.newProxyInstance(SourceOfTruth.class.getClassLoader(), new Class<?>[] {SourceOfTruth.class},
                    (proxy, method, arguments) -> {
                        Object answer;
                        try {
                            answer = method.invoke(source, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        if (method.getName().equals("heads")
                                && Thread.currentThread().getName().equals("read-model-integrity")
                                && armed.compareAndSet(true, false)) {
                            headsRead.countDown();
                            release.await(2, TimeUnit.MINUTES);
                        }
                        return answer;
                    });
        }
    }

    @Test
    void peopleRecordedWhileTheCheckReadsAreInStepNotUnknownOrAhead() throws Exception {
        // the check the service runs at start must be over, so that the next one is the test's
        await().atMost(Duration.ofSeconds(120))
                .until(() -> List.of("DONE", "FAILED").contains(integrity().get("state").asText()));
        String recordedBefore = platform.client.register("Recorded Before", "team-integrity");
        platform.client.awaitTimelineHoldingTheStore(recordedBefore);

        gate.armed.set(true);
        String startedAt = platform.queryApi.post().uri("/api/admin/read-models/integrity").retrieve()
                .body(JsonNode.class).get("startedAt").asText();
        assertThat(gate.headsRead.await(2, TimeUnit.MINUTES)).as("the check read the store's heads").isTrue();
        // after the heads were read: a new person, and a new event of a person the heads hold
        String registeredMeanwhile = platform.client.register("Registered Meanwhile", "team-integrity");
        platform.client.record(recordedBefore, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED",
                "effectiveDate", "2024-01-01", "percentOfTime", 20));
        platform.client.awaitTimelineHoldingTheStore(registeredMeanwhile);
        platform.client.awaitTimelineHoldingTheStore(recordedBefore);
        gate.release.countDown();

        JsonNode[] report = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            report[0] = integrity();
            return report[0].get("startedAt").asText().equals(startedAt) && report[0].get("state").asText().equals("DONE");
        });
        assertThat(report[0].get("outOfStep").asLong()).as("report %s", report[0]).isZero();
        assertThat(report[0].get("peopleChecked").asLong()).as("report %s", report[0]).isGreaterThanOrEqualTo(2);
        // and what the check left is what the store holds
        platform.client.awaitTimelineHoldingTheStore(registeredMeanwhile);
        platform.client.awaitTimelineHoldingTheStore(recordedBefore);
    }

    private static JsonNode integrity() {
        return platform.queryApi.get().uri("/api/admin/read-models/integrity").retrieve().body(JsonNode.class);
    }
}
