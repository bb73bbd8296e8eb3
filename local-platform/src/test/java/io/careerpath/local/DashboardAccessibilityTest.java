package io.careerpath.local;

import static io.careerpath.local.CareerpathClient.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.local.signin.DemoAccount;
import io.careerpath.local.signin.SignInServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;

/**
 * Every page and every state of the dashboards and of the sign-in server passes axe-core (WCAG 2.2 A and AA
 * and axe's best practices; {@link DashboardBrowser#assertAccessible(String)}), at 1280×800 and at 390×844:
 * as each role, signed out, refused, unknown, empty, with errors shown. The other browser tests check each of
 * their screenshots and the page they end on as well; this class walks the states they do not stop at.
 */
class DashboardAccessibilityTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final Dimension PHONE = new Dimension(390, 844);
    static final Path IMPORT_SAMPLE = Path.of("..", "docs", "samples", "career-history-sample.csv").toAbsolutePath().normalize();

    static RunningPlatform platform;
    static DashboardBrowser browser;
    static String base;
    static DemoAccount erin;
    static DemoAccount maria;
    static DemoAccount paul;
    static DemoAccount hana;
    /** Delivering, then an organizational PMO: every card and chart has something to show. */
    static String ada;
    /** In an executive PMO since she joined: no delivery history. */
    static String joan;

    @RegisterExtension
    @Order(1)
    static final DashboardBrowser.PerClass browserPerClass = DashboardBrowser.perClass();
    @RegisterExtension
    @Order(2)
    // the reminders only when the notifications' walk asks for them: a run by itself at start would take the day
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass(() -> RunningPlatform.start(
            (command, query) -> query.put("careerpath.reminders.enabled", "false")));

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
        erin = platform.signInServer().account("erin");
        maria = platform.signInServer().account("maria");
        paul = platform.signInServer().account("paul");
        hana = platform.signInServer().account("hana");
        base = platform.dashboardUrl().replaceAll("/$", "");
        browser = browserPerClass.get();
        seed();
    }

    @BeforeEach
    void desktop() {
        browser.resize(DashboardBrowser.DESKTOP);
    }

    // ---- the check itself --------------------------------------------------------------------------

    @Test
    void aViolationFailsTheCheckWithItsRuleAndElement() {
        browser.signIn(base, hana);
        browser.get(base + "/index.html");
        browser.js("const input = document.createElement('input'); input.id = 'unlabelled-probe';"
                + " document.querySelector('main').append(input);");

        assertThatThrownBy(() -> browser.assertAccessible("the start page with an unlabelled input"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("axe-core " + DashboardBrowser.AXE_VERSION)
                .hasMessageContaining("the start page with an unlabelled input")
                .hasMessageContaining("label (critical)")
                .hasMessageContaining("#unlabelled-probe");

        browser.js("document.getElementById('unlabelled-probe').remove()");
        browser.assertAccessible("the start page again");
    }

    // ---- the sign-in server -----------------------------------------------------------------------------

    @Test
    void theLoginFormAndItsRefusal() {
        showLoginForm();
        bothSizes("the sign-in server's login form");

        browser.submitLoginForm(erin.username(), "not-her-password");
        browser.await().withMessage("the login form never said the credentials were wrong")
                .until(d -> d.getCurrentUrl().contains("error") && !browser.findAll("#sign-in-refused").isEmpty());
        bothSizes("the login form after bad credentials");
    }

    @Test
    void theDeviceVerificationPages() throws Exception {
        String verification = deviceCode();
        browser.driver.get(verification);
        browser.await().until(d -> !browser.findAll("#username").isEmpty());
        browser.submitLoginForm(paul.username(), paul.plainPassword());
        browser.await().withMessage(() -> "no consent page; at " + browser.driver.getCurrentUrl())
                .until(d -> !browser.findAll("#submit-consent").isEmpty());
        bothSizes("the device grant's consent page");

        browser.find("#submit-consent").click();
        browser.await().until(d -> !browser.findAll("#device-verified").isEmpty());
        bothSizes("the device grant's confirmation");

        browser.driver.get(signInServer() + "/oauth2/device_verification");
        bothSizes("the device verification address without a code");
    }

    @Test
    void theSignInServersErrorPage() {
        browser.driver.get(signInServer() + "/oauth2/authorize?client_id=nobody"
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(base + "/signed-in.html", StandardCharsets.UTF_8));
        bothSizes("the sign-in server's answer to an unknown client");
    }

    // ---- signing in and out on the dashboards --------------------------------------------------------

    @Test
    void signedOutAndARefusedSignInAnswer() {
        browser.signIn(base, erin);
        browser.get(base + "/index.html");
        browser.signOut();
        bothSizes("the start page, signed out");

        browser.get(base + "/signed-in.html?code=made-up&state=made-up");
        browser.await().until(d -> !browser.findAll("#problem .problem").isEmpty() && browser.find("#sign-in-again").isDisplayed());
        bothSizes("the sign-in callback refusing a state this tab never started");
    }

    // ---- each role's start page ---------------------------------------------------------------------

    @Test
    void theStartPageOfEachRole() {
        for (DemoAccount account : List.of(erin, maria, paul, hana)) {
            browser.signIn(base, account);
            browser.get(base + "/index.html");
            bothSizes("the start page as " + account.username());
        }
    }

    // ---- careers ----------------------------------------------------------------------------------

    @Test
    void careersOwnSomeoneElsesAsOfWhatIfAndWithoutDeliveryHistory() {
        browser.signIn(base, erin);
        browser.get(base + "/career.html?person=" + erin.personId());
        awaitCareer(erin.name());
        bothSizes("her own career");

        browser.signIn(base, hana);
        browser.get(base + "/career.html?person=" + ada);
        awaitCareer("Ada Lovelace");
        bothSizes("someone else's career");

        browser.get(base + "/career.html?person=" + ada + "&asOf=" + TODAY.minusYears(3));
        browser.waitForText("#status", t -> t.startsWith("Showing Ada Lovelace") && t.contains("as of"));
        browser.awaitChartDrawn("timeline-chart");
        bothSizes("a career as of three years ago");

        browser.get(base + "/career.html?person=" + ada);
        awaitCareer("Ada Lovelace");
        new Select(browser.find("#whatif-kind")).selectByValue("PMO");
        new Select(browser.find("#whatif-pmo-type")).selectByValue("EXECUTIVE");
        browser.find("#whatif-months").clear();
        browser.find("#whatif-months").sendKeys("0");
        browser.find("#whatif-form button[type=submit]").click();
        browser.waitForText("#whatif-months-error", t -> !t.isBlank());
        browser.assertAccessible("the what-if refusing 0 months");
        browser.find("#whatif-months").clear();
        browser.find("#whatif-months").sendKeys("12");
        browser.find("#whatif-form button[type=submit]").click();
        browser.waitForText("#status", t -> t.contains("What-if drawn"));
        bothSizes("a career with a what-if drawn");

        browser.get(base + "/career.html?person=" + joan);
        awaitCareer("Joan Clarke");
        bothSizes("a career without delivery history");
    }

    @Test
    void careersRefusedAndUnknown() {
        browser.signIn(base, erin);
        browser.get(base + "/career.html?person=" + ada);
        awaitRefusal();
        bothSizes("someone else's career, refused to an employee");

        browser.signIn(base, hana);
        browser.get(base + "/career.html?person=" + UUID.randomUUID());
        awaitRefusal();
        bothSizes("the career of someone unknown");

        browser.get(base + "/career.html?person=not-a-person-id");
        awaitRefusal();
        bothSizes("a career address with no person id");
    }

    // ---- teams ------------------------------------------------------------------------------------------

    @Test
    void teamBoardsFullWithheldAndRefused() {
        browser.signIn(base, maria);
        browser.get(base + "/team.html?team=team-apollo");
        browser.waitForText("#status", t -> t.startsWith("Showing"));
        browser.awaitChartDrawn("team-timeline-chart");
        bothSizes("a team board with its aggregates");

        browser.get(base + "/team.html?team=team-gemini");
        awaitRefusal();
        bothSizes("another manager's board, refused");

        browser.signIn(base, paul);
        browser.get(base + "/team.html?team=team-gemini");
        browser.waitForText("#aggregates-withheld", t -> t.contains("Withheld"));
        bothSizes("a small team's board, aggregates withheld");
    }

    // ---- recording -------------------------------------------------------------------------------

    @Test
    void theRecordPageEmptyRefusedAndRecorded() {
        browser.signIn(base, hana);
        browser.get(base + "/record.html?person=" + joan);
        browser.waitForText("#title", t -> t.contains("Joan Clarke"));
        browser.awaitChartDrawn("timeline-chart");
        bothSizes("the record form, empty");

        new Select(browser.find("#event-type")).selectByValue("JOINED_PMO");
        browser.find("#JOINED_PMO-pmoName").sendKeys("No type given");
        browser.find("#record-submit").click();
        browser.waitForText("#JOINED_PMO-pmoType-error", t -> !t.isBlank());
        bothSizes("the record form with a field's error");

        new Select(browser.find("#event-type")).selectByValue("REGAINED_DELIVERY_ROLE");
        browser.find("#REGAINED_DELIVERY_ROLE-projectName").sendKeys("Never delivered before");
        browser.find("#record-submit").click();
        browser.waitForText("#event-type-error", t -> !t.isBlank());
        bothSizes("the record form with the platform's refusal");

        new Select(browser.find("#event-type")).selectByValue("DELIVERY_ROLE_STARTED");
        browser.find("#DELIVERY_ROLE_STARTED-projectName").sendKeys("Codebook");
        browser.find("#record-submit").click();
        browser.waitForText("#status", t -> t.contains("it is in the timeline now"));
        bothSizes("the record form after recording");

        browser.signIn(base, erin);
        browser.get(base + "/record.html?person=" + ada);
        awaitRefusal();
        bothSizes("recording for someone else, refused to an employee");
    }

    // ---- planning -------------------------------------------------------------------------------------

    @Test
    void thePlanningPageItsFormAPlanAFieldsErrorAndASavedPlan() {
        browser.signIn(base, maria);
        browser.get(base + "/plan.html?team=team-apollo");
        browser.waitForText("#status", t -> t.startsWith("Ready to plan"));
        browser.find("#advanced summary").click();
        bothSizes("the planning form, its rules open");

        browser.find("#seat-0-quarters").sendKeys("2");
        browser.find("#horizon").clear();
        browser.find("#horizon").sendKeys("4");
        browser.find("#plan-submit").click();
        browser.waitForText("#status", t -> t.startsWith("Planned"));
        browser.awaitChartDrawn("plan-timeline-chart");
        browser.awaitChartDrawn("plan-retention-chart");
        bothSizes("a plan");

        browser.find("#accept-plan").click();
        browser.waitForText("#status", t -> t.startsWith("Plan accepted"));
        browser.get(browser.find("#saved-plan-link").getAttribute("href"));
        browser.waitForText("#status", t -> t.startsWith("Showing the saved plan"));
        browser.awaitChartDrawn("plan-timeline-chart");
        bothSizes("a saved plan");

        browser.get(base + "/plan.html?team=team-apollo");
        browser.waitForText("#status", t -> t.startsWith("Ready to plan"));
        browser.find("#seat-0-count").clear();
        browser.find("#seat-0-count").sendKeys("0");
        browser.find("#plan-submit").click();
        browser.waitForText("#seat-0-count-error", t -> !t.isBlank());
        bothSizes("the planning form with a field's error");
    }

    // ---- HR administrators' pages --------------------------------------------------------------------

    @Test
    void theImportPageEmptyAndWithRowsNotRecorded() {
        browser.signIn(base, hana);
        browser.get(base + "/import.html");
        bothSizes("the import page, empty");

        browser.find("#import-file").sendKeys(IMPORT_SAMPLE.toString());
        browser.find("#import-submit").click();
        browser.waitForText("#status", t -> t.startsWith("Imported career-history-sample.csv"));
        assertThat(browser.findAll("#failures tbody tr")).isNotEmpty();
        bothSizes("an import with rows not recorded");

        // on a phone the table scrolls sideways: its wrapper becomes a region the keyboard reaches (js/scroll-regions.js)
        browser.resize(PHONE);
        browser.await().withMessage("the scrolling table of rows not recorded never became focusable")
                .until(d -> "0".equals(browser.find("#failures-card .table-wrap").getAttribute("tabindex")));
        assertThat(browser.find("#failures-card .table-wrap").getAttribute("role")).isEqualTo("region");
        assertThat(browser.find("#failures-card .table-wrap").getAttribute("aria-label"))
                .isEqualTo("Rows not recorded, by line of the file (scrolls sideways)");
        browser.resize(DashboardBrowser.DESKTOP);

        browser.signIn(base, erin);
        browser.get(base + "/import.html");
        awaitRefusal();
        bothSizes("the import page, refused to an employee");
    }

    @Test
    void theDataHealthPage() {
        browser.signIn(base, hana);
        browser.get(base + "/data-health.html");
        browser.await().until(d -> !browser.text("#status").isBlank());
        bothSizes("the data-health page");
    }

    @Test
    void theWebhooksPage() {
        browser.signIn(base, hana);
        browser.get(base + "/webhooks.html");
        browser.await().until(d -> !browser.text("#status").isBlank());
        bothSizes("the webhooks page");

        browser.find("#webhook-url").sendKeys("https://hooks.example.com/careerpath");
        browser.find("#webhook-description").sendKeys("Accessibility walk");
        browser.find("#register-submit").click();
        browser.await().until(d -> browser.find("#secret-panel").isDisplayed());
        bothSizes("the webhooks page, a secret shown once");

        browser.signIn(base, maria);
        browser.get(base + "/webhooks.html");
        browser.await().until(d -> !browser.findAll("#problem .problem").isEmpty());
        bothSizes("the webhooks page, refused to a manager");
    }

    // ---- notifications ---------------------------------------------------------------------------------

    @Test
    void theNotificationsPageEmptyListedAndAllRead() {
        // erin delivers: nothing to be told
        browser.signIn(base, erin);
        browser.get(base + "/notifications.html");
        awaitNotifications();
        assertThat(browser.find("#empty").isDisplayed()).isTrue();
        bothSizes("the notifications page, empty");

        // maria manages Ada and Grace, away from delivery for months and years
        platform.queryApi.post().uri("/api/admin/reminders/run").retrieve().toBodilessEntity();
        browser.signIn(base, maria);
        browser.get(base + "/notifications.html");
        browser.waitForText("#status", t -> t.startsWith("Showing") && !t.startsWith("Showing 0"));
        assertThat(browser.findAll("#notifications li.unread")).isNotEmpty();
        bothSizes("the notifications page with unread notifications");

        browser.find("#mark-all-read").click();
        browser.waitForText("#status", t -> t.equals("All marked as read."));
        browser.find("#unread-only").click();
        browser.waitForText("#status", t -> t.equals("Showing 0 notifications."));
        bothSizes("the notifications page, none unread");
    }

    // ---- what the query service answers for what is not a page ----------------------------------------

    /** A problem document (JSON), not a page: should it ever become one, it is checked like every page. */
    @Test
    void anAddressThatIsNoPage() {
        browser.signIn(base, hana);
        browser.driver.get(base + "/no-such-page.html");
        assertThat(browser.js("return document.contentType")).isEqualTo("application/problem+json");
        bothSizes("the query service's answer to an unknown address");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** The state showing, checked at the desktop size and on a phone (the window is left at the desktop size). */
    private static void bothSizes(String state) {
        browser.resize(DashboardBrowser.DESKTOP);
        browser.assertAccessible(state);
        browser.resize(PHONE);
        browser.assertAccessible(state + " (phone)");
        browser.resize(DashboardBrowser.DESKTOP);
    }

    private static String signInServer() {
        return platform.signInServer().issuer().replaceAll("/+$", "");
    }

    private static void showLoginForm() {
        browser.driver.get(base + "/css/app.css");
        browser.forgetSession();
        browser.driver.get(base + "/index.html");
        browser.await().withMessage(() -> "no login form; at " + browser.driver.getCurrentUrl())
                .until(d -> !browser.findAll("#username").isEmpty()
                        || (!browser.findAll("#sign-in").isEmpty() && browser.find("#sign-in").isDisplayed()));
        if (browser.findAll("#username").isEmpty()) {
            browser.find("#sign-in").click();
            browser.await().until(d -> !browser.findAll("#username").isEmpty());
        }
    }

    private static void awaitCareer(String name) {
        browser.waitForText("#status", t -> t.startsWith("Showing " + name));
        browser.awaitChartDrawn("timeline-chart");
    }

    private static void awaitNotifications() {
        browser.waitForText("#status", t -> t.startsWith("Showing"));
    }

    private static void awaitRefusal() {
        browser.waitForScripts();
        browser.await().withMessage(() -> "no refusal shown on " + browser.driver.getCurrentUrl())
                .until(d -> !browser.findAll("#problem .problem").isEmpty() && browser.find("#problem .problem").isDisplayed());
    }

    /** Asks for a device code as the command line does, and answers the address its user confirms it at. */
    private static String deviceCode() throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                        .uri(URI.create(platform.signInServer().deviceAuthorizationUri()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("client_id=" + SignInServer.CLI_CLIENT_ID + "&scope=openid"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode codes = new ObjectMapper().readTree(answer.body());
        browser.driver.get(base + "/css/app.css");
        browser.forgetSession();
        return codes.get("verification_uri_complete").asText();
    }

    // ---- the cast -------------------------------------------------------------------------------------


    private static String person(String personId, String name, String team, LocalDate since, List<Map<String, Object>> events) {
        return platform.client.registerWithCareer(personId, name, team, since, events);
    }

    private static void seed() {
        LocalDate start = TODAY.minusYears(6);
        person(erin.personId(), erin.name(), "team-apollo", start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Mission control")));
        person(maria.personId(), maria.name(), "team-apollo", start, List.of(
                event("JOINED_PMO", start.plusMonths(6), "pmoType", "PROGRAM", "pmoName", "Apollo program office")));
        person(paul.personId(), paul.name(), "team-pmo", start, List.of());
        person(hana.personId(), hana.name(), "team-hr", start, List.of());
        ada = person(null, "Ada Lovelace", "team-apollo", start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Billing platform migration"),
                event("SKILL_ASSESSED", start.plusYears(1), "skill", "DELIVERY_EXECUTION", "level", 4),
                event("TOOK_TROUBLED_PROGRAM", start.plusYears(2), "programName", "ERP consolidation"),
                event("ASSIGNMENT_ENDED", start.plusYears(3), "outcome", "RESCUED"),
                event("REGAINED_DELIVERY_ROLE", start.plusYears(3), "projectName", "Customer portal relaunch"),
                event("JOINED_PMO", TODAY.minusMonths(8), "pmoType", "ORGANIZATIONAL", "pmoName", "Enterprise PMO")));
        person(null, "Grace Hopper", "team-apollo", start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Compiler rollout"),
                event("JOINED_PMO", TODAY.minusYears(2), "pmoType", "EXECUTIVE", "pmoName", "Executive PMO")));
        person(null, "Alan Turing", "team-apollo", start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Codebreaker")));
        joan = person(null, "Joan Clarke", "team-gemini", start, List.of(
                event("JOINED_PMO", start.plusMonths(3), "pmoType", "EXECUTIVE", "pmoName", "Strategy office")));
        person(null, "Tommy Flowers", "team-gemini", start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Colossus")));
    }
}
