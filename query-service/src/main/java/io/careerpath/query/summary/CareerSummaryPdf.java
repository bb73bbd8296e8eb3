package io.careerpath.query.summary;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import io.careerpath.query.summary.CareerSummary.EventRow;
import io.careerpath.query.summary.CareerSummary.Fact;
import io.careerpath.query.summary.CareerSummary.SkillRow;
import io.careerpath.query.words.CareerWords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;

/**
 * Renders a {@link CareerSummary} as a PDF of at most two A4 pages: the page is XHTML made by
 * {@link Xhtml} (escaped) with the {@link RetentionChart} inline, laid out by openhtmltopdf.
 */
public final class CareerSummaryPdf {

    /** Debian's fonts-dejavu-core (installed by .ci/run): accents and the Nordic letters print. */
    static final Path FONT = Path.of(System.getProperty("careerpath.summary.font",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
    static final Path BOLD_FONT = FONT.resolveSibling("DejaVuSans-Bold.ttf");
    private static final String FAMILY = "DejaVu Sans";
    /** Keeps the events table (the one part that grows with a career) within the second page. */
    static final int MOST_EVENTS = 28;

    static {
        // openhtmltopdf reports every render at INFO (timings, fonts loaded): keep its warnings only
        for (String logger : XRLog.listRegisteredLoggers()) {
            XRLog.setLevel(logger, Level.WARNING);
        }
    }

    private final String stylesheet;

    public CareerSummaryPdf() {
        try (InputStream css = CareerSummaryPdf.class.getResourceAsStream("career-summary.css")) {
            stylesheet = new String(css.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] render(CareerSummary summary) {
        if (!Files.isReadable(FONT)) {
            throw new IllegalStateException("The career summary needs DejaVu Sans at " + FONT
                    + " (apt-get install fonts-dejavu-core, or set careerpath.summary.font)");
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useFont(FONT.toFile(), FAMILY);
        if (Files.isReadable(BOLD_FONT)) {
            builder.useFont(BOLD_FONT.toFile(), FAMILY, 700, PdfRendererBuilder.FontStyle.NORMAL, true);
        }
        builder.useSVGDrawer(new BatikSVGDrawer());
        builder.withHtmlContent(html(summary), null);
        builder.withProducer("Careerpath");
        builder.toStream(pdf);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf.toByteArray();
    }

    String html(CareerSummary summary) {
        Xhtml page = new Xhtml();
        page.trusted("<!DOCTYPE html>");
        page.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en").open("head")
                .trusted("<meta charset=\"utf-8\"/>")
                .element("title", summary.name() + " · career summary")
                .open("style").text(stylesheet).close("style")
                .close("head").open("body");

        page.element("h1", summary.name());
        page.element("p", "Career summary for a review conversation · as of " + CareerWords.day(summary.asOf()), "class", "subtitle");

        page.open("table", "class", "facts").open("tbody");
        for (Fact fact : summary.facts()) {
            page.open("tr").element("th", fact.label()).element("td", fact.value()).close("tr");
        }
        page.close("tbody").close("table");

        page.element("h2", "Delivery retention and forecast");
        page.open("div", "class", "chart").trusted(RetentionChart.svg(summary)).close("div");
        if (summary.retention().isEmpty()) {
            page.element("p", "No delivery history yet, so no retention to draw.", "class", "hint");
        }
        page.element("p", "Share of the delivery skill's peak that is kept. Solid: so far; dashed: the forecast if the "
                + "current role goes on; the shaded band is below the rotate-back threshold.", "class", "hint");

        page.element("h2", "Skills");
        page.open("table", "class", "skills").open("thead").open("tr")
                .element("th", "Skill").element("th", "Now", "class", "num").element("th", "Peak", "class", "num")
                .element("th", "Kept of peak", "class", "num").element("th", "Trend per month", "class", "num")
                .close("tr").close("thead").open("tbody");
        for (SkillRow skill : summary.skills()) {
            page.open("tr").element("th", skill.skill())
                    .element("td", String.format(Locale.ROOT, "%.2f", skill.now()), "class", "num")
                    .element("td", String.format(Locale.ROOT, "%.2f", skill.peak()), "class", "num")
                    .element("td", skill.keptOfPeak(), "class", "num")
                    .element("td", String.format(Locale.ROOT, "%+.3f", skill.trendPerMonth()), "class", "num")
                    .close("tr");
        }
        page.close("tbody").close("table");

        page.element("h2", "Recorded events");
        List<EventRow> events = summary.events();
        if (events.isEmpty()) {
            page.element("p", "Nothing recorded by this day.");
        } else {
            page.open("table", "class", "events").open("thead").open("tr")
                    .element("th", "Effective").element("th", "What happened").close("tr").close("thead").open("tbody");
            for (EventRow event : events.subList(0, Math.min(events.size(), MOST_EVENTS))) {
                page.open("tr").element("td", CareerWords.day(event.date()), "class", "date").element("td", event.what()).close("tr");
            }
            page.close("tbody").close("table");
            if (events.size() > MOST_EVENTS) {
                int earlier = events.size() - MOST_EVENTS;
                page.element("p", "… and " + earlier + (earlier == 1 ? " earlier event" : " earlier events")
                        + ": the career page lists them all.", "class", "hint");
            }
        }
        page.close("body").close("html");
        return page.toString();
    }
}
