package io.careerpath.command.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.careerpath.command.eventstore.EventStoreDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InstallationKeysTest {

    /**
     * Two servers start on a new database at once: the other one's insert is not committed yet when this one finds
     * no key, so this one's insert waits on the table's primary key and fails when the other commits. This server
     * must then take the other's key, not fail to start nor keep a key of its own.
     */
    @Test
    void aServerStartingWhileAnotherCreatesTheKeyTakesThatKey() throws Exception {
        EventStoreDatabase database = EventStoreDatabase.fresh(EventStoreDatabase.POSTGRESQL,
                "careerpath_installation_keys_test");
        byte[] othersKey = new byte[32];
        othersKey[0] = 42;
        try (Connection other = database.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement(
                    "INSERT INTO installation_keys (name, key_bytes, created_at) VALUES (?, ?, ?)")) {
                insert.setString(1, "some-key");
                insert.setBytes(2, othersKey);
                insert.setTimestamp(3, java.sql.Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            CompletableFuture<byte[]> starting = CompletableFuture.supplyAsync(
                    () -> new InstallationKeys(database.jdbc(), Clock.systemUTC()).key("some-key"));
            await().atMost(Duration.ofSeconds(10)).until(() -> database.jdbc().queryForObject("SELECT COUNT(*) FROM"
                    + " pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", Long.class) > 0);

            other.commit();

            assertThat(starting.get(10, TimeUnit.SECONDS)).isEqualTo(othersKey);
        }
        assertThat(new InstallationKeys(database.jdbc(), Clock.systemUTC()).key("some-key")).isEqualTo(othersKey);
    }
}
