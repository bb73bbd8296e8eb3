package io.careerpath.query.summary;

import io.careerpath.query.summary.CareerSummary.Point;
import io.careerpath.query.words.CareerWords;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The career page's "Delivery retention and forecast" chart as an SVG: retention so far (solid), the
 * forecast if the current role goes on (dashed), the rotate-back threshold over a shaded band, the as-of
 * day and the rotate-back date; the dashboards' colours (Okabe–Ito blue for the curve, vermilion for the
 * threshold).
 */
final class RetentionChart {

    /** The curve's colour; the summary test counts its pixels to see that the chart is drawn. */
    static final String CURVE = "#0072B2";
    static final String THRESHOLD = "#D55E00";
    static final int WIDTH = 680;
    static final int HEIGHT = 212;
    private static final int LEFT = 46;
    private static final int RIGHT = 14;
    private static final int TOP = 14;
    private static final int BOTTOM = 26;

    private final LocalDate from;
    private final LocalDate until;

    private RetentionChart(LocalDate from, LocalDate until) {
        this.from = from;
        this.until = until.isAfter(from) ? until : from.plusMonths(1);
    }

    static String svg(CareerSummary summary) {
        List<Point> history = summary.retention();
        List<Point> forecast = summary.forecast();
        LocalDate from = history.isEmpty() ? summary.asOf().minusYears(1) : history.get(0).date();
        LocalDate until = forecast.isEmpty() ? summary.asOf() : forecast.get(forecast.size() - 1).date();
        return new RetentionChart(from, until).draw(summary);
    }

    private String draw(CareerSummary summary) {
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"10\">");
        double threshold = summary.threshold();
        // below the threshold: the band to stay out of
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.08\"/>",
                x(from), y(threshold), x(until) - x(from), y(0) - y(threshold), THRESHOLD));
        for (int percent = 0; percent <= 100; percent += 25) {
            double y = y(percent / 100.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d0d4d9\" stroke-width=\"0.8\"/>",
                    LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#1b1f24\">%d %%</text>",
                    LEFT - 6, y + 3.5, percent));
        }
        long years = ChronoUnit.YEARS.between(from, until);
        int step = years > 16 ? 4 : years > 8 ? 2 : 1;
        for (int year = from.getYear() + 1; year <= until.getYear(); year += step) {
            double x = x(LocalDate.of(year, 1, 1));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e6ea\" stroke-width=\"0.8\"/>",
                    x, TOP, x, y(0)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#1b1f24\">%d</text>",
                    x, HEIGHT - 8, year));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"8,4\"/>",
                LEFT, y(threshold), WIDTH - RIGHT, y(threshold), THRESHOLD));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#7a3300\" font-weight=\"bold\">rotate-back threshold %d %%</text>",
                LEFT + 6, y(threshold) - 5, Math.round(threshold * 100)));
        double asOf = x(summary.asOf());
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1b1f24\" stroke-width=\"1.2\" stroke-dasharray=\"2,3\"/>",
                asOf, TOP, asOf, y(0)));
        if (summary.retention().isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1f24\">"
                    + "No delivery history yet: no retention to draw</text>", (LEFT + WIDTH - RIGHT) / 2.0, y(0.8)));
        }
        polyline(svg, summary.retention(), "stroke-width=\"3\"");
        polyline(svg, summary.forecast(), "stroke-width=\"2.5\" stroke-dasharray=\"6,4\"");
        if (summary.rotateBackBy() != null && !summary.rotateBackBy().isBefore(from) && !summary.rotateBackBy().isAfter(until)) {
            double x = x(summary.rotateBackBy());
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>",
                    x, TOP, x, y(0), THRESHOLD));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#7a3300\" font-weight=\"bold\">rotate back by %s</text>",
                    x - 4, y(0) - 6, Xhtml.escape(CareerWords.day(summary.rotateBackBy()))));
        }
        return svg.append("</svg>").toString();
    }

    private void polyline(StringBuilder svg, List<Point> points, String style) {
        if (points.size() < 2) {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(CURVE).append("\" stroke-linejoin=\"round\" ").append(style)
                .append(" points=\"");
        for (Point point : points) {
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(point.date()), y(point.value())));
        }
        svg.append("\"/>");
    }

    private double x(LocalDate date) {
        double span = ChronoUnit.DAYS.between(from, until);
        return LEFT + (WIDTH - LEFT - RIGHT) * ChronoUnit.DAYS.between(from, date) / span;
    }

    private static double y(double share) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - Math.max(0, Math.min(1, share)));
    }
}
