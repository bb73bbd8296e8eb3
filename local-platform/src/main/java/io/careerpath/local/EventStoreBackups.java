package io.careerpath.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups of the single-machine event store, and restoring one into a new data directory
 * (docs/operations.md, "Backup and restore").
 *
 * <p>A backup is H2's online {@code BACKUP TO}: a zip of the event store file, transactionally consistent
 * while the platform runs and records (H2 copies a snapshot of its MVCC store). It holds everything the
 * command service keeps: events, person keys, idempotency keys, imports, the publisher's position. The rest of
 * the data directory is derived (the read models, the Kafka log) or kept elsewhere on purpose (the erasure
 * ledger: a backup must never bring it back to an earlier state).
 */
final class EventStoreBackups {

    private static final Logger log = LoggerFactory.getLogger(EventStoreBackups.class);
    static final String PREFIX = "event-store-";
    static final String SUFFIX = ".zip";
    /** The store's file, as H2 names it in the backup and in the data directory. */
    static final String STORE_FILE = "event-store.mv.db";
    static final String ERASURE_LEDGER = "erasure-ledger";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private EventStoreBackups() {
    }

    /**
     * Backs the running event store up into {@code directory} as {@code event-store-<UTC time>.zip} and keeps
     * the newest {@code kept} backups there. The zip appears under its name only once complete and on disk.
     * One at a time: a backup clears what an earlier one left half-written.
     */
    static synchronized Path backUp(DataSource eventStore, Path directory, int kept, Clock clock) {
        try {
            Files.createDirectories(directory);
            for (Path leftOver : list(directory, "*" + SUFFIX + ".part")) {
                Files.deleteIfExists(leftOver); // cut off by a crash
            }
            Path backup = directory.resolve(PREFIX + STAMP.format(clock.instant()) + SUFFIX);
            Path part = directory.resolve(backup.getFileName() + ".part");
            try (Connection connection = eventStore.getConnection();
                 PreparedStatement statement = connection.prepareStatement("BACKUP TO ?")) {
                statement.setString(1, part.toString());
                statement.execute();
            }
            try (FileChannel written = FileChannel.open(part, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            Files.move(part, backup, StandardCopyOption.ATOMIC_MOVE);
            List<Path> backups = backups(directory);
            for (int i = 0; i < backups.size() - kept; i++) {
                Files.delete(backups.get(i));
            }
            log.info("Backed the event store up to {} ({} bytes)", backup, Files.size(backup));
            return backup;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not back the event store up into " + directory, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not back the event store up into " + directory, e);
        }
    }

    /** The backups in {@code directory}, oldest first. */
    static List<Path> backups(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> backups = list(directory, PREFIX + "*" + SUFFIX);
        backups.sort(null); // the UTC time in the name sorts as the time does
        return backups;
    }

    /**
     * Puts the event store of {@code backup} into {@code dataDir}, a new data directory: the platform started
     * on it has the backup's events and keys, builds its Kafka log and read models anew, and re-applies the
     * erasure ledger it finds there.
     *
     * <p>Refused when {@code dataDir} already has an event store (a restore never overwrites one), or has no
     * {@code erasure-ledger} directory: the ledger of the installation restored must be copied there first,
     * or everyone erased after the backup would come back. The publisher's position is reset, so that it
     * publishes every event to the new, empty topic, which then holds the whole history again.
     */
    static void restore(Path backup, Path dataDir) {
        Path store = dataDir.resolve(STORE_FILE);
        if (Files.exists(store)) {
            throw new IllegalStateException(dataDir + " already has an event store (" + STORE_FILE + "): restore into a"
                    + " new data directory");
        }
        if (!Files.isDirectory(dataDir.resolve(ERASURE_LEDGER))) {
            throw new IllegalStateException("No erasure ledger in " + dataDir.resolve(ERASURE_LEDGER) + ". Copy the"
                    + " erasure-ledger directory of the installation you restore (its data directory's, or your newest"
                    + " copy of it) there first: without it, everyone erased after the backup would come back. If that"
                    + " installation never erased anyone (it has no erasure-ledger directory), create it empty.");
        }
        try {
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup))) {
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null && !entry.getName().equals(STORE_FILE)) {
                    // the store's file is the one entry H2 writes; anything else is not ours
                }
                if (entry == null) {
                    throw new IllegalArgumentException(backup + " is not a backup of the event store: it has no "
                            + STORE_FILE);
                }
                Files.copy(zip, store);
            }
            // every processor of the command service publishes to Kafka, and the new data directory's topic is
            // empty: from the start of the event store, so that the topic holds every event again
            try (Connection connection = DriverManager.getConnection(EventStoreFile.jdbcUrl(dataDir), "sa", "");
                 Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM TokenEntry");
            }
            log.info("Restored the event store of {} into {}", backup, dataDir);
        } catch (IOException | SQLException | RuntimeException e) {
            try {
                Files.deleteIfExists(store); // a half-restored store must not start: the next try starts over
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("Could not restore " + backup + " into " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> list(Path directory, String glob) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, glob)) {
            entries.forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
