package io.careerpath.command.api;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The event store's read paths on PostgreSQL, where production keeps its event store (and where the
 * multi-person read writes its ids into the statement, see StoredEvents): the same checks as on H2, in a
 * database of their own. Runs when PostgreSQL answers at 127.0.0.1:5432; under CI a missing server fails.
 */
@EnabledIf("io.careerpath.command.api.PostgresqlErasureTest#postgresqlAnswers")
class PostgresqlEventStoreReadsTest extends EventStoreReadsTest {

    private static final String DATABASE = "careerpath_command_event_store_reads_test";

    @DynamicPropertySource
    static void postgresql(DynamicPropertyRegistry properties) throws Exception {
        PostgresqlErasureTest.useFreshDatabase(properties, DATABASE);
    }
}
