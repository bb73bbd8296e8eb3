package io.careerpath.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Searches what the platform stored as raw bytes, below every API: the files of a PostgreSQL database
 * and the server's write-ahead log (read through {@code pg_read_binary_file}, so it works for a local
 * server and a container alike), and any directory of files (Kafka's log segments, MongoDB's files).
 */
final class StoredBytes {

    private static final int CHUNK = 4 * 1024 * 1024;

    private StoredBytes() {
    }

    /** Where {@code text} occurs (UTF-8) in the database's relation files or the write-ahead log. */
    static List<String> inPostgres(TestInfrastructure.Database database, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.username(), database.password());
             Statement statement = connection.createStatement()) {
            // dirty pages reach the files only at a checkpoint
            statement.execute("CHECKPOINT");
            List<String> files = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT 'base/' || d.oid || '/' || f FROM pg_database d,"
                    + " LATERAL pg_ls_dir('base/' || d.oid) f WHERE d.datname = current_database()")) {
                while (rows.next()) {
                    files.add(rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT 'pg_wal/' || name FROM pg_ls_waldir()")) {
                while (rows.next()) {
                    files.add(rows.getString(1));
                }
            }
            try (PreparedStatement size = connection.prepareStatement("SELECT size FROM pg_stat_file(?, true)");
                 PreparedStatement read = connection.prepareStatement("SELECT pg_read_binary_file(?, ?, ?, true)")) {
                for (String file : files) {
                    if (postgresFileContains(size, read, file, needle)) {
                        found.add("postgres:" + file);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database files (the test user must be a superuser)", e);
        }
        return found;
    }

    private static boolean postgresFileContains(PreparedStatement size, PreparedStatement read, String file, byte[] needle)
            throws SQLException {
        size.setString(1, file);
        long length;
        try (ResultSet row = size.executeQuery()) {
            if (!row.next() || row.getObject(1) == null) {
                return false; // gone since it was listed
            }
            length = row.getLong(1);
        }
        byte[] carry = new byte[0];
        for (long offset = 0; offset < length; offset += CHUNK) {
            read.setString(1, file);
            read.setLong(2, offset);
            read.setLong(3, CHUNK);
            try (ResultSet row = read.executeQuery()) {
                byte[] chunk = row.next() ? row.getBytes(1) : null;
                if (chunk == null) {
                    return false;
                }
                byte[] window = concat(carry, chunk);
                if (indexOf(window, needle) >= 0) {
                    return true;
                }
                carry = Arrays.copyOfRange(window, Math.max(0, window.length - needle.length + 1), window.length);
            }
        }
        return false;
    }

    /** The files under {@code dir} in which {@code text} occurs (UTF-8). */
    static List<String> inFiles(Path dir, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(file -> fileContains(file, needle))
                    .map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean fileContains(Path file, byte[] needle) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] carry = new byte[0];
            byte[] buffer = new byte[CHUNK];
            for (int read; (read = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                byte[] window = concat(carry, Arrays.copyOf(buffer, read));
                if (indexOf(window, needle) >= 0) {
                    return true;
                }
                carry = Arrays.copyOfRange(window, Math.max(0, window.length - needle.length + 1), window.length);
            }
            return false;
        } catch (IOException e) {
            return false; // a file removed while the walk ran (a segment rolled, a lock file) holds nothing now
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
