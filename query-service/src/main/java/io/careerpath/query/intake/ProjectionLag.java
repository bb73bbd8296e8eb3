package io.careerpath.query.intake;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * How far the projections trail the topic, in events: the records published but not yet projected,
 * summed over partitions. (How far in seconds is Axon's {@code eventProcessor.latency} metric.)
 * Computed when scraped, at most every two seconds.
 */
@Component
class ProjectionLag {

    private static final Duration REFRESH = Duration.ofSeconds(2);

    private final TopicPositions positions;
    private volatile long lastComputed;
    private volatile double lastLag = Double.NaN;

    ProjectionLag(TopicPositions positions, MeterRegistry meters) {
        this.positions = positions;
        Gauge.builder("careerpath.projection.lag.events", this, ProjectionLag::events)
                .description("career events published to Kafka and not yet projected")
                .register(meters);
    }

    synchronized double events() {
        if (lastComputed != 0 && System.nanoTime() - lastComputed < REFRESH.toNanos()) {
            return lastLag;
        }
        try {
            return lastLag = positions.projected().isPresent() ? positions.lag() : Double.NaN;
        } catch (RuntimeException e) {
            return lastLag = Double.NaN;
        } finally {
            lastComputed = System.nanoTime();
        }
    }
}
