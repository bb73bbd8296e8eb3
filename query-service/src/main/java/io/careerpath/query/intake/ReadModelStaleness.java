package io.careerpath.query.intake;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * How stale the read models may be, in seconds: how long ago they last held every record the topic held.
 *
 * <p>Every second the topic's end offsets are read and kept as an observation "at this moment, the topic ended
 * here". Once the projection has passed an observation's offsets, the read models held everything published up
 * to that moment; the newest such moment is when they were last known fresh. While Kafka is away no new
 * observation can be made (nobody can tell what was published meanwhile: the command service keeps recording
 * into its outbox), so the lag grows with the outage, as it should; under load it is the projection's delay, to
 * within the second between observations. Events recorded but not yet published are the command service's
 * backlog ({@code publishing/outbox}), which this side cannot see.
 *
 * <p>Read answers carry it ({@link ReadModelLagHeader}); Prometheus has it as
 * {@code careerpath_read_models_lag_seconds}.
 */
public class ReadModelStaleness implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelStaleness.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** Observations kept while the projection trails (ten minutes of them); beyond, the oldest go (lag overstated, never understated). */
    private static final int MAX_PENDING = 600;

    private record Observation(long atNanos, Map<TopicPartition, Long> ends) {
    }

    private final TopicPositions positions;
    private final Deque<Observation> pending = new ArrayDeque<>();
    /** {@link System#nanoTime()} when the read models last held everything the topic held; unknown until first seen. */
    private volatile OptionalLong freshAsOf = OptionalLong.empty();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-staleness");
        thread.setDaemon(true);
        return thread;
    });

    ReadModelStaleness(TopicPositions positions, MeterRegistry meters) {
        this.positions = positions;
        Gauge.builder("careerpath.read.models.lag", this, staleness -> staleness.lagSeconds().orElse(-1))
                .baseUnit("seconds")
                .description("how long ago the read models last held every record the topic held (-1: not known yet)")
                .register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        scheduler.scheduleWithFixedDelay(this::check, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whole seconds since the read models last held everything the topic held; empty until that was first seen. */
    public OptionalLong lagSeconds() {
        OptionalLong fresh = freshAsOf;
        return fresh.isEmpty() ? fresh
                : OptionalLong.of(TimeUnit.NANOSECONDS.toSeconds(Math.max(0, System.nanoTime() - fresh.getAsLong())));
    }

    synchronized void check() {
        try {
            pending.addLast(new Observation(System.nanoTime(), positions.ends()));
            while (pending.size() > MAX_PENDING) {
                pending.removeFirst();
            }
        } catch (RuntimeException kafkaAway) {
            log.debug("No new observation of the topic: {}", kafkaAway.toString());
        }
        try {
            Observation passed = null;
            // read once: it is every segment's token, from the token store
            Map<TopicPartition, Long> projected = positions.projected().orElse(null);
            for (Observation observation : pending) {
                if (projected == null || !positions.passed(projected, observation.ends())) {
                    break;
                }
                passed = observation;
            }
            while (passed != null && !pending.isEmpty() && pending.peekFirst().atNanos() <= passed.atNanos()) {
                pending.removeFirst();
            }
            if (passed != null) {
                freshAsOf = OptionalLong.of(passed.atNanos());
            }
        } catch (RuntimeException e) {
            log.debug("Where the projection stands is not known now: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
