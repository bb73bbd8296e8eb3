package io.careerpath.query.api;

import java.time.Clock;

/** An {@link AsOf} on a clock of the test's own (a day that changes). */
public final class Days {

    private Days() {
    }

    public static AsOf on(Clock clock) {
        return new AsOf(clock);
    }
}
