package io.careerpath.command.eventstore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh event-store database with the service's own Flyway migrations and nothing else, for tests of one
 * class on both databases the service runs on: H2 in PostgreSQL mode (the single-machine mode) and the
 * PostgreSQL at 127.0.0.1:5432 (production). Without PostgreSQL its tests are skipped, except under CI
 * ({@code CI=true}), where they fail.
 */
public record EventStoreDatabase(String name, DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions) {

    public static final String H2 = "H2";
    public static final String POSTGRESQL = "PostgreSQL";
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    /**
     * @param kind     {@link #H2} or {@link #POSTGRESQL}
     * @param database a name of the test's own; an existing database of that name is dropped first
     */
    public static EventStoreDatabase fresh(String kind, String database) {
        DriverManagerDataSource dataSource = switch (kind) {
            case H2 -> new DriverManagerDataSource("jdbc:h2:mem:" + database
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
            case POSTGRESQL -> new DriverManagerDataSource(SERVER + recreatedOnPostgresql(database), "postgres", "");
            default -> throw new IllegalArgumentException(kind);
        };
        if (kind.equals(H2)) {
            new JdbcTemplate(dataSource).execute("DROP ALL OBJECTS");
        }
        // the service's locations with Spring Boot's {vendor} filled in: H2 also gets its own migrations
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/eventstore", "classpath:db/migration/eventstore-" + kind.toLowerCase())
                .load().migrate();
        return new EventStoreDatabase(kind, dataSource, new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    private static String recreatedOnPostgresql(String database) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
            return database;
        } catch (Exception e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but PostgreSQL does not answer at " + SERVER, e);
            }
            Assumptions.abort("PostgreSQL does not answer at " + SERVER + ": " + e);
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
