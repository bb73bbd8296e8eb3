package io.careerpath.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One report per run: a row per target of the performance table (measured value, peer value,
 * ratio, goal, met or not, and for a miss why and what it would take), the conditions of the run,
 * and a plot. Written as Markdown beside a PNG under {@code target/}.
 */
final class BenchmarkReport {

    /**
     * @param met  null when the row could not be measured
     * @param note for a miss (or an unmeasured row): why, and what it would take
     */
    record Row(String target, String measured, String peer, String ratio, String goal, Boolean met, String note) {
    }

    private final BenchmarkSize size;
    private final String startLoad = loadAverage();
    private final Instant started = Instant.now();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    final ReportPlot plot = new ReportPlot();

    BenchmarkReport(BenchmarkSize size) {
        this.size = size;
    }

    /** A throughput compared with its peer: met when ours / peer reaches {@code goalRatio}. */
    void ratio(String target, double ours, double peer, String unit, double goalRatio, String whyIfMissed) {
        double ratio = ours / peer;
        boolean met = ratio >= goalRatio;
        rows.add(new Row(target, fmt(ours) + " " + unit, fmt(peer) + " " + unit, String.format(Locale.ROOT, "%.2f", ratio),
                "≥ " + goalRatio, met, met ? "" : whyIfMissed));
        plot.throughput(target, ours, peer);
    }

    /** A peer of a throughput, the share of it the goal asks for, and its short name in the plot. */
    record Peer(String name, double value, String unit, double goalRatio, String plotName) {
    }

    /** A throughput compared with several peers: met when ours reaches each peer's goal ratio. */
    void ratios(String target, String plotLabel, double ours, String unit, List<Peer> peers, String whyIfMissed) {
        boolean met = true;
        List<String> values = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        List<String> goals = new ArrayList<>();
        for (Peer peer : peers) {
            double ratio = ours / peer.value();
            met &= ratio >= peer.goalRatio();
            values.add(peer.name() + " " + fmt(peer.value()) + " " + peer.unit());
            ratios.add(String.format(Locale.ROOT, "%.2f", ratio));
            goals.add("≥ " + peer.goalRatio() + " of " + peer.name());
            plot.throughput(plotLabel + " vs " + peer.plotName(), ours, peer.value());
        }
        rows.add(new Row(target, fmt(ours) + " " + unit, String.join("; ", values), String.join(" / ", ratios),
                String.join(", ", goals), met, met ? "" : whyIfMissed));
    }

    void row(Row row) {
        rows.add(row);
    }

    void notMeasured(String target, String goal, String why) {
        rows.add(new Row(target, "not measured", "", null, goal, null, why));
    }

    /** A line under the table: how a figure was taken, or what else the run saw. */
    void detail(String line) {
        details.add(line);
        System.out.println("BENCHMARK " + line);
    }

    List<Row> rows() {
        return rows;
    }

    void write(Path markdown) {
        StringBuilder md = new StringBuilder("# Benchmark report\n\n")
                .append("Size **").append(size.name().toLowerCase(Locale.ROOT)).append("**, ").append(started)
                .append(" to ").append(Instant.now()).append(".\n\n").append(machine()).append("\n\n")
                .append("| target | measured | peer | ratio | goal | met | why / what it would take |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.target()).append(" | ").append(row.measured()).append(" | ").append(row.peer())
                    .append(" | ").append(row.ratio() == null ? "" : row.ratio())
                    .append(" | ").append(row.goal()).append(" | ")
                    .append(row.met() == null ? "–" : row.met() ? "yes" : "**no**").append(" | ")
                    .append(row.note()).append(" |\n");
        }
        md.append("\n");
        for (String line : details) {
            md.append("- ").append(line).append("\n");
        }
        Path png = markdown.resolveSibling(markdown.getFileName().toString().replaceFirst("\\.md$", ".png"));
        md.append("\n![throughput and latency](").append(png.getFileName()).append(")\n");
        try {
            Files.createDirectories(markdown.toAbsolutePath().getParent());
            Files.writeString(markdown, md);
            plot.write(png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(md);
    }

    private String machine() {
        Runtime runtime = Runtime.getRuntime();
        return "Machine: " + cpuModel() + ", " + runtime.availableProcessors() + " cores, " + memoryGiB()
                + " GiB RAM; Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ". Load average (1/5/15 min) " + startLoad + " at the start, "
                + loadAverage() + " at the end: the machine is shared, so compare ratios within one run.";
    }

    private static String cpuModel() {
        return readLines("/proc/cpuinfo").stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    }

    private static String memoryGiB() {
        Optional<String> total = readLines("/proc/meminfo").stream().filter(line -> line.startsWith("MemTotal")).findFirst();
        return total.map(line -> String.valueOf(Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0)))
                .orElse("?");
    }

    private static String loadAverage() {
        List<String> lines = readLines("/proc/loadavg");
        return lines.isEmpty() ? "?" : String.join("/", List.of(lines.get(0).split(" ")).subList(0, 3));
    }

    private static List<String> readLines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static String fmt(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
