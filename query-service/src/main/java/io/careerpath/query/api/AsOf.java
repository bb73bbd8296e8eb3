package io.careerpath.query.api;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * Resolves the {@code asOf} and {@code knownOn} parameters every view takes: today when absent, never
 * in the future, never before {@link #EARLIEST} (no career on the platform is older).
 */
@Component
public class AsOf {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private final Clock clock;

    AsOf(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public Viewpoint resolve(LocalDate asOf, LocalDate knownOn) {
        LocalDate today = today();
        LocalDate day = asOf == null ? today : asOf;
        LocalDate known = knownOn == null ? day : knownOn;
        if (day.isBefore(EARLIEST)) {
            throw new InvalidInput("asOf", "asOf " + day + " is before " + EARLIEST);
        }
        if (day.isAfter(today)) {
            throw new InvalidInput("asOf", "asOf " + day + " is in the future; the what-if endpoint projects forward");
        }
        if (known.isAfter(today)) {
            throw new InvalidInput("knownOn", "knownOn " + known + " is in the future");
        }
        if (known.isBefore(day)) {
            throw new InvalidInput("knownOn", "knownOn " + known + " is before asOf " + day
                    + ": nothing effective after it could have been known then");
        }
        return new Viewpoint(day, known);
    }
}
