package io.careerpath.query.skillmodel;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Draws docs/images/delivery-retention.png: delivery proficiency and retention over a typical career,
 * delivery (3 years) → organizational PMO (2 years) → regained delivery (2 years), with the default
 * parameters. Plain java.awt, headless. See docs/skill-model.md for the command that regenerates it.
 */
final class RetentionPlot {

    /** System property naming the output file; relative paths resolve against the working directory. */
    static final String OUTPUT_PROPERTY = "plot.output";
    static final String DEFAULT_OUTPUT = "target/delivery-retention.png";

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 540;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 90;
    private static final LocalDate START = LocalDate.of(2020, 1, 1);
    private static final int YEARS = 7;

    private RetentionPlot() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path output = Path.of(args.length > 0 ? args[0] : System.getProperty(OUTPUT_PROPERTY, DEFAULT_OUTPUT));
        write(output);
        System.out.println("wrote " + output.toAbsolutePath());
    }

    static void write(Path output) throws IOException {
        SkillModel model = SkillModel.withDefaults();
        CareerFixture career = CareerFixture.startingOn(START).adminLoad(10).delivery(36);
        LocalDate pmoStart = career.now();
        career.adminLoad(30).pmo(PmoType.ORGANIZATIONAL, 24);
        LocalDate backInDelivery = career.now();
        CareerHistory history = career.adminLoad(10).ongoing(AssignmentKind.DELIVERY, null).history();
        LocalDate end = START.plusYears(YEARS);

        int weeks = (int) ((end.toEpochDay() - START.toEpochDay()) / 7);
        double[] proficiency = new double[weeks + 1];
        double[] retention = new double[weeks + 1];
        for (int w = 0; w <= weeks; w++) {
            SkillProfile profile = model.evaluate(history, START.plusWeeks(w));
            proficiency[w] = profile.skill(Skill.DELIVERY_EXECUTION).current();
            retention[w] = profile.deliveryRetention();
        }
        LocalDate rotateBackBy = model.evaluate(history, pmoStart).rotateBackBy().orElse(null);
        double threshold = model.parameters().rotateBackRetention();

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);

            shadePhase(g, START, pmoStart, new Color(0xE3F2E1), "delivery");
            shadePhase(g, pmoStart, backInDelivery, new Color(0xFBE9D7), "organizational PMO (30 % admin load)");
            shadePhase(g, backInDelivery, end, new Color(0xE3F2E1), "regained delivery");
            axes(g);

            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 5}, 0));
            g.setColor(new Color(0xC62828));
            g.drawLine(LEFT, y(threshold), WIDTH - RIGHT, y(threshold));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(String.format("rotate-back threshold: retention %.0f %%", threshold * 100), LEFT + 8, y(threshold) - 6);
            if (rotateBackBy != null) {
                int x = x(rotateBackBy);
                g.drawLine(x, TOP + 22, x, HEIGHT - BOTTOM);
                g.drawString("rotate back by " + rotateBackBy + " (forecast on joining the PMO)", x + 5, TOP + 36);
            }

            g.setStroke(new BasicStroke(2.5f));
            curve(g, retention, new Color(0x1565C0));
            curve(g, proficiency, new Color(0x2E7D32));

            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.setColor(Color.DARK_GRAY);
            g.drawString("Delivery execution over a typical rotation (default parameters, practice matrix v"
                    + model.matrix().version().split(" ")[0] + ")", LEFT, 30);
            legend(g, new Color(0x1565C0), "delivery retention (current / peak)", 0);
            legend(g, new Color(0x2E7D32), "delivery proficiency (0..1)", 1);
        } finally {
            g.dispose();
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", output.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static void shadePhase(Graphics2D g, LocalDate from, LocalDate to, Color color, String label) {
        g.setColor(color);
        g.fillRect(x(from), TOP, x(to) - x(from), HEIGHT - BOTTOM - TOP);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(label, x(from) + 6, TOP + 16);
    }

    private static void axes(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setStroke(new BasicStroke(1f));
        for (int tenth = 0; tenth <= 10; tenth += 2) {
            double value = tenth / 10.0;
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(LEFT, y(value), WIDTH - RIGHT, y(value));
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.1f", value), LEFT - 30, y(value) + 4);
        }
        for (int year = 0; year <= YEARS; year++) {
            int x = x(START.plusYears(year));
            g.drawLine(x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 5);
            g.drawString("year " + year, x - 18, HEIGHT - BOTTOM + 20);
        }
        g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
        g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
    }

    private static void curve(Graphics2D g, double[] values, Color color) {
        Path2D.Double path = new Path2D.Double();
        for (int w = 0; w < values.length; w++) {
            double x = x(START.plusWeeks(w));
            if (w == 0) {
                path.moveTo(x, y(values[w]));
            } else {
                path.lineTo(x, y(values[w]));
            }
        }
        g.setColor(color);
        g.draw(path);
    }

    private static void legend(Graphics2D g, Color color, String label, int row) {
        int y = HEIGHT - BOTTOM + 45 + row * 20;
        g.setColor(color);
        g.setStroke(new BasicStroke(2.5f));
        g.drawLine(LEFT, y - 4, LEFT + 30, y - 4);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(label, LEFT + 40, y);
    }

    private static int x(LocalDate date) {
        double span = START.plusYears(YEARS).toEpochDay() - START.toEpochDay();
        return LEFT + (int) Math.round((date.toEpochDay() - START.toEpochDay()) / span * (WIDTH - LEFT - RIGHT));
    }

    private static int y(double value) {
        return HEIGHT - BOTTOM - (int) Math.round(value * (HEIGHT - BOTTOM - TOP));
    }
}
