package io.careerpath.command.api;

import java.util.List;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link SeveralInstancesTest} on PostgreSQL, production's event store: both instances on one database of
 * its own that each run recreates. Runs when PostgreSQL answers at 127.0.0.1:5432 (user postgres); under CI
 * ({@code CI=true}) a missing server fails the run instead of skipping it.
 */
@EnabledIf("io.careerpath.command.api.PostgresqlErasureTest#postgresqlAnswers")
class PostgresqlSeveralInstancesTest extends SeveralInstancesTest {

    private static final String DATABASE = "careerpath_command_several_instances_test";

    @DynamicPropertySource
    static void postgresql(DynamicPropertyRegistry properties) throws Exception {
        PostgresqlErasureTest.useFreshDatabase(properties, DATABASE);
    }

    @Override
    List<String> eventStore() {
        return List.of("spring.datasource.url=" + PostgresqlErasureTest.SERVER + DATABASE, "spring.datasource.username=postgres",
                "spring.datasource.password=");
    }
}
