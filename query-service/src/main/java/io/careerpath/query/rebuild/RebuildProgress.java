package io.careerpath.query.rebuild;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a rebuild stands.
 *
 * @param generation   the generation being built (or last built)
 * @param done         events replayed so far
 * @param total        events to replay (everything the live projection had processed when it paused)
 * @param ratePerSecond events per second so far
 * @param secondsLeft  estimated, at the current rate
 */
public record RebuildProgress(State state, int generation, long done, long total, double ratePerSecond,
                              Long secondsLeft, Instant startedAt, Instant finishedAt, String error) {

    public enum State { IDLE, RUNNING, DONE, FAILED }

    static RebuildProgress idle() {
        return new RebuildProgress(State.IDLE, 0, 0, 0, 0, null, null, null, null);
    }

    static RebuildProgress running(int generation, long done, long total, Instant startedAt, Instant now) {
        double seconds = Math.max(0.001, Duration.between(startedAt, now).toMillis() / 1000.0);
        double rate = done / seconds;
        Long left = rate > 0 ? Math.round((total - done) / rate) : null;
        return new RebuildProgress(State.RUNNING, generation, done, total, Math.round(rate * 10) / 10.0, left,
                startedAt, null, null);
    }

    RebuildProgress finished(Instant now) {
        return new RebuildProgress(State.DONE, generation, done, total, ratePerSecond, 0L, startedAt, now, null);
    }

    RebuildProgress failed(Instant now, String reason) {
        return new RebuildProgress(State.FAILED, generation, done, total, ratePerSecond, null, startedAt, now, reason);
    }
}
