package io.careerpath.command.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "careerpath_command_several_instances_test";

    @DynamicPropertySource
    static void postgresql(DynamicPropertyRegistry properties) throws Exception {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        properties.add("spring.datasource.url", () -> SERVER + DATABASE);
        properties.add("spring.datasource.username", () -> "postgres");
    }

    @Override
    List<String> eventStore() {
        return List.of("spring.datasource.url=" + SERVER + DATABASE, "spring.datasource.username=postgres",
                "spring.datasource.password=");
    }
}
