package io.careerpath.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A launcher in a child JVM that starts a {@link KafkaBroker} and keeps running until killed, as the
 * single-machine launcher does, without the rest of the platform: {@link KafkaBrokerLifecycleTest} kills it
 * and looks at what becomes of its broker.
 */
final class BrokerLauncher implements AutoCloseable {

    static final String READY = "broker launcher ready";

    /** Held for the child's lifetime: the broker's pipe must not be collected with it. */
    private static KafkaBroker broker;

    private final Process process;
    private final Path dataDir;

    private BrokerLauncher(Process process, Path dataDir) {
        this.process = process;
        this.dataDir = dataDir;
    }

    /** @param args the broker's data directory, port and controller port */
    public static void main(String[] args) throws InterruptedException {
        broker = new KafkaBroker(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2])).start();
        System.out.println(READY);
        System.out.flush();
        new CountDownLatch(1).await();
    }

    static BrokerLauncher start(Path dataDir, int port, int controllerPort) {
        Path log = dataDir.getParent().resolve(dataDir.getFileName() + "-launcher.log");
        try {
            Process process = ChildJvm.builder(List.of("-Xmx128m", "-XX:+UseSerialGC"), BrokerLauncher.class.getName(),
                            List.of(dataDir.toString(), String.valueOf(port), String.valueOf(controllerPort)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            BrokerLauncher launcher = new BrokerLauncher(process, dataDir);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The launcher exited: " + Files.readString(log));
                }
                return Files.readString(log).contains(READY);
            });
            return launcher;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker it started, by the pid file next to the broker's log. */
    ProcessHandle broker() {
        try {
            long pid = Long.parseLong(Files.readString(dataDir.resolve("broker.pid")).trim());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("No process " + pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: the launcher can do nothing about its broker. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The launcher survived SIGKILL");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
