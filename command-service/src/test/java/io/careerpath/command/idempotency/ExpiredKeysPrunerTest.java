package io.careerpath.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.command.eventstore.EventStoreDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.threeten.extra.MutableClock;

/** The pruner's SQL on both databases the service runs on: expired keys go, batch by batch; the others stay. */
class ExpiredKeysPrunerTest {

    private static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(24);

    @ParameterizedTest
    @ValueSource(strings = {EventStoreDatabase.H2, EventStoreDatabase.POSTGRESQL})
    void expiredKeysAreDeletedInBatchesAndTheOthersKept(String kind) {
        EventStoreDatabase database = EventStoreDatabase.fresh(kind, "careerpath_idempotency_pruner_test");
        MutableClock clock = MutableClock.of(NOW, ZoneOffset.UTC);
        ExpiredKeysPruner pruner = new ExpiredKeysPruner(database.jdbc(), clock,
                new IdempotencyProperties(WINDOW, Duration.ofMinutes(10), 2));
        for (int hoursAgo : new int[] {24, 25, 30, 48, 1_000}) {
            key(database, "expired-" + hoursAgo, NOW.minus(Duration.ofHours(hoursAgo)));
        }
        key(database, "almost-expired", NOW.minus(WINDOW).plusSeconds(1));
        key(database, "fresh", NOW);

        assertThat(pruner.prune()).isEqualTo(5);

        assertThat(database.jdbc().queryForList("SELECT idempotency_key FROM idempotency_keys ORDER BY idempotency_key",
                String.class)).containsExactly("almost-expired", "fresh");
        clock.add(Duration.ofSeconds(1));
        assertThat(pruner.prune()).isOne();
    }

    private static void key(EventStoreDatabase database, String key, Instant createdAt) {
        database.jdbc().update("INSERT INTO idempotency_keys (idempotency_key, request_hash, person_id, status, body,"
                + " created_at) VALUES (?, ?, ?, 201, '{}', ?)", key, "0".repeat(64), "p", Timestamp.from(createdAt));
    }
}
