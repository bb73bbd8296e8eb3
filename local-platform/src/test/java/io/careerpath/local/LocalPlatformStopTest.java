package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGTERM, the launcher's one shutdown hook) stops the platform in order, whenever it comes. While it
 * starts, the start stops at its next step and closes what it started: no stack trace, no broker left behind, and the
 * next start finds the data directory as it was. Once it runs, the hook closes the query service, then the command
 * service, then the rest, logging to the end; no context is closed at the same time on a thread of Spring's.
 */
@Tag("bad-day")
class LocalPlatformStopTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void ctrlCWhileStartingStopsTheStartAndLeavesNothingRunning() {
        Path dataDir = dir.resolve("data");
        PlatformProcess.Ports ports = PlatformProcess.Ports.free();
        PlatformProcess starting = PlatformProcess.launch(dataDir, ports, dir.resolve("stopped-while-starting.log"));
        // the sign-in server is up, the broker is starting and both services have seconds of work left
        starting.awaitOutput("Started SignInServer", START_TIMEOUT);
        ProcessHandle broker = starting.broker().orElseThrow();

        starting.close();

        assertThat(starting.isAlive()).as("the launcher stopped on SIGTERM, not forcibly").isFalse();
        assertThat(starting.output()).as("the output of a launcher stopped while starting")
                .contains("Careerpath stopped while starting")
                .doesNotContain(PlatformProcess.RUNNING)
                .doesNotContain("Exception in thread")
                .doesNotContain("Shutdown in progress")
                .doesNotContain("Careerpath could not start")
                .doesNotContain(" ERROR ");
        await().atMost(Duration.ofSeconds(30)).until(() -> !broker.isAlive());

        try (PlatformProcess again = PlatformProcess.start(dataDir, ports, dir.resolve("started-again.log"),
                START_TIMEOUT)) {
            assertThat(again.output()).contains(PlatformProcess.RUNNING);
        }
    }

    @Test
    void ctrlCOnceRunningStopsTheQueryServiceFirstAndTheEventStoreAfterIt() {
        PlatformProcess platform = PlatformProcess.start(dir.resolve("data"), PlatformProcess.Ports.free(),
                dir.resolve("stopped-running.log"), START_TIMEOUT);
        ProcessHandle broker = platform.broker().orElseThrow();

        platform.close();

        assertThat(platform.isAlive()).as("the launcher stopped on SIGTERM, not forcibly").isFalse();
        String output = platform.output();
        // Spring's own hook thread ("SpringApplicationShutdownHook", its last 15 letters in the log) closes nothing
        assertThat(output).as("the output of a stopped launcher")
                .contains("Stopping Careerpath", "Careerpath stopped")
                .doesNotContain("ionShutdownHook")
                .doesNotContain("Database is already closed");
        int queryStopped = output.indexOf("Processor 'projections' awaiting termination");
        int eventStoreClosed = output.indexOf("HikariPool-1 - Shutdown initiated");
        assertThat(queryStopped).as("the query service's projection stopping").isPositive();
        assertThat(eventStoreClosed).as("the event store's pool closing, after the projection stopped")
                .isGreaterThan(queryStopped);
        assertThat(output.indexOf("Careerpath stopped")).as("the last word, after the event store closed")
                .isGreaterThan(eventStoreClosed);
        await().atMost(Duration.ofSeconds(30)).until(() -> !broker.isAlive());
    }
}
