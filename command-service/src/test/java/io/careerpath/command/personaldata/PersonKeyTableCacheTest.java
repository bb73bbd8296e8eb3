package io.careerpath.command.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.command.eventstore.EventStoreDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The key cache against an erasure that commits while a key is being read from the table: the read saw the key
 * (its statement began before the commit) and would otherwise put it in the cache after the erasure dropped it.
 */
class PersonKeyTableCacheTest {

    @Test
    void anErasureCommittedWhileTheKeyIsReadIsNotUndoneByTheRead() throws Exception {
        EventStoreDatabase database = EventStoreDatabase.fresh(EventStoreDatabase.H2, "person_keys_cache_test");
        HeldRead keys = new HeldRead(database);
        byte[] key = keys.create("ada");
        CompletableFuture<Optional<byte[]>> reading = CompletableFuture.supplyAsync(() -> keys.find("ada"));
        assertThat(keys.read.await(10, TimeUnit.SECONDS)).isTrue();

        database.transactions().executeWithoutResult(status -> keys.erase("ada"));
        keys.answer.countDown();

        assertThat(reading.get(10, TimeUnit.SECONDS)).contains(key); // the answer in flight at the erasure
        assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM person_keys", Long.class)).isZero();
        assertThat(keys.find("ada")).as("the erased key, from the cache").isEmpty();
    }

    /** Reads the key from the table, then waits for the test before it goes on. */
    private static final class HeldRead extends PersonKeyTable {

        private final CountDownLatch read = new CountDownLatch(1);
        private final CountDownLatch answer = new CountDownLatch(1);

        HeldRead(EventStoreDatabase database) {
            super(database.jdbc(), database.dataSource(), Clock.systemUTC(),
                    new PersonKeyProperties(100, Duration.ofMinutes(10)));
        }

        @Override
        Optional<byte[]> read(String personId) {
            Optional<byte[]> key = super.read(personId);
            if (read.getCount() > 0) {
                read.countDown();
                try {
                    assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return key;
        }
    }
}
