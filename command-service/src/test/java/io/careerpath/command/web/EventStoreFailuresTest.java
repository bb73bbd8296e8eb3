package io.careerpath.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Which failures the API answers 503 event-store-unavailable: the store away, not a request at fault. */
class EventStoreFailuresTest {

    @Test
    void aPostgresqlThatRefusesConnectionsIsAnOutage() {
        SQLException refused = catchThrowableOfType(SQLException.class,
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/careerpath?connectTimeout=1", "postgres", ""));

        assertThat(EventStoreFailures.isOutage(new EventStoreException("An event could not be stored", refused))).isTrue();
    }

    @Test
    void theSingleMachineEventStoreClosedUnderTheServiceIsAnOutage() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:closing-" + System.nanoTime());
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
            SQLException closed = catchThrowableOfType(SQLException.class, () -> statement.executeQuery("SELECT 1"));

            assertThat(EventStoreFailures.isOutage(new EventStoreException("Events could not be read", closed))).isTrue();
        }
    }

    @Test
    void aDuplicateKeyOrAFailureOfTheServiceItselfIsNot() {
        assertThat(EventStoreFailures.isOutage(new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION))).isFalse();
        assertThat(EventStoreFailures.isOutage(new IllegalStateException("a bug"))).isFalse();
    }
}
