package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.local.signin.DemoAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The import page in a real browser (Debian's chromium, headless): a file chosen and uploaded from
 * the query service's page to the command API on another origin, its progress bar and figures, the
 * rows not recorded with their line and reason, the same file again recording nothing, and a file
 * the API refuses shown as a problem in the form. Signed in as the HR administrator (hana), the only
 * role that may import; the others are refused (see {@link DashboardRolesBrowserTest}).
 */
class BulkImportDashboardTest {

    private static final Path SAMPLE = Path.of("..", "docs", "samples", "career-history-sample.csv").toAbsolutePath().normalize();

    static RunningPlatform platform;
    static DashboardBrowser browser;
    static String page;
    static String dashboard;
    static DemoAccount hana;

    @RegisterExtension
    @Order(1)
    static final DashboardBrowser.PerClass browserPerClass = DashboardBrowser.perClass();
    @RegisterExtension
    @Order(2)
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
        hana = platform.signInServer().account("hana");
        dashboard = platform.dashboardUrl().replaceAll("/$", "");
        page = dashboard + "/import.html";
        browser = browserPerClass.get();
    }

    @BeforeEach
    void signedInAsTheHrAdministrator() {
        browser.signIn(dashboard, hana);
    }

    @Test
    void aFileUploadedFromThePageShowsItsProgressAndTheRowsNotRecordedAndNothingTwiceTheSecondTime() {
        browser.get(page);
        browser.consoleSinceLastCall();
        assertThat(browser.text("#recorded-as")).contains(hana.name());

        upload(SAMPLE);

        browser.waitForText("#status", t -> t.startsWith("Imported career-history-sample.csv"));
        assertThat(browser.text("#status")).contains("16 rows recorded", "0 already recorded", "3 not recorded");
        WebElement bar = browser.find("#progress-bar");
        assertThat(bar.getAttribute("role")).isEqualTo("progressbar");
        assertThat(bar.getAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(bar.getAttribute("aria-valuetext")).isEqualTo("19 of 19 rows, 100 %");
        assertThat(browser.text("#progress-label")).isEqualTo("Rows done: 19 of 19 (100 %)");
        assertThat(browser.text("#import-figures")).contains("rows a second", "took", "rows not recorded");
        // why 16 rows are 19 events, in words
        assertThat(browser.text("#events-why")).isEqualTo("16 rows recorded as 19 events: the platform recorded 3"
                + " events itself, because a row that begins a role while another is still held also ends that one.");
        assertThat(browser.text("#import-name")).as("recorded in the signed-in person's name").contains("by you");
        List<String> lines = browser.findAll("#failures tbody tr").stream()
                .map(row -> row.findElement(org.openqa.selenium.By.cssSelector("td")).getText()).toList();
        assertThat(lines).containsExactly("18", "19", "20");
        assertThat(browser.text("#failures tbody")).contains("HR-1004", "Person not found",
                "percentOfTime: must be less than or equal to 100");
        // a broken career rule in the same words as the record form's: no type codes, no ids
        assertThat(browser.text("#failures tbody")).contains("with no time away from delivery")
                .doesNotContainPattern("[A-Z]{2,}_[A-Z_]+ of|\\(event ");
        assertThat(browser.driver.getCurrentUrl()).contains("import.html?import=");
        browser.waitForText("#recent-imports", t -> t.contains("career-history-sample.csv"));
        assertThat(browser.find(".site-nav a[aria-current=page]").getText()).isEqualTo("Import histories");
        browser.assertNoConsoleErrors("the import page");
        browser.screenshot("import");

        browser.get(page);
        upload(SAMPLE);

        browser.waitForText("#status", t -> t.startsWith("Imported career-history-sample.csv"));
        assertThat(browser.text("#status")).contains("0 rows recorded", "16 already recorded", "3 not recorded");
        assertThat(browser.findAll("#failures tbody tr")).hasSize(3);
        browser.assertNoConsoleErrors("the import page, second run");
    }

    @Test
    void aFileTheApiRefusesIsShownInTheFormAndNothingIsImported(@TempDir Path dir) throws Exception {
        Path wrong = Files.writeString(dir.resolve("people.csv"), "name,type\nAda,PERSON_REGISTERED\n");
        browser.get(page);
        browser.consoleSinceLastCall();

        upload(wrong);

        browser.waitForText("#import-form .form-problem", t -> t.contains("unknown column 'name'"));
        assertThat(browser.find("#import-file").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.text("#import-form .form-problem")).startsWith("Not imported.").contains("Nothing was recorded");
    }

    private static void upload(Path file) {
        browser.await().until(d -> browser.find("#import-file").isDisplayed());
        browser.find("#import-file").sendKeys(file.toString());
        browser.find("#import-submit").click();
    }
}
