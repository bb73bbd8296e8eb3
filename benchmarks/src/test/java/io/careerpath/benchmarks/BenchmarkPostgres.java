package io.careerpath.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL rows' databases: fresh ones per run on the machine's PostgreSQL (the production event store;
 * CI has one), dropped after. Unreachable PostgreSQL fails the run with a message saying so: those rows are never
 * skipped silently.
 */
final class BenchmarkPostgres {

    static final String HOST = System.getProperty("benchmark.postgres", "127.0.0.1:5432");
    static final String USER = "postgres";

    private BenchmarkPostgres() {
    }

    static String url(String database) {
        return "jdbc:postgresql://" + HOST + "/" + database;
    }

    /** Creates {@code database} (dropping a leftover of the same name first) and answers its JDBC URL. */
    static String create(String database) {
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
            return url(database);
        } catch (SQLException e) {
            throw new IllegalStateException("The PostgreSQL rows need PostgreSQL at " + HOST + " (user " + USER
                    + ", trust authentication; -Dbenchmark.postgres=host:port for another), or leave them out with"
                    + " -Dbenchmark.rows: " + e.getMessage(), e);
        }
    }

    static void drop(String database) {
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.out.println("BENCHMARK could not drop the database " + database + ": " + e.getMessage());
        }
    }
}
