package io.careerpath.query.history;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the projection met that was not simply the next event of a person, counted as
 * {@code careerpath.projection.anomalies} by kind: resends are normal (at-least-once delivery), every
 * other kind means the topic and the read model disagreed with the event store, and was repaired.
 */
@Component
public class ProjectionAnomalies {

    public enum Kind {
        /** an event the read model already holds, delivered again */
        RESENT,
        /** another event at a number the read model already holds */
        CONFLICT,
        /** an event beyond the next one: events before it are missing */
        GAP,
        /** an event on the topic that the event store does not hold */
        NOT_IN_EVENT_STORE,
        /** an event beyond what the event store holds yet */
        AHEAD_OF_EVENT_STORE;

        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Map<Kind, Counter> counters = new EnumMap<>(Kind.class);

    ProjectionAnomalies(MeterRegistry meters) {
        for (Kind kind : Kind.values()) {
            counters.put(kind, Counter.builder("careerpath.projection.anomalies").tag("kind", kind.tag())
                    .description("events that were not the next of their person, by what they were").register(meters));
        }
    }

    void count(Kind kind) {
        counters.get(kind).increment();
    }

    public double count(String kind) {
        return counters.entrySet().stream().filter(e -> e.getKey().tag().equals(kind))
                .mapToDouble(e -> e.getValue().count()).sum();
    }
}
