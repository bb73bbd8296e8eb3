package io.careerpath.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * A child process for {@link EventStoreFileDurabilityTest}: commits rows into the single-machine event store
 * file (opened with the launcher's URL), one transaction per row, and prints each row's id once its commit
 * has returned, as the command service answers 201 once its transaction has committed. Runs until killed.
 */
final class CommittingWriter {

    private CommittingWriter() {
    }

    /** @param args the data directory */
    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(EventStoreFile.jdbcUrl(Path.of(args[0])), "sa", "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS committed_rows (id BIGINT PRIMARY KEY, payload VARCHAR(1000))");
            }
            connection.setAutoCommit(false);
            String payload = "x".repeat(400); // about an event's serialized size
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO committed_rows VALUES (?, ?)")) {
                for (long id = 1; ; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, payload);
                    insert.executeUpdate();
                    connection.commit();
                    System.out.println(id);
                    System.out.flush();
                }
            }
        }
    }
}
