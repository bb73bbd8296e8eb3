package io.careerpath.command.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes expired idempotency keys in the background, every {@code careerpath.idempotency.prune-every}, so that
 * the table holds about one window's keys instead of growing forever. Expired keys already count as unknown
 * ({@link IdempotentRequests}); deleting them changes no answer.
 *
 * <p>Safe while requests run, and with several servers pruning at once: each batch is one statement in its own
 * transaction, deleting at most {@code prune-batch} of the oldest expired rows, and only rows still expired when
 * it deletes them, so a key a request has just claimed anew (a fresh row under the same key) is left alone.
 */
@Component
public class ExpiredKeysPruner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExpiredKeysPruner.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final IdempotencyProperties properties;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "idempotency-key-pruner");
        thread.setDaemon(true);
        return thread;
    });

    ExpiredKeysPruner(JdbcTemplate jdbc, Clock clock, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        long every = properties.pruneEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::pruneQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Deletes every key expired now, batch by batch.
     *
     * @return how many were deleted
     */
    public long prune() {
        Timestamp expiredBefore = Timestamp.from(clock.instant().minus(properties.keysExpireAfter()));
        long deleted = 0;
        int batch;
        do {
            // the outer condition again: a row replaced by a new claim of its key since the subquery read it is not expired
            batch = jdbc.update("DELETE FROM idempotency_keys WHERE created_at <= ? AND idempotency_key IN"
                            + " (SELECT idempotency_key FROM idempotency_keys WHERE created_at <= ? ORDER BY created_at"
                            + " LIMIT ?)", expiredBefore, expiredBefore, properties.pruneBatch());
            deleted += batch;
        } while (batch == properties.pruneBatch() && !Thread.currentThread().isInterrupted());
        return deleted;
    }

    private void pruneQuietly() {
        try {
            long deleted = prune();
            if (deleted > 0) {
                log.info("Deleted {} expired idempotency keys", deleted);
            }
        } catch (RuntimeException e) {
            // the database is away or busy: the keys are already expired, the next run deletes them
            log.warn("Could not delete expired idempotency keys; trying again in {}", properties.pruneEvery(), e);
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
