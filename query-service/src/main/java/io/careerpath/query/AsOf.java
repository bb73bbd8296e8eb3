package io.careerpath.query;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Resolves the {@code asOf} parameter every view takes: today when absent, never in the future. */
@Component
public class AsOf {

    private final Clock clock;

    AsOf(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public LocalDate resolve(LocalDate requested) {
        LocalDate today = today();
        if (requested == null) {
            return today;
        }
        if (requested.isAfter(today)) {
            throw new InvalidQuery("asOf", "asOf " + requested + " is in the future; the what-if endpoint projects forward");
        }
        return requested;
    }
}
