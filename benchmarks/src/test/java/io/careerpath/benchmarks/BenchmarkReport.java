package io.careerpath.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/** Appends one row per measurement to the Markdown report (target/benchmark-report.md). */
final class BenchmarkReport {

    private BenchmarkReport() {
    }

    static synchronized void row(String what, String size, List<String> figures) {
        Path report = Path.of(System.getProperty("benchmark.report", "target/benchmark-report.md"));
        try {
            Files.createDirectories(report.toAbsolutePath().getParent());
            if (!Files.exists(report)) {
                Files.writeString(report, "# Benchmark report\n\n" + machine() + "\n\n| what | size | figures |\n|---|---|---|\n");
            }
            Files.writeString(report, "| " + what + " | " + size + " | " + String.join(", ", figures) + " |\n",
                    StandardOpenOption.APPEND);
            System.out.println("BENCHMARK " + what + " (" + size + "): " + String.join(", ", figures));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return "Run " + Instant.now() + " (size " + BenchmarkSize.current().name().toLowerCase() + ") on "
                + runtime.availableProcessors() + " cores, JVM max heap " + runtime.maxMemory() / (1024 * 1024)
                + " MiB, Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ".";
    }
}
