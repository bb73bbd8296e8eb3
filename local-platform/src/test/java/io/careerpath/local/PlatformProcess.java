package io.careerpath.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The single-machine platform in a child JVM, started as the README starts it: the {@link LocalPlatform}
 * main with {@code --data-dir} and every port on its command line, and the README's JVM options (plus
 * {@code -XX:TieredStopAtLevel=1}, which starts faster). From this JVM's class path rather than the built
 * executable jar, which a test run does not rebuild. Its output goes to {@code log}.
 */
final class PlatformProcess implements AutoCloseable {

    /** What the launcher prints once everything is up. */
    static final String RUNNING = "Careerpath is running";

    record Ports(int command, int query, int kafka, int kafkaController, int mongo, int signIn) {

        static Ports free() {
            return new Ports(TestInfrastructure.freePort(), TestInfrastructure.freePort(), TestInfrastructure.freePort(),
                    TestInfrastructure.freePort(), TestInfrastructure.freePort(), TestInfrastructure.freePort());
        }

        String commandApi() {
            return "http://127.0.0.1:" + command;
        }

        String queryApi() {
            return "http://127.0.0.1:" + query;
        }

        String issuer() {
            return "http://127.0.0.1:" + signIn;
        }
    }

    private final Process process;
    private final Path dataDir;
    private final Path log;

    private PlatformProcess(Process process, Path dataDir, Path log) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** Starts the launcher and waits until it says it is running. */
    static PlatformProcess start(Path dataDir, Ports ports, Path log, Duration timeout) {
        PlatformProcess platform = launch(dataDir, ports, log);
        platform.awaitOutput(RUNNING, timeout);
        return platform;
    }

    /** Starts the launcher, without waiting for anything. */
    static PlatformProcess launch(Path dataDir, Ports ports, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process process = ChildJvm.builder(List.of("-XX:TieredStopAtLevel=1", "-Xmx1g", "-XX:+UseSerialGC"), LocalPlatform.class.getName(),
                            List.of("--data-dir=" + dataDir,
                                    "--command-port=" + ports.command(),
                                    "--query-port=" + ports.query(),
                                    "--kafka-port=" + ports.kafka(),
                                    "--kafka-controller-port=" + ports.kafkaController(),
                                    "--mongo-port=" + ports.mongo(),
                                    "--sign-in-port=" + ports.signIn()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            return new PlatformProcess(process, dataDir, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the platform's output holds {@code text}; fails at once if the platform exits. */
    void awaitOutput(String text, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("The platform exited with " + process.exitValue() + ":\n" + tail());
            }
            return Files.readString(log).contains(text);
        });
    }

    /** Everything the platform printed so far. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, which no JVM can catch or delay: nothing of a shutdown runs. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The platform survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The broker the launcher started, by the pid file it keeps. */
    Optional<ProcessHandle> broker() {
        Path pidFile = dataDir.resolve("kafka").resolve("broker.pid");
        try {
            return Files.exists(pidFile) ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** The last lines of the platform's output, for a failure's message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Stops it as Ctrl-C would (SIGTERM: the launcher's shutdown hook), forcibly if that hangs. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
