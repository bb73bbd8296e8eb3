package io.careerpath.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service in a child JVM with the heap the goal allows ({@value #MAX_HEAP}, serial collector as
 * in the single-machine launcher), its GC log kept for the heap figures. A service that runs out of
 * memory exits at once ({@code ExitOnOutOfMemoryError}), so the benchmark notices instead of measuring
 * a struggling JVM.
 */
final class ServiceProcess implements AutoCloseable {

    static final String MAX_HEAP = "512m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    // [12.345s][info][gc] GC(7) Pause Young (Allocation Failure) 140M->38M(494M) 12.345ms
    private static final Pattern PAUSE = Pattern.compile("Pause (\\w+).*?(\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");

    private final String name;
    private final Process process;
    private final Path log;
    private final Path gcLog;
    private final int port;
    private final long startedNanos = System.nanoTime();

    private ServiceProcess(String name, Process process, Path log, Path gcLog, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
        this.port = port;
    }

    /** Starts {@code command}, {@code query} or {@code peer} with the given settings and waits until it reports ready. */
    static ServiceProcess start(String name, int port, Map<String, String> settings, Path dir) {
        return start(name, name, port, settings, dir);
    }

    /** The same, its logs named after {@code label} (the same service may run twice, on another event store). */
    static ServiceProcess start(String service, String label, int port, Map<String, String> settings, Path dir) {
        String name = label;
        Path log = dir.resolve(label + "-service.log");
        Path gcLog = dir.resolve(label + "-service-gc.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + MAX_HEAP, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + gcLog));
        command.addAll(extraJvmOptions(label));
        command.addAll(List.of("-cp", classPath(),
                ServiceMain.class.getName(), service,
                "--server.port=" + port, "--spring.main.banner-mode=off"));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ServiceProcess started = new ServiceProcess(name, process, log, gcLog, port);
            started.awaitReady();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code -Dbenchmark.service-jvm-options="..."}: options for every service JVM, for looking inside a run (a flight
     * recording, say); {@code {service}} in them is replaced by the service's label, so each writes its own file.
     */
    private static List<String> extraJvmOptions(String label) {
        String options = System.getProperty("benchmark.service-jvm-options", "").trim();
        return options.isEmpty() ? List.of() : Arrays.stream(options.split("\\s+"))
                .map(option -> option.replace("{service}", label)).toList();
    }

    /** Where the service writes its log. */
    Path log() {
        return log;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Kills the service as a crash would: SIGKILL, no shutdown hook, no claim given back. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The " + name + " service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The " + name + " service was not ready within " + START_TIMEOUT + "; see " + log);
            }
            pause(200);
        }
    }

    /** Heap figures from the GC log, for the time the service has run so far. */
    Heap heap() {
        try {
            int collections = 0;
            long peakBefore = 0;
            long peakAfter = 0;
            long peakAfterFull = 0;
            double pauseMillis = 0;
            long committed = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher pause = PAUSE.matcher(line);
                if (pause.find()) {
                    collections++;
                    peakBefore = Math.max(peakBefore, Long.parseLong(pause.group(2)));
                    long after = Long.parseLong(pause.group(3));
                    peakAfter = Math.max(peakAfter, after);
                    if (pause.group(1).equals("Full")) {
                        peakAfterFull = Math.max(peakAfterFull, after);
                    }
                    committed = Math.max(committed, Long.parseLong(pause.group(4)));
                    pauseMillis += Double.parseDouble(pause.group(5));
                }
            }
            double runSeconds = (System.nanoTime() - startedNanos) / 1e9;
            return new Heap(name, collections, peakBefore, peakAfter, peakAfterFull, committed, pauseMillis / 1000,
                    runSeconds, process.isAlive());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param peakUsedMiB      the most heap in use, just before a collection
     * @param peakAfterGcMiB   the most heap still in use right after a collection (live data plus
     *                         old-generation garbage not yet collected): what the service needs
     * @param peakAfterFullGcMiB the same after full collections only (live data), 0 if none ran
     */
    record Heap(String service, int collections, long peakUsedMiB, long peakAfterGcMiB, long peakAfterFullGcMiB,
                long peakCommittedMiB, double pauseSeconds, double runSeconds, boolean alive) {

        double gcShare() {
            return runSeconds == 0 ? 0 : pauseSeconds / runSeconds;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Surefire hides the test class path behind a manifest jar; it publishes the real one here. */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
