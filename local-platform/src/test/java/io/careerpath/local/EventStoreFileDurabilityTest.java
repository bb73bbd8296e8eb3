package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-machine event store holds a commit as soon as the commit returns: a process killed with SIGKILL
 * right after loses none of what it had committed. Shown with the URL the launcher gives the command
 * service, on a real H2 file, in a child process killed in the middle of committing. The idempotency keys,
 * person keys and import progress are in the same database and get the same guarantee.
 */
class EventStoreFileDurabilityTest {

    @TempDir
    Path dataDir;

    @Test
    void everyCommitThatReturnedSurvivesSigkillOfTheProcess() throws Exception {
        Process writer = ChildJvm.builder(List.of("-Xmx128m", "-XX:+UseSerialGC"), CommittingWriter.class.getName(),
                List.of(dataDir.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<Long> committed = ConcurrentHashMap.newKeySet();
        AtomicBoolean drained = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.matches("\\d+")) {
                        committed.add(Long.parseLong(line));
                    }
                }
            } catch (java.io.IOException closed) {
                // the writer is gone
            }
            drained.set(true);
        }, "committed-ids");
        reader.start();

        await().atMost(Duration.ofMinutes(1)).until(() -> committed.size() >= 2_000 || !writer.isAlive());
        assertThat(writer.isAlive()).as("the writer is still committing").isTrue();
        writer.destroyForcibly();
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // what it printed before it died was committed, also what is still in the pipe
        await().atMost(Duration.ofSeconds(30)).untilTrue(drained);

        Set<Long> stored = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(EventStoreFile.jdbcUrl(dataDir), "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM committed_rows")) {
            while (rows.next()) {
                stored.add(rows.getLong(1));
            }
        }
        Set<Long> lost = new HashSet<>(committed);
        lost.removeAll(stored);
        System.out.printf("Event store file: %d commits returned before SIGKILL, %d rows stored after it, %d lost%n",
                committed.size(), stored.size(), lost.size());
        assertThat(lost).as("commits that had returned, lost with the process").isEmpty();
    }
}
