package io.careerpath.command.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of the event store's availability (the database away, restarting, or every connection
 * busy for longer than the pool's {@code connection-timeout}) from any other failure. The API answers the
 * former 503 with {@code Retry-After} ({@link ApiProblems}): the request was fine and will succeed later.
 */
final class EventStoreFailures {

    /**
     * SQLSTATEs that say the database cannot serve now: class 08 is the SQL standard's connection exceptions;
     * 57P01, 57P02 and 57P03 are PostgreSQL's administrator shutdown, crash shutdown and "cannot connect now"
     * (starting up); 90098, 90028 and 90031 are the single-machine H2 file's "database closed" (after a disk
     * failure) and its I/O errors (a full disk).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "90098", "90028", "90031");

    private EventStoreFailures() {
    }

    static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // a commit or rollback that failed: the connection broke under the transaction (Hikari's "Connection is
            // closed" names no SQLSTATE)
            if (cause instanceof TransactionSystemException || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
