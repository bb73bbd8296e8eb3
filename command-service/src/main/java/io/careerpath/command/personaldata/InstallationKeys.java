package io.careerpath.command.personaldata;

import io.careerpath.security.PersonalData;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Secrets of this installation (table {@code installation_keys}, docs/security.md): random 256-bit keys, one per
 * use, created the first time they are asked for and kept for good in the event store's database, beside the
 * people's keys. Another installation has keys of its own, so what they key differs between installations.
 *
 * <p>Several servers starting together on one database agree on one key: the first insert wins, and the others
 * read what it wrote. Keys are never logged.
 */
@Component
public class InstallationKeys {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    public InstallationKeys(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The installation's key of that name, created now if it has none yet. Not to be called inside a transaction. */
    public byte[] key(String name) {
        return loaded.computeIfAbsent(name, this::findOrCreate).clone();
    }

    private byte[] findOrCreate(String name) {
        return find(name).orElseGet(() -> {
            try {
                jdbc.update("INSERT INTO installation_keys (name, key_bytes, created_at) VALUES (?, ?, ?)", name,
                        PersonalData.newKey(), Timestamp.from(clock.instant()));
            } catch (DuplicateKeyException e) {
                // another server created it at the same moment: its key is the installation's
            }
            return find(name).orElseThrow();
        });
    }

    private Optional<byte[]> find(String name) {
        return jdbc.query("SELECT key_bytes FROM installation_keys WHERE name = ?", (row, n) -> row.getBytes(1), name)
                .stream().findFirst();
    }
}
