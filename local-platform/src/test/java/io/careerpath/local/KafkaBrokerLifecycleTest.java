package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The single-machine broker never outlives its launcher for long, never shares its log directory with
 * another broker, and a start never takes a foreign process on its port for its own broker. Real brokers
 * (child processes from Kafka's jars), real launchers killed with SIGKILL.
 */
@Tag("bad-day")
class KafkaBrokerLifecycleTest {

    @TempDir
    Path dir;

    private final int port = TestInfrastructure.freePort();
    private final int controllerPort = TestInfrastructure.freePort();

    /** Whoever watches the platform start sees no Kafka client warn of refused connections while the broker starts. */
    @Test
    void aStartWaitsForTheListenerWithoutWarnings() {
        Logger kafkaClients = (Logger) LoggerFactory.getLogger("org.apache.kafka.clients");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        kafkaClients.addAppender(logged);
        try (KafkaBroker broker = new KafkaBroker(dir.resolve("kafka"), port, controllerPort).start()) {
            assertThat(broker.process().isAlive()).isTrue();
        } finally {
            kafkaClients.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    @Test
    void theBrokerEndsWhenItsLauncherIsKilledAndTheNextStartWorks() throws Exception {
        Path dataDir = dir.resolve("kafka");
        ProcessHandle broker;
        try (BrokerLauncher launcher = BrokerLauncher.start(dataDir, port, controllerPort)) {
            broker = launcher.broker();
            launcher.kill();
        }

        try {
            await().atMost(KafkaBrokerChild.SHUTDOWN_GRACE.plusSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !broker.isAlive());
            try (KafkaBroker next = new KafkaBroker(dataDir, port, controllerPort).start()) {
                assertThat(next.process().pid()).isNotEqualTo(broker.pid());
            }
        } finally {
            broker.destroyForcibly();
        }
    }

    @Test
    void aBrokerLeftRunningAfterItsLauncherDiedIsFoundByItsPidFileAndStoppedBeforeTheNextStarts() throws Exception {
        Path dataDir = dir.resolve("kafka");
        ProcessHandle stale;
        try (BrokerLauncher launcher = BrokerLauncher.start(dataDir, port, controllerPort)) {
            stale = launcher.broker();
            // frozen, it cannot notice that its launcher is gone, like a broker of a launcher from before brokers
            // ended with their launcher; and it ignores SIGTERM, as the orphan of issue 12 did for 60 s
            signal("STOP", stale.pid());
            launcher.kill();
        }
        assertThat(stale.isAlive()).as("the frozen broker outlives its launcher").isTrue();

        try (KafkaBroker next = new KafkaBroker(dataDir, port, controllerPort).start()) {
            assertThat(stale.isAlive()).as("the leftover broker was stopped").isFalse();
            assertThat(next.process().isAlive()).isTrue();
            assertThat(Files.readString(dataDir.resolve("broker.pid")).trim()).isEqualTo(String.valueOf(next.process().pid()));
        } finally {
            stale.destroyForcibly();
        }
    }

    @Test
    void aPidFileNamingAnotherProgramLeavesThatProgramAlone() throws Exception {
        Path dataDir = dir.resolve("kafka");
        Files.createDirectories(dataDir);
        // the pid of a dead broker, since reused by something else
        Process other = new ProcessBuilder("sleep", "300").start();
        try {
            Files.writeString(dataDir.resolve("broker.pid"), other.pid() + "\n");
            try (KafkaBroker broker = new KafkaBroker(dataDir, port, controllerPort).start()) {
                assertThat(other.isAlive()).as("the other program still runs").isTrue();
                assertThat(broker.process().isAlive()).isTrue();
            }
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aForeignBrokerOnThePortFailsTheStartClearlyAndIsLeftAlone() {
        try (KafkaBroker foreign = new KafkaBroker(dir.resolve("foreign-kafka"), port, TestInfrastructure.freePort()).start()) {
            KafkaBroker ours = new KafkaBroker(dir.resolve("kafka"), port, controllerPort);

            assertThatThrownBy(ours::start)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("not this platform's broker");
            assertThat(foreign.process().isAlive()).isTrue();
            assertThat(dir.resolve("kafka").resolve("broker.pid")).doesNotExist();
        }
    }

    @Test
    void aSecondLauncherOnTheSameDirectoryIsRefusedAndTheRunningBrokerKeepsRunning() {
        Path dataDir = dir.resolve("kafka");
        try (KafkaBroker running = new KafkaBroker(dataDir, port, controllerPort).start()) {
            KafkaBroker second = new KafkaBroker(dataDir, TestInfrastructure.freePort(), TestInfrastructure.freePort());

            assertThatThrownBy(second::start).hasMessageContaining("Another launcher is running a Kafka broker on " + dataDir);
            assertThat(running.process().isAlive()).as("the running broker was not touched").isTrue();
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %d", signal, pid).isTrue();
    }
}
