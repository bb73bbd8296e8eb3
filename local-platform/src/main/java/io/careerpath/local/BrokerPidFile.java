package io.careerpath.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pid of the broker process running on one log directory, written when it starts and removed when it
 * is stopped. A pid file still there at the next start means the broker's launcher did not stop it; if
 * that process still runs, it is stopped before a new broker starts, so that two brokers never share a
 * log directory. A pid names a process only until it exits: the process is stopped only if its command
 * line names this directory's broker configuration, so a pid reused by another program is left alone.
 */
final class BrokerPidFile {

    /** How long a leftover broker may take for its controlled shutdown (SIGTERM) before it is killed. */
    static final Duration TERMINATE_GRACE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(BrokerPidFile.class);

    private final Path file;
    private final String brokerConfig;

    /**
     * @param file         where the pid is kept
     * @param brokerConfig the broker's server.properties: its path is on the command line of this directory's
     *                     broker, and of no other process
     */
    BrokerPidFile(Path file, Path brokerConfig) {
        this.file = file;
        this.brokerConfig = brokerConfig.toAbsolutePath().toString();
    }

    void write(long pid) {
        try {
            Files.writeString(file, pid + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the broker's pid file " + file, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete the broker's pid file {}: {}", file, e.getMessage());
        }
    }

    /**
     * Stops the broker the pid file names, if it still runs and is this directory's broker: SIGTERM (its
     * controlled shutdown), then SIGKILL after {@link #TERMINATE_GRACE}. Only for a caller that holds the
     * directory's launcher lock: whoever started that broker is gone.
     *
     * @throws IllegalStateException if the broker survives even SIGKILL
     */
    void stopLeftoverBroker() {
        Optional<Long> pid = readPid();
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            log.info("Pid file {} names process {}, which is no longer running: no broker left over", file, pid.get());
            delete();
            return;
        }
        String commandLine = process.get().info().commandLine().orElse("");
        if (!commandLine.contains(brokerConfig)) {
            log.info("Pid file {} names process {}, which is not a broker of {} (its pid was reused): left alone",
                    file, pid.get(), brokerConfig);
            delete();
            return;
        }
        log.warn("Found a broker still running on this log directory (pid {}; its launcher is gone, after a crash?):"
                + " stopping it before a new one starts", pid.get());
        long started = System.nanoTime();
        process.get().destroy();
        if (!exited(process.get(), TERMINATE_GRACE)) {
            log.warn("The leftover broker (pid {}) did not stop within {} of SIGTERM: killing it (SIGKILL)",
                    pid.get(), TERMINATE_GRACE);
            process.get().destroyForcibly();
            if (!exited(process.get(), Duration.ofSeconds(10))) {
                throw new IllegalStateException("The leftover broker (pid " + pid.get() + ") on " + brokerConfig
                        + " survives SIGKILL; a new broker cannot start on its log directory");
            }
        }
        log.info("Stopped the leftover broker (pid {}) in {} ms", pid.get(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        delete();
    }

    private Optional<Long> readPid() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            log.warn("Pid file {} cannot be read ({}): ignored", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean exited(ProcessHandle process, Duration within) {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping a leftover broker", e);
        }
    }
}
