package io.careerpath.pipeline.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** What a processor's health says, and why, on each kind of bad day. */
class TrackingProcessorHealthTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private static ProcessorState running(long position) {
        return new ProcessorState(true, false, 1, OptionalLong.of(position), null);
    }

    @Test
    void aProcessorThatIsNotConfiguredIsDownAndSaysSo() {
        Health health = TrackingProcessorHealth.forState("projection", Optional::empty).waitingWork(() -> 0)
                .noProgressLimit(Duration.ofSeconds(60)).clock(clock).build().health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "no such processor is configured");
    }

    @Test
    void aStoreThatCannotBeReadIsDownAndSaysSo() {
        Health health = TrackingProcessorHealth.forState("projection", () -> {
            throw new IllegalStateException("token store away");
        }).waitingWork(() -> 0).noProgressLimit(Duration.ofSeconds(60)).clock(clock).build().health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "its store cannot be read");
    }

    @Test
    void aProcessorWithWorkWaitingAndNoProgressPastTheLimitIsDownThenUpOnceItMoves() {
        AtomicLong position = new AtomicLong(10);
        TrackingProcessorHealth health = TrackingProcessorHealth.forState("projection",
                        () -> Optional.of(running(position.get())))
                .waitingWork(() -> 5).noProgressLimit(Duration.ofSeconds(60)).deadLetters(Map::of).clock(clock).build();

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        now.set(now.get().plusSeconds(61));
        Health stuck = health.health();
        assertThat(stuck.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) stuck.getDetails().get("reason")).startsWith("no progress for 61 s with 5 events waiting");

        position.set(11);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
}
