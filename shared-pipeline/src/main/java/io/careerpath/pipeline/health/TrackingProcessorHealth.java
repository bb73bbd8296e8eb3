package io.careerpath.pipeline.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The health of one processor (Axon's streaming processors, or a loop of the service's own, through
 * {@link ProcessorState}), as both services report theirs:
 * <ul>
 * <li>DOWN when the processor is not running, when a segment is in error (Axon's retry mode; the error is
 * in the details), or when it has made no progress for {@code noProgressLimit} while work is waiting;</li>
 * <li>{@link #DEGRADED} (answered with HTTP 200) while events are parked in its dead-letter queue: everyone
 * else's events flow, some person's do not (the counts by cause are in the details);</li>
 * <li>UP otherwise, with how much work waits and the processor's position.</li>
 * </ul>
 * Progress is judged between two readings of this indicator: the position moved forward, or less work waits
 * than before, or none does. How much work waits is the caller's to say (the command side: events stored but
 * not yet published).
 */
public final class TrackingProcessorHealth implements HealthIndicator {

    /** Working, but some events are parked: a status of its own, between DOWN/OUT_OF_SERVICE and UP. */
    public static final Status DEGRADED = new Status("DEGRADED",
            "Events are parked in the dead-letter queue; everything else flows");

    private final String processorName;
    private final Supplier<Optional<ProcessorState>> processor;
    private final LongSupplier waitingWork;
    private final Supplier<Map<String, Long>> deadLettersByCause;
    private final Supplier<Map<String, Object>> moreDetails;
    private final Duration noProgressLimit;
    private final Clock clock;

    private OptionalLong lastPosition = OptionalLong.empty();
    private long lastWaiting = Long.MAX_VALUE;
    private Instant lastProgress;

    private TrackingProcessorHealth(Builder builder) {
        this.processorName = builder.processorName;
        this.processor = builder.processor;
        this.waitingWork = Objects.requireNonNull(builder.waitingWork, "waitingWork");
        this.deadLettersByCause = builder.deadLettersByCause;
        this.moreDetails = builder.moreDetails;
        this.noProgressLimit = Objects.requireNonNull(builder.noProgressLimit, "noProgressLimit");
        this.clock = builder.clock;
    }

    /** The health of the named tracking (or pooled streaming) processor, looked up when asked. */
    public static Builder forProcessor(String processorName, Supplier<EventProcessingConfiguration> axon) {
        return new Builder(processorName,
                () -> axon.get().eventProcessor(processorName, StreamingEventProcessor.class).map(ProcessorState::of));
    }

    /**
     * The health of a processor of the service's own, named {@code processorName}, read from its state (empty: no
     * such processor is configured).
     */
    public static Builder forState(String processorName, Supplier<Optional<ProcessorState>> state) {
        return new Builder(processorName, state);
    }

    @Override
    public synchronized Health health() {
        try {
            return read();
        } catch (RuntimeException away) {
            // the backlog or the dead letters are where the processor's store is: when that is away, so is the
            // processor's work (an exception escaping here would fail the whole health endpoint instead)
            return Health.down().withDetail("processor", processorName)
                    .withDetail("reason", "its store cannot be read").withDetail("error", describe(away)).build();
        }
    }

    private Health read() {
        Health.Builder health = Health.unknown().withDetail("processor", processorName);
        moreDetails.get().forEach(health::withDetail);
        Optional<ProcessorState> found = processor.get();
        if (found.isEmpty()) {
            return health.down().withDetail("reason", "no such processor is configured").build();
        }
        ProcessorState tracking = found.get();
        OptionalLong position = tracking.position();
        long waiting = waitingWork.getAsLong();
        health.withDetail("waiting", waiting).withDetail("segmentsClaimed", tracking.segmentsClaimed());
        position.ifPresent(p -> health.withDetail("position", p));
        Instant now = clock.instant();
        // a position this instance cannot see (no segment claimed here for a moment) is no progress
        boolean advanced = position.isPresent()
                && (lastPosition.isEmpty() || position.getAsLong() > lastPosition.getAsLong());
        if (advanced || waiting < lastWaiting || waiting == 0 || lastProgress == null) {
            lastProgress = now;
        }
        if (position.isPresent()) {
            lastPosition = position;
        }
        lastWaiting = waiting;
        health.withDetail("lastProgress", lastProgress.toString());

        if (!tracking.running() || tracking.stoppedByError()) {
            return health.down().withDetail("reason", tracking.stoppedByError()
                    ? "the processor stopped after an error" : "the processor is not running").build();
        }
        if (tracking.retrying() != null) {
            return health.down().withDetail("reason", "a segment is in error and retries its batch")
                    .withDetail("error", describe(tracking.retrying())).build();
        }
        Duration stalled = Duration.between(lastProgress, now);
        if (waiting > 0 && stalled.compareTo(noProgressLimit) > 0) {
            return health.down().withDetail("reason", "no progress for " + stalled.toSeconds() + " s with " + waiting
                    + " events waiting (limit " + noProgressLimit.toSeconds() + " s)").build();
        }
        Map<String, Long> parked = deadLettersByCause.get();
        if (!parked.isEmpty()) {
            Map<String, Object> deadLetters = new LinkedHashMap<>();
            deadLetters.put("total", parked.values().stream().mapToLong(Long::longValue).sum());
            deadLetters.put("byCause", parked);
            return health.status(DEGRADED).withDetail("deadLetters", deadLetters).build();
        }
        return health.up().build();
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.getClass().getName() + ": " + error.getMessage());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" / caused by ").append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    public static final class Builder {

        private final String processorName;
        private final Supplier<Optional<ProcessorState>> processor;
        private LongSupplier waitingWork;
        private Supplier<Map<String, Long>> deadLettersByCause = Map::of;
        private Supplier<Map<String, Object>> moreDetails = Map::of;
        private Duration noProgressLimit;
        private Clock clock = Clock.systemUTC();

        private Builder(String processorName, Supplier<Optional<ProcessorState>> processor) {
            this.processorName = processorName;
            this.processor = processor;
        }

        /** How many events wait for the processor (the backlog). */
        public Builder waitingWork(LongSupplier waitingWork) {
            this.waitingWork = waitingWork;
            return this;
        }

        /** How long the processor may make no progress while work waits before it counts as stuck. */
        public Builder noProgressLimit(Duration noProgressLimit) {
            this.noProgressLimit = noProgressLimit;
            return this;
        }

        /** Letters parked per cause type; empty when none is. */
        public Builder deadLetters(Supplier<Map<String, Long>> deadLettersByCause) {
            this.deadLettersByCause = deadLettersByCause;
            return this;
        }

        /** Details of the caller's own, shown whatever the status. */
        public Builder details(Supplier<Map<String, Object>> moreDetails) {
            this.moreDetails = moreDetails;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public TrackingProcessorHealth build() {
            return new TrackingProcessorHealth(this);
        }
    }
}
