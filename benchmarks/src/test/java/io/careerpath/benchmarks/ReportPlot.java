package io.careerpath.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The report's picture, drawn with java.awt alone (headless): throughput against each peer (log
 * scale), event-to-visible latency through the open-loop run, and the read latency distributions.
 */
final class ReportPlot {

    private static final int PANEL_WIDTH = 560;
    private static final int HEIGHT = 460;
    private static final Color OURS = new Color(0x1f77b4);
    private static final Color PEER = new Color(0xbbbbbb);
    private static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private record Throughput(String label, double ours, double peer) {
    }

    private final List<Throughput> throughputs = new ArrayList<>();
    private final Map<String, double[][]> latencyOverTime = new LinkedHashMap<>();
    private final Map<String, double[]> readLatencies = new LinkedHashMap<>();

    void throughput(String label, double ours, double peer) {
        throughputs.add(new Throughput(label, ours, peer));
    }

    /** Pairs of (seconds since the open loop began, milliseconds to visible), one series per variant. */
    void latencyOverTime(String label, double[][] samples) {
        latencyOverTime.put(label, samples);
    }

    void readLatencies(String label, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        readLatencies.put(label, sorted);
    }

    void write(Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(PANEL_WIDTH * 3, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        throughputPanel(g, 0);
        latencyPanel(g, PANEL_WIDTH);
        readPanel(g, PANEL_WIDTH * 2);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /** Plot area of a panel: left, top, width, height. */
    private static int[] area(int x0) {
        return new int[] {x0 + 70, 50, PANEL_WIDTH - 100, HEIGHT - 170};
    }

    private void throughputPanel(Graphics2D g, int x0) {
        int[] a = area(x0);
        title(g, x0, "Throughput, events/s (log scale): ours vs peer");
        double max = throughputs.stream().mapToDouble(t -> Math.max(t.ours, t.peer)).max().orElse(10);
        double top = Math.pow(10, Math.ceil(Math.log10(Math.max(10, max))));
        double bottom = 10;
        axes(g, a);
        for (double tick = bottom; tick <= top; tick *= 10) {
            int y = (int) (a[1] + a[3] - a[3] * Math.log10(tick / bottom) / Math.log10(top / bottom));
            g.setColor(new Color(0xeeeeee));
            g.drawLine(a[0] + 1, y, a[0] + a[2], y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%,.0f", tick), a[0] - 60, y + 4);
        }
        int n = Math.max(1, throughputs.size());
        int slot = a[2] / n;
        for (int i = 0; i < throughputs.size(); i++) {
            Throughput t = throughputs.get(i);
            int x = a[0] + i * slot + slot / 6;
            int w = slot / 3;
            bar(g, a, x, w, t.ours, bottom, top, OURS);
            bar(g, a, x + w, w, t.peer, bottom, top, PEER);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.2f", t.ours / t.peer), x, a[1] + a[3] + 15);
            wrapped(g, t.label, a[0] + i * slot + 2, a[1] + a[3] + 32, slot - 4);
        }
        legend(g, a[0] + 10, a[1] + 15, new String[] {"ours", "peer"}, new Color[] {OURS, PEER});
    }

    private static void bar(Graphics2D g, int[] a, int x, int w, double value, double bottom, double top, Color color) {
        double clamped = Math.max(bottom, Math.min(top, value));
        int h = (int) (a[3] * Math.log10(clamped / bottom) / Math.log10(top / bottom));
        g.setColor(color);
        g.fillRect(x, a[1] + a[3] - h, w - 2, h);
    }

    private void latencyPanel(Graphics2D g, int x0) {
        int[] a = area(x0);
        title(g, x0, "Event to visible in the timeline at 100 events/s (ms)");
        axes(g, a);
        List<double[]> all = latencyOverTime.values().stream().flatMap(Arrays::stream).toList();
        if (all.isEmpty()) {
            return;
        }
        double maxT = all.stream().mapToDouble(p -> p[0]).max().orElse(1);
        double maxMs = Math.max(300, all.stream().mapToDouble(p -> p[1]).max().orElse(0) * 1.05);
        yTicks(g, a, maxMs);
        int series = 0;
        for (double[][] samples : latencyOverTime.values()) {
            Color color = SERIES[series++ % SERIES.length];
            g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 120));
            for (double[] p : samples) {
                int x = (int) (a[0] + a[2] * p[0] / Math.max(1, maxT));
                int y = (int) (a[1] + a[3] - a[3] * p[1] / maxMs);
                g.fillOval(x - 2, y - 2, 4, 4);
            }
        }
        legend(g, a[0] + 10, a[1] + 14, latencyOverTime.keySet().toArray(String[]::new),
                Arrays.copyOf(SERIES, latencyOverTime.size()));
        line(g, a, maxMs, 50, new Color(0x2ca02c), "goal p50 50 ms");
        line(g, a, maxMs, 250, new Color(0xd62728), "goal p99 250 ms");
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "seconds into the open loop (0 to %.0f)", maxT), a[0] + a[2] / 3, a[1] + a[3] + 18);
    }

    private void readPanel(Graphics2D g, int x0) {
        int[] a = area(x0);
        title(g, x0, "Reads with the people loaded: latency by percentile (ms)");
        axes(g, a);
        double maxMs = readLatencies.values().stream().mapToDouble(v -> v.length == 0 ? 0 : v[v.length - 1]).max().orElse(1);
        maxMs = Math.max(60, maxMs * 1.05);
        yTicks(g, a, maxMs);
        int s = 0;
        List<String> labels = new ArrayList<>();
        for (Map.Entry<String, double[]> series : readLatencies.entrySet()) {
            double[] v = series.getValue();
            g.setColor(SERIES[s % SERIES.length]);
            g.setStroke(new BasicStroke(2));
            int px = -1;
            int py = -1;
            for (int i = 0; i < v.length; i++) {
                int x = (int) (a[0] + a[2] * (i + 1.0) / v.length);
                int y = (int) (a[1] + a[3] - a[3] * v[i] / maxMs);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.setStroke(new BasicStroke(1));
            labels.add(series.getKey());
            s++;
        }
        line(g, a, maxMs, 20, SERIES[0], "timeline goal p99 20 ms");
        line(g, a, maxMs, 50, SERIES[1], "board goal p99 50 ms");
        legend(g, a[0] + 10, a[1] + 15, labels.toArray(String[]::new), Arrays.copyOf(SERIES, labels.size()));
        g.setColor(Color.DARK_GRAY);
        g.drawString("percentile (0 to 100)", a[0] + a[2] / 3, a[1] + a[3] + 18);
    }

    private static void title(Graphics2D g, int x0, String text) {
        g.setColor(Color.BLACK);
        g.setFont(g.getFont().deriveFont(Font.BOLD, 13f));
        g.drawString(text, x0 + 20, 25);
        g.setFont(g.getFont().deriveFont(Font.PLAIN, 11f));
    }

    private static void axes(Graphics2D g, int[] a) {
        g.setColor(Color.GRAY);
        g.drawLine(a[0], a[1], a[0], a[1] + a[3]);
        g.drawLine(a[0], a[1] + a[3], a[0] + a[2], a[1] + a[3]);
    }

    private static void yTicks(Graphics2D g, int[] a, double max) {
        double step = Math.pow(10, Math.floor(Math.log10(max / 2)));
        for (double tick = 0; tick <= max; tick += step) {
            int y = (int) (a[1] + a[3] - a[3] * tick / max);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(a[0] + 1, y, a[0] + a[2], y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%,.0f", tick), a[0] - 50, y + 4);
        }
    }

    private static void line(Graphics2D g, int[] a, double max, double value, Color color, String label) {
        int y = (int) (a[1] + a[3] - a[3] * value / max);
        g.setColor(color);
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.drawLine(a[0], y, a[0] + a[2], y);
        g.setStroke(new BasicStroke(1));
        g.drawString(label, a[0] + a[2] - 150, y - 4);
    }

    private static void legend(Graphics2D g, int x, int y, String[] labels, Color[] colors) {
        for (int i = 0; i < labels.length; i++) {
            g.setColor(colors[i]);
            g.fillRect(x, y + i * 16 - 9, 10, 10);
            g.setColor(Color.DARK_GRAY);
            g.drawString(labels[i], x + 15, y + i * 16);
        }
    }

    private static void wrapped(Graphics2D g, String text, int x, int y, int width) {
        StringBuilder line = new StringBuilder();
        int row = 0;
        for (String word : text.split(" ")) {
            if (g.getFontMetrics().stringWidth(line + " " + word) > width && line.length() > 0) {
                g.drawString(line.toString(), x, y + row++ * 13);
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        g.drawString(line.toString(), x, y + row * 13);
    }
}
