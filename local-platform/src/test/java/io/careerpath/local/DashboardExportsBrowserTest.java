package io.careerpath.local;

import static io.careerpath.local.CareerpathClient.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.careerpath.local.signin.DemoAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Export from the dashboards, as a manager would (docs/dashboards.md, "Export and print"): the team page's
 * "Download CSV", the career page's "Download CSV" and "Download PDF summary", each clicked in a real browser
 * (the file fetched with the page's access token and saved through a Blob URL) and the saved file read back:
 * the board's members, the career's events in words, a PDF of at most two pages with the person's name.
 */
class DashboardExportsBrowserTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final String APOLLO = "team-apollo";
    static final String ASA = "Åsa Ødegård";

    static RunningPlatform platform;
    static DashboardBrowser browser;
    static DemoAccount maria;
    static String base;
    static String asa;
    static Path downloads;

    @RegisterExtension
    @Order(1)
    static final DashboardBrowser.PerClass browserPerClass = DashboardBrowser.perClass();
    @RegisterExtension
    @Order(2)
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    @BeforeAll
    static void start() throws IOException {
        platform = platformPerClass.get();
        maria = platform.signInServer().account("maria");
        base = platform.dashboardUrl().replaceAll("/$", "");
        browser = browserPerClass.get();
        downloads = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "downloads-");
        browser.downloadsTo(downloads);
        LocalDate start = TODAY.minusYears(5);
        person(maria.personId(), maria.name(), APOLLO, start, List.of(
                event("JOINED_PMO", start.plusMonths(6), "pmoType", "PROGRAM", "pmoName", "Apollo program office")));
        asa = person(null, ASA, APOLLO, start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Kjøkken & Bad"),
                event("JOINED_PMO", TODAY.minusYears(2), "pmoType", "EXECUTIVE", "pmoName", "Strategikontoret")));
        person(null, "=1+2 Formula", APOLLO, start, List.of());
        person(null, "Joan Clarke", "team-gemini", start, List.of());
    }

    @Test
    void aManagerDownloadsHerTeamsBoardAsCsv() throws IOException {
        browser.signIn(base, maria);
        browser.consoleSinceLastCall();
        browser.get(base + "/team.html?team=" + APOLLO);
        browser.waitForText("#status", t -> t.startsWith("Showing team Apollo"));
        int shown = browser.findAll("#board tbody tr").size();

        Path saved = click("#download-board", "rotation-board-Apollo-" + TODAY + ".csv");

        List<Map<String, String>> rows = csv(saved);
        assertThat(rows).hasSize(shown);
        assertThat(rows).extracting(row -> row.get("Name")).contains(ASA, maria.name(), "'=1+2 Formula")
                .doesNotContain("Joan Clarke");
        assertThat(rows).filteredOn(row -> row.get("Name").equals(ASA)).singleElement().satisfies(row -> {
            assertThat(row.get("Current role")).isEqualTo("Executive PMO");
            assertThat(row.get("Assignment")).isEqualTo("Strategikontoret");
            assertThat(row.get("In the role since")).isEqualTo(TODAY.minusYears(2).toString());
        });
        assertThat(browser.text("#status")).startsWith("Saved the rotation board as rotation-board-Apollo-");
        browser.assertNoConsoleErrors("the team page after saving its CSV");
    }

    @Test
    void aManagerDownloadsAMembersEventsAsCsvAndTheCareerSummaryAsPdf() throws IOException {
        browser.signIn(base, maria);
        browser.consoleSinceLastCall();
        browser.get(base + "/career.html?person=" + asa);
        browser.waitForText("#status", t -> t.startsWith("Showing " + ASA));

        Path events = click("#download-events", "career-events-Asa-Odegard-" + TODAY + ".csv");
        assertThat(csv(events)).extracting(row -> row.get("What happened")).containsSubsequence(
                "Registered in team Apollo", "Started delivery: Kjøkken & Bad", "Joined Strategikontoret (Executive PMO)");

        Path summary = click("#download-summary", "career-summary-Asa-Odegard-" + TODAY + ".pdf");
        try (PDDocument pdf = Loader.loadPDF(summary.toFile())) {
            assertThat(pdf.getNumberOfPages()).isBetween(1, 2);
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(text).contains(ASA).contains("Executive PMO, Strategikontoret")
                    .contains("Joined Strategikontoret (Executive PMO)");
        }
        assertThat(browser.text("#status")).startsWith("Saved the PDF summary as career-summary-Asa-Odegard-");
        browser.assertNoConsoleErrors("the career page after saving its exports");
        browser.screenshot("career-exports");
    }

    /** Clicks the button and waits for the browser to have saved {@code fileName} whole. */
    private static Path click(String button, String fileName) {
        Path file = downloads.resolve(fileName);
        browser.find(button).click();
        browser.await().withMessage(() -> "the page never said " + button + " saved a file; status: " + browser.text("#status"))
                .until(d -> fileName.equals(browser.find(button).getAttribute("data-downloaded")));
        browser.await().withMessage(() -> "the browser never saved " + fileName + "; in " + downloads + ": " + listing())
                .until(d -> Files.isRegularFile(file) && sizeOf(file) > 0 && listing().stream().noneMatch(n -> n.endsWith(".crdownload")));
        return file;
    }

    private static List<String> listing() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.map(f -> f.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return rows.readAll();
        }
    }


    private static String person(String personId, String name, String team, LocalDate since, List<Map<String, Object>> events) {
        return platform.client.registerWithCareer(personId, name, team, since, events);
    }
}
