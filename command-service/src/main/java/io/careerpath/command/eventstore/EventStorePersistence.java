package io.careerpath.command.eventstore;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tells Axon's JDBC event store which failures are a duplicate key, i.e. another writer appended the
 * same (person, sequence number) first. Axon turns exactly those into a {@code ConcurrencyException},
 * which the API answers with 409; anything else stays an event-store failure (500).
 *
 * <p>Axon's default resolver only recognizes {@link SQLIntegrityConstraintViolationException}. H2
 * throws that, but PostgreSQL's driver does not: it reports SQLState {@value #UNIQUE_VIOLATION}. Without
 * this resolver, two servers racing on one person on PostgreSQL would answer 500 instead of 409.
 */
@Configuration(proxyBeanMethods = false)
class EventStorePersistence {

    /** SQLSTATE for a unique constraint violation (SQL standard; PostgreSQL and H2 both report it). */
    static final String UNIQUE_VIOLATION = "23505";

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return EventStorePersistence::isDuplicateKey;
    }

    static boolean isDuplicateKey(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
