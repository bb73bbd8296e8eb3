package io.careerpath.command.personaldata;

import io.careerpath.security.KeyCache;
import io.careerpath.security.PersonalData;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The people's keys (table {@code person_keys}, docs/security.md): created when a person is registered,
 * in the transaction that stores the registration; read to seal and open their personal data; deleted
 * when they are erased, in the erasure's transaction.
 *
 * <p>Keys are cached in memory ({@link KeyCache}: at most {@code careerpath.person-keys.cache-size}, each for
 * {@code cache-ttl}). A key enters the cache only when read from the table outside the transaction that created
 * it: a key created in a transaction that rolls back must never seal anything later, so until the commit it is
 * known to its own transaction only. An erasure, once committed, drops the key here, and a read that was in
 * flight at that moment cannot put it back; another server's cache may keep it for up to {@code cache-ttl},
 * which opens nothing: an erased person's events are neither recorded nor shown, and the key path reads the
 * table itself.
 */
@Component
public class PersonKeyTable implements PersonalDataHolder {

    private static final Logger log = LoggerFactory.getLogger(PersonKeyTable.class);

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final Clock clock;
    private final KeyCache cache;
    private volatile Boolean postgresql;

    PersonKeyTable(JdbcTemplate jdbc, DataSource dataSource, Clock clock, PersonKeyProperties properties) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
        this.cache = new KeyCache(properties.cacheSize(), properties.cacheTtl(), System::nanoTime);
    }

    /** The person's key: none for a person never registered, or erased. */
    public Optional<byte[]> find(String personId) {
        Map<String, byte[]> created = createdInThisTransaction();
        if (created != null && created.containsKey(personId)) {
            return Optional.ofNullable(created.get(personId)); // null: deleted in this transaction
        }
        byte[] held = cache.held(personId);
        if (held != null) {
            return held == KeyCache.NO_KEY ? Optional.empty() : Optional.of(held);
        }
        long ticket = cache.beforeReading();
        Optional<byte[]> found = read(personId);
        // committed (this transaction created none for the person); no key is not kept: another server may register them
        found.ifPresent(key -> cache.keep(ticket, Map.of(personId, key)));
        return found;
    }

    /** The person's key as the table holds it for this transaction. */
    Optional<byte[]> read(String personId) {
        return jdbc.query("SELECT key_bytes FROM person_keys WHERE person_id = ?", (row, n) -> row.getBytes(1), personId)
                .stream().findFirst();
    }

    /**
     * A new key for the person, stored in the current transaction.
     *
     * @throws AggregateStreamCreationException if the person has a key already (is registered)
     */
    public byte[] create(String personId) {
        byte[] key = PersonalData.newKey();
        try {
            jdbc.update("INSERT INTO person_keys (person_id, key_bytes, created_at) VALUES (?, ?, ?)", personId, key,
                    Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException e) {
            throw new AggregateStreamCreationException("Person " + personId + " is already registered");
        }
        Map<String, byte[]> created = createdInThisTransaction();
        if (created != null) {
            created.put(personId, key);
        }
        return key;
    }

    /** The keys of the people who have one (unknown and erased people are left out), read from the table. */
    public Map<String, byte[]> findAll(Collection<String> personIds) {
        if (personIds.isEmpty()) {
            return Map.of();
        }
        Map<String, byte[]> keys = new HashMap<>();
        jdbc.query("SELECT person_id, key_bytes FROM person_keys WHERE person_id IN ("
                        + String.join(",", Collections.nCopies(personIds.size(), "?")) + ")",
                row -> {
                    keys.put(row.getString(1), row.getBytes(2));
                }, personIds.toArray());
        return keys;
    }

    /** Destroys the person's key, in the erasure's transaction; see {@link #afterErasure()} for the files. */
    @Override
    public void erase(String personId) {
        jdbc.update("DELETE FROM person_keys WHERE person_id = ?", personId);
        Map<String, byte[]> created = createdInThisTransaction();
        if (created != null) {
            created.put(personId, null);
            // until the commit, others still read the key from the table: the cache learns of the erasure after it
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.erased(personId);
                }
            });
        } else {
            cache.erased(personId);
        }
    }

    /**
     * Rewrites the key table so that deleted keys leave the database files too: PostgreSQL keeps a
     * deleted row in its pages until a VACUUM FULL rewrites them. Runs after the current transaction
     * commits (VACUUM cannot run inside one, and would wait for that transaction's own locks); H2
     * needs nothing here. A failure is logged, not thrown: the erasure itself has committed.
     */
    @Override
    public void afterErasure() {
        compact();
    }

    void compact() {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    vacuum();
                }
            });
        } else {
            vacuum();
        }
    }

    private void vacuum() {
        try (Connection connection = dataSource.getConnection()) {
            if (!postgresql(connection)) {
                return;
            }
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                // VACUUM FULL locks the table exclusively, and every key read would queue behind it while it
                // waits for a long transaction: give up after a while rather than stall the API
                statement.execute("SET lock_timeout = '10s'");
                try {
                    statement.execute("VACUUM FULL person_keys");
                } finally {
                    statement.execute("RESET lock_timeout");
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not rewrite person_keys after an erasure; the deleted key stays in the table's files"
                    + " until the next VACUUM FULL", e);
        }
    }

    private boolean postgresql(Connection connection) throws SQLException {
        if (postgresql == null) {
            postgresql = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
        }
        return postgresql;
    }

    /**
     * The keys created (or, as null, deleted) by the current transaction, known to it alone; others read them from
     * the table once it has committed. Null outside a transaction.
     */
    @SuppressWarnings("unchecked")
    private Map<String, byte[]> createdInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, byte[]> created = (Map<String, byte[]>) TransactionSynchronizationManager.getResource(this);
        if (created == null) {
            Map<String, byte[]> mine = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, mine);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PersonKeyTable.this);
                }
            });
            created = mine;
        }
        return created;
    }
}
