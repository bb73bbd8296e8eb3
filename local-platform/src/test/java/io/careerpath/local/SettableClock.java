package io.careerpath.local;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock a test moves by hand, so that the platform can live through several days in one run. */
final class SettableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    SettableClock(Instant now) {
        this(new AtomicReference<>(now), ZoneOffset.UTC);
    }

    private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving instant seen from another zone. */
    @Override
    public Clock withZone(ZoneId otherZone) {
        return new SettableClock(now, otherZone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
