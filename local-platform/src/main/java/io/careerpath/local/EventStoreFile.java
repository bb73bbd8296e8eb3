package io.careerpath.local;

import java.nio.file.Path;

/**
 * The single-machine event store: one H2 file under the data directory. It is the command service's only
 * database, so besides Axon's events and tracking tokens it holds the idempotency keys (same transaction
 * as the events they answer), the person keys (same transaction as the registration) and the bulk
 * imports' jobs and progress. The launcher and the benchmarks open it with this URL, and nothing else.
 */
public final class EventStoreFile {

    private EventStoreFile() {
    }

    public static String jdbcUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("event-store")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                // H2 writes commits to its file in the background, up to WRITE_DELAY ms later (500 by default,
                // taken from the URL at every open, never kept in the file): a crash lost what had already
                // been answered 201. With 0, a commit is in the file before it returns (TransactionStore
                // .endTransaction stores at once), so it survives a crash of the process. Not of the machine:
                // H2 leaves the file in the OS's cache, without an fsync per commit.
                + ";WRITE_DELAY=0"
                // H2 closes a file database in a shutdown hook of its own, racing the launcher's: on Ctrl-C the
                // command service's threads (the event store's reader, the forwarder storing its token) then
                // failed with "Database is already closed" while they stopped. The database closes with its
                // last connection instead, when the command service's pool closes.
                + ";DB_CLOSE_ON_EXIT=FALSE";
    }
}
