package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The single-machine backups' files, and what a restore refuses to do; the whole round trip is LocalPlatformRestoreTest. */
class EventStoreBackupsTest {

    @TempDir
    Path dir;

    @Test
    void backupsAreNamedByTheirTimeAndOnlyTheNewestAreKept() throws Exception {
        DriverManagerDataSource store = new DriverManagerDataSource(EventStoreFile.jdbcUrl(dir.resolve("data")), "sa", "");
        try (Connection connection = store.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (x INT)");
            Path backups = dir.resolve("backups");
            Files.createDirectories(backups);
            Files.writeString(backups.resolve("event-store-20260101T000000000Z.zip.part"), "cut off by a crash");

            for (int day = 1; day <= 3; day++) {
                EventStoreBackups.backUp(store, backups, 2,
                        Clock.fixed(Instant.parse("2026-12-0" + day + "T03:00:00Z"), ZoneOffset.UTC));
            }

            try (var files = Files.list(backups)) {
                assertThat(files.map(file -> file.getFileName().toString()).sorted())
                        .containsExactly("event-store-20261202T030000000Z.zip", "event-store-20261203T030000000Z.zip");
            }
        }
    }

    @Test
    void aRestoreNeverOverwritesAnEventStore() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data").resolve(EventStoreBackups.ERASURE_LEDGER)).getParent();
        Files.writeString(data.resolve(EventStoreBackups.STORE_FILE), "a live store");

        assertThatThrownBy(() -> EventStoreBackups.restore(backupHolding("anything"), data))
                .hasMessageContaining("already has an event store");
        assertThat(Files.readString(data.resolve(EventStoreBackups.STORE_FILE))).isEqualTo("a live store");
    }

    @Test
    void aRestoreWithoutTheErasureLedgerOfTheInstallationRestoredIsRefused() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));

        assertThatThrownBy(() -> EventStoreBackups.restore(backupHolding(EventStoreBackups.STORE_FILE), data))
                .hasMessageContaining("No erasure ledger in " + data.resolve("erasure-ledger"))
                .hasMessageContaining("everyone erased after the backup would come back");
        assertThat(data.resolve(EventStoreBackups.STORE_FILE)).doesNotExist();
    }

    @Test
    void aZipWithoutTheEventStoreIsNoBackupAndLeavesNothingBehind() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data").resolve(EventStoreBackups.ERASURE_LEDGER)).getParent();

        assertThatThrownBy(() -> EventStoreBackups.restore(backupHolding("something-else.txt"), data))
                .hasMessageContaining("is not a backup of the event store");
        assertThat(data.resolve(EventStoreBackups.STORE_FILE)).doesNotExist();
    }

    private Path backupHolding(String entry) throws Exception {
        Path zip = Files.createTempFile(dir, "backup", ".zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            entries.putNextEntry(new ZipEntry(entry));
            entries.write("not really a store".getBytes());
            entries.closeEntry();
        }
        return zip;
    }
}
