package io.careerpath.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Axon must see a duplicate (person, sequence) as a conflict on PostgreSQL as well as on H2. */
class EventStorePersistenceTest {

    private final PersistenceExceptionResolver resolver = new EventStorePersistence().persistenceExceptionResolver();

    @Test
    void postgresqlsUniqueViolationIsADuplicateKey() {
        PSQLException unique = new PSQLException("duplicate key value violates unique constraint", PSQLState.UNIQUE_VIOLATION);

        assertThat(resolver.isDuplicateKeyViolation(unique)).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("wrapped", unique))).isTrue();
    }

    @Test
    void aBatchFailingOnAUniqueViolationIsADuplicateKey() {
        BatchUpdateException batch = new BatchUpdateException("batch entry 0 failed", "23505", 0, new int[0], null);
        BatchUpdateException batchWithNext = new BatchUpdateException("batch entry 0 failed", "XX000", 0, new int[0], null);
        batchWithNext.setNextException(new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION));

        assertThat(resolver.isDuplicateKeyViolation(batch)).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(batchWithNext)).isTrue();
    }

    @Test
    void h2sIntegrityConstraintViolationIsADuplicateKey() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLIntegrityConstraintViolationException("dup", "23505"))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(resolver.isDuplicateKeyViolation(new PSQLException("serialization failure", PSQLState.SERIALIZATION_FAILURE)))
                .isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection lost", "08006"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
