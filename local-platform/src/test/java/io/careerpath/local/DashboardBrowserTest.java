package io.careerpath.local;

import static io.careerpath.local.CareerpathClient.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.local.signin.DemoAccount;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;
import org.springframework.web.client.RestClient;

/**
 * The dashboards in a real browser (Debian's chromium, headless) against the running platform on
 * real infrastructure, signed in as the HR administrator (hana) through the sign-in server's real
 * login form: each page loads everything from the platform without console errors, each chart draws
 * its data, a recorded event shows in the charts without a reload (recorded in the signed-in
 * person's name), and a refused one shows its error beside the field and records nothing.
 * Screenshots of every page are left in target/screenshots/ for review. What each role sees is
 * {@link DashboardRolesBrowserTest}.
 */
class DashboardBrowserTest {

    static RunningPlatform platform;
    static DashboardBrowser browser;
    static String base;
    static String commandBase;
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static String ada;
    /** In an executive PMO since she joined: no delivery history. */
    static String joan;
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
        base = platform.dashboardUrl().replaceAll("/$", "");
        // as the pages know it (GET /api/config is open)
        commandBase = RestClient.create().get().uri(base + "/api/config").retrieve().body(JsonNode.class)
                .get("commandApi").asText().replaceAll("/+$", "");
        browser = browserPerClass.get();
        seedTheTeam();
    }

    @BeforeEach
    void freshPage() {
        browser.resize(DashboardBrowser.DESKTOP);
        browser.signIn(base, hana);
        browser.get(base + "/index.html");
        browser.consoleSinceLastCall();
    }

    // ---- the pages -------------------------------------------------------------------------------

    @Test
    void theStartPageOffersPeopleTeamsAndRegistrationAndLoadsNothingFromElsewhere() {
        browser.get(base + "/");

        assertThat(browser.find("#start-search-input").isDisplayed()).isTrue();
        assertThat(browser.find("#team-id").isDisplayed()).isTrue();
        assertThat(browser.find("#register-form").isDisplayed()).isTrue();
        browser.await().until(d -> browser.find("#command-api-link").getAttribute("href").startsWith(commandBase));
        assertThat(browser.text("#account-name")).isEqualTo(hana.name());
        assertThat(browser.text("#account-role")).isEqualTo("HR administrator");
        assertThat(browser.find("#sign-out").isDisplayed()).isTrue();
        assertThat(browser.findAll(".site-nav a").stream().map(WebElement::getText).toList())
                .contains("Start", "My career", "Import histories");
        // teams by name, counted as their boards count them (who is in the team today)
        browser.waitForText("#known-teams", t -> t.contains("Apollo · "));
        assertThat(browser.text("#known-teams")).containsPattern("Apollo · \\d+ members? today")
                .doesNotContain("team-apollo");
        assertNoIdsShown("the start page");
        assertEverythingFromThePlatform();
        browser.assertNoConsoleErrors("the start page");
        browser.screenshot("start");
    }

    @Test
    void registeringSomeoneInTheBrowserLeadsToRecordingTheirEvents() {
        browser.get(base + "/");
        browser.find("#register-name").sendKeys("Hedy Lamarr");
        browser.find("#register-team").sendKeys("team-signal");
        browser.find("#register-form button[type=submit]").click();

        browser.await().until(d -> d.getCurrentUrl().contains("/record.html?person="));
        browser.waitForText("#title", t -> t.equals("Record an event for Hedy Lamarr"));
        Map<String, Object> timeline = browser.awaitChartDrawn("timeline-chart");
        assertThat(DashboardBrowser.dataNames(timeline)).contains("Registered in team Signal");
        browser.assertNoConsoleErrors("registration");
    }

    @Test
    void myCareerDrawsTheTimelineTheSkillsAndTheForecastAndSaysTheKeyFiguresInWords() {
        browser.get(base + "/career.html?person=" + ada);
        browser.waitForText("#status", t -> t.startsWith("Showing Ada Lovelace"));

        Map<String, Object> timeline = browser.awaitChartDrawn("timeline-chart");
        assertThat(DashboardBrowser.dataNames(timeline)).contains(
                "Delivery: Billing platform migration", "Troubled program: ERP consolidation",
                "Delivery: Customer portal relaunch", "Program PMO: Transformation PMO",
                "Organizational PMO: Enterprise PMO");
        assertThat((String) timeline.get("label")).contains("ERP consolidation", "rescued");

        Map<String, Object> skills = browser.awaitChartDrawn("skills-chart");
        assertThat(DashboardBrowser.seriesNames(skills)).hasSize(10).contains("Delivery execution", "Leadership");
        Map<String, Object> retention = browser.awaitChartDrawn("retention-chart");
        assertThat(DashboardBrowser.seriesNames(retention))
                .containsExactly("Delivery retention", "Forecast if the current role goes on");

        String figures = browser.text("#figures");
        assertThat(figures).contains("Organizational PMO", "of the delivery skill's peak is kept",
                "since the last delivery role ended", "of delivery practice since");
        assertThat(figures).containsPattern("Rotate back|No rotate-back date");
        assertThat(browser.findAll("#entries-table tbody tr")).hasSizeGreaterThanOrEqualTo(10);
        // recorders by name or role, the team by its name; the model and event numbers only on request
        assertThat(browser.text("#entries-table tbody")).contains("you").doesNotContain("sub:");
        assertThat(browser.text("#subtitle")).startsWith("Team Apollo");
        assertNoIdsShown("the career page");
        assertThat(browser.bodyText()).doesNotContain("event #", "matrix", "parameters");
        assertThat(browser.js("return document.getElementById('skills-about').closest('details').open")).isEqualTo(false);
        browser.find("#skills-about").findElement(org.openqa.selenium.By.xpath("./preceding-sibling::summary")).click();
        browser.waitForText("#skills-about", t -> t.contains("matrix"));
        assertThat(browser.text("#skills-about")).contains("events recorded for this career", "skill model");
        assertEverythingFromThePlatform();
        assertThat(browser.loadedUrls()).contains(base + "/webjars/echarts/5.5.0/echarts.min.js");
        browser.assertNoConsoleErrors("my career");
        browser.screenshot("career");
    }

    @Test
    void theWhatIfRedrawsTheForecastAndRecordsNothing() {
        long sequenceBefore = timeline(ada).get("sequence").asLong();
        browser.get(base + "/career.html?person=" + ada);
        browser.awaitChartDrawn("skills-chart");

        new Select(browser.find("#whatif-kind")).selectByValue("PMO");
        new Select(browser.find("#whatif-pmo-type")).selectByValue("EXECUTIVE");
        WebElement months = browser.find("#whatif-months");
        months.clear();
        months.sendKeys("0");
        browser.find("#whatif-form button[type=submit]").click();
        browser.waitForText("#whatif-months-error", t -> t.equals("A whole number of months, from 1 to 120."));
        assertThat(browser.find("#whatif-months").getAttribute("aria-invalid")).isEqualTo("true");

        months.clear();
        months.sendKeys("12");
        browser.find("#whatif-form button[type=submit]").click();

        browser.waitForText("#status", t -> t.contains("What-if drawn: Executive PMO for 12 months"));
        Map<String, Object> skills = browser.awaitChartDrawn("skills-chart",
                c -> DashboardBrowser.seriesNames(c).contains("Delivery execution (what-if)"));
        assertThat(DashboardBrowser.seriesNames(skills)).hasSize(20);
        Map<String, Object> retention = browser.awaitChartDrawn("retention-chart",
                c -> DashboardBrowser.seriesNames(c).contains("What-if: Executive PMO for 12 months"));
        assertThat((String) retention.get("label")).contains("What-if Executive PMO for 12 months");
        assertThat(browser.findAll("#whatif-table tbody tr")).hasSize(10);
        assertThat(browser.text("#whatif-result")).contains("gains", "loses", "Strategic visibility");

        assertThat(timeline(ada).get("sequence").asLong()).as("a what-if records nothing").isEqualTo(sequenceBefore);
        browser.assertNoConsoleErrors("the what-if");
        browser.screenshot("career-what-if");

        // the PMO role's delivery responsibility, offered in words
        Select delivery = new Select(browser.find("#whatif-delivery"));
        assertThat(delivery.getOptions()).extracting(WebElement::getText).containsExactly("None", "Partial", "Full");
        delivery.selectByVisibleText("Partial");
        browser.find("#whatif-form button[type=submit]").click();
        browser.waitForText("#status", t -> t.contains(
                "What-if drawn: Executive PMO with partial delivery responsibility for 12 months"));
        assertThat(browser.text("#whatif-result")).contains("Executive PMO with partial delivery responsibility");

        browser.find("#whatif-clear").click();
        browser.awaitChartDrawn("skills-chart", c -> DashboardBrowser.seriesNames(c).size() == 10);
    }

    @Test
    void myTeamShowsTheBoardWithItsFlagsEveryoneOnOneTimelineAndTheAggregates() {
        browser.get(base + "/team.html?team=team-apollo");
        browser.waitForText("#status", t -> t.startsWith("Showing team Apollo"));

        assertThat(browser.findAll("#board tbody tr")).hasSize(5);
        assertThat(browser.text("#title")).isEqualTo("Team Apollo");
        assertThat(browser.driver.getTitle()).startsWith("Team Apollo");
        assertThat(browser.text("#subtitle")).startsWith("5 members in the team on");
        assertNoIdsShown("the team page");
        assertThat(browser.text("#board")).contains("Delivery at risk", "Admin overload", "Troubled-program streak");
        assertThat(browser.text("tr[data-person='" + ada + "']")).contains("Organizational PMO", "Delivery at risk");
        assertThat(browser.text("#attention")).contains("need attention");
        assertThat(browser.text("#aggregates-list")).contains("Members", "5", "In a PMO role now");

        Map<String, Object> timeline = browser.awaitChartDrawn("team-timeline-chart");
        assertThat(DashboardBrowser.dataNames(timeline)).contains(
                "Ada Lovelace: Organizational PMO: Enterprise PMO", "Grace Hopper: Executive PMO: Executive PMO",
                "Margaret Hamilton: Delivery: Flight software", "Katherine Johnson: Troubled program: Payroll recovery",
                "Alan Turing: Program PMO: Cloud program PMO");
        assertEverythingFromThePlatform();
        browser.assertNoConsoleErrors("my team");
        browser.screenshot("team");
    }

    @Test
    void theBoardSortsByKeyboardAndSaysHowItIsSorted() {
        browser.get(base + "/team.html?team=team-apollo");
        browser.waitForText("#status", t -> t.startsWith("Showing team"));

        browser.find("button[data-sort=name]").sendKeys(Keys.ENTER);
        browser.await().until(d -> "ascending".equals(browser.find("button[data-sort=name]")
                .findElement(org.openqa.selenium.By.xpath("..")).getAttribute("aria-sort")));
        assertThat(memberNames()).containsExactly("Ada Lovelace", "Alan Turing", "Grace Hopper", "Katherine Johnson",
                "Margaret Hamilton");
        assertThat(browser.js("return document.activeElement.dataset.sort")).isEqualTo("name");

        browser.find("button[data-sort=name]").sendKeys(Keys.SPACE);
        browser.await().until(d -> memberNames().get(0).equals("Margaret Hamilton"));

        browser.find("button[data-sort=retention]").sendKeys(Keys.ENTER);
        browser.await().until(d -> memberNames().get(memberNames().size() - 1).equals("Margaret Hamilton"));
        assertThat(browser.text("#status")).contains("Sorted by delivery kept, ascending");
        browser.assertNoConsoleErrors("sorting");
    }

    @Test
    @SuppressWarnings("unchecked")
    void someoneWithNoDeliveryHistoryHasNoRetentionOnTheCareerPageNorOnTheBoard() {
        browser.get(base + "/career.html?person=" + joan);
        browser.waitForText("#status", t -> t.startsWith("Showing Joan Clarke"));

        String figures = browser.text("#figures");
        assertThat(figures).contains("No delivery history yet", "Never delivered")
                .doesNotContain("of the delivery skill's peak is kept", "100 %");
        assertThat(deliveryCardsInAttention()).as("nothing to rotate back to: no card asks for attention")
                .containsEntry("currency", false).containsEntry("rotateBack", false);
        // (in a closed <details>: read what it holds, not what is shown)
        assertThat(browser.js("return [...document.querySelectorAll('#skills-table tbody tr')]"
                + ".find((tr) => tr.cells[0].textContent === 'Delivery execution').cells[3].textContent"))
                .as("the skills table's delivery retention").isEqualTo("—");
        // the retention chart draws no line of 100 % of nothing, and says why
        browser.await().until(d -> {
            Map<String, Object> chart = browser.chart("retention-chart");
            return chart != null && String.valueOf(chart.get("label")).contains("No delivery history yet");
        });
        assertThat(DashboardBrowser.seriesNames(browser.chart("retention-chart")))
                .contains("Delivery retention");
        assertThat((List<Map<String, Object>>) browser.chart("retention-chart").get("series"))
                .allSatisfy(series -> assertThat(((Number) series.get("points")).longValue()).isZero());

        browser.get(base + "/team.html?team=team-gemini");
        browser.waitForText("#status", t -> t.startsWith("Showing team Gemini"));
        assertThat(browser.text("tr[data-person='" + joan + "'] td[data-label='Delivery kept']"))
                .isEqualTo("No delivery history yet");
        assertThat(browser.text("tr[data-person='" + joan + "']")).doesNotContain("Delivery at risk");
        // no retention sorts last, whichever the direction
        browser.find("button[data-sort=retention]").sendKeys(Keys.ENTER);
        browser.await().until(d -> browser.text("#status").contains("Sorted by delivery kept, ascending"));
        assertThat(memberNames()).containsExactly("Tommy Flowers", "Joan Clarke");
        browser.find("button[data-sort=retention]").sendKeys(Keys.ENTER);
        browser.await().until(d -> browser.text("#status").contains("Sorted by delivery kept, descending"));
        assertThat(memberNames()).containsExactly("Tommy Flowers", "Joan Clarke");
        browser.assertNoConsoleErrors("no delivery history");
    }

    @Test
    void theCurrencyCardFollowsTheSameVerdictAsTheRotateBackCardAndTheBoardsFlag() {
        // Ada left delivery 18 months ago and is in an organizational PMO: the board flags her
        browser.get(base + "/team.html?team=team-apollo");
        browser.waitForText("#status", t -> t.startsWith("Showing team Apollo"));
        boolean flagged = browser.text("tr[data-person='" + ada + "']").contains("Delivery at risk");

        browser.get(base + "/career.html?person=" + ada);
        browser.waitForText("#status", t -> t.startsWith("Showing Ada Lovelace"));

        assertThat(flagged).isTrue();
        assertThat(deliveryCardsInAttention()).containsEntry("retention", flagged)
                .containsEntry("currency", flagged).containsEntry("rotateBack", flagged);
        browser.assertNoConsoleErrors("agreeing figures");
    }

    /** Whether the career page's delivery cards are marked for attention, by what they say. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> deliveryCardsInAttention() {
        return (Map<String, Object>) browser.js("""
                const cards = [...document.querySelectorAll('#figures li')];
                const marked = (test) => cards.filter((li) => test(li.textContent)).map((li) => li.classList.contains('attention'))[0] ?? null;
                return {
                  retention: marked((t) => t.includes("of the delivery skill's peak is kept") || t.includes('No delivery history yet')),
                  currency: marked((t) => t.includes('of delivery practice since')),
                  rotateBack: marked((t) => /rotate back|rotate-back/i.test(t)),
                };""");
    }

    @Test
    void aSmallTeamsAggregatesAreWithheldAndThePageSaysWhy() {
        browser.get(base + "/team.html?team=team-gemini");
        browser.waitForText("#status", t -> t.startsWith("Showing team Gemini"));

        assertThat(browser.text("#aggregates-withheld")).contains("Withheld", "2 people, fewer than 5");
        assertThat(browser.findAll("#aggregates-list")).isEmpty();
        browser.awaitChartDrawn("team-timeline-chart");
        browser.assertNoConsoleErrors("a small team");
        browser.screenshot("team-small");
    }

    // ---- recording ------------------------------------------------------------------------------

    @Test
    void aRecordedEventAppearsInTheChartsWithoutAReload() {
        String rosalind = register("Rosalind Franklin", "team-helix", TODAY.minusYears(3));
        browser.get(base + "/record.html?person=" + rosalind);
        browser.waitForText("#title", t -> t.equals("Record an event for Rosalind Franklin"));
        browser.awaitChartDrawn("timeline-chart");
        browser.js("window.sameDocument = true");

        new Select(browser.find("#event-type")).selectByValue("JOINED_PMO");
        setDate("#effective-date", TODAY.minusMonths(8));
        new Select(browser.find("#JOINED_PMO-pmoType")).selectByValue("PROGRAM");
        browser.find("#JOINED_PMO-pmoName").sendKeys("Genome PMO");
        Select delivery = new Select(browser.find("#JOINED_PMO-deliveryResponsibility"));
        assertThat(delivery.getOptions()).extracting(WebElement::getText).containsExactly("None", "Partial", "Full");
        assertThat(delivery.getFirstSelectedOption().getText()).isEqualTo("None");
        delivery.selectByVisibleText("Partial");
        assertThat(browser.text("#recorded-as")).as("who records it comes from the sign-in").contains(hana.name());
        assertThat(browser.findAll("#recorded-by")).as("no field to claim another name").isEmpty();
        browser.find("#record-submit").click();

        browser.waitForText("#status", t -> t.contains("it is in the timeline now"));
        Map<String, Object> chart = browser.awaitChartDrawn("timeline-chart",
                c -> DashboardBrowser.dataNames(c).contains("Program PMO: Genome PMO"));
        assertThat(DashboardBrowser.dataNames(chart)).contains("Joined Genome PMO (Program PMO), partial delivery responsibility");
        assertThat(browser.js("return window.sameDocument === true")).as("no reload").isEqualTo(true);
        assertThat(browser.text("#latest-entries li.new")).contains("Joined Genome PMO", "partial delivery responsibility",
                "by you");

        JsonNode recorded = timeline(rosalind).get("entries");
        assertThat(recorded.findValuesAsText("type")).contains("JOINED_PMO");
        assertThat(recorded.findValuesAsText("deliveryResponsibility")).containsExactly("PARTIAL");
        // the recorder is the signed-in account's person id (pseudonymous), never a name the page sends
        assertThat(recorded.findValuesAsText("recordedBy")).contains(hana.personId());
        browser.assertNoConsoleErrors("recording");
        browser.screenshot("record");

        // the career page it links to shows the new role as well
        browser.find("#career-link").click();
        browser.waitForText("#status", t -> t.startsWith("Showing Rosalind Franklin"));
        assertThat(DashboardBrowser.dataNames(browser.awaitChartDrawn("timeline-chart")))
                .contains("Program PMO: Genome PMO");
        assertThat(browser.text("#figures")).contains("Program PMO", "partial delivery responsibility");
        assertThat(browser.js("return document.getElementById('assignments-table').textContent"))
                .asString().contains("Program PMO, partial delivery responsibility");
        browser.assertNoConsoleErrors("the career after recording");
    }

    @Test
    void whatSomeoneElseRecordsAppearsOnTheOpenCareerAndBoardWithoutAReload() {
        String grace = register("Grace Hopper", "team-cobol", TODAY.minusYears(2));
        CareerpathClient paul = platform.clientAs("paul");
        browser.get(base + "/career.html?person=" + grace);
        browser.waitForText("#status", t -> t.startsWith("Showing Grace Hopper"));
        browser.awaitChartDrawn("timeline-chart");
        browser.js("window.sameDocument = true");

        paul.record(grace, event("JOINED_PMO", TODAY.minusMonths(3), "pmoType", "PROGRAM", "pmoName", "Compiler PMO"));

        browser.waitForText("#status", t -> t.startsWith("Updated while you watched: Grace Hopper"));
        browser.awaitChartDrawn("timeline-chart", c -> DashboardBrowser.dataNames(c).contains("Program PMO: Compiler PMO"));
        assertThat(browser.text("#figures")).contains("Program PMO");
        assertThat(browser.js("return window.sameDocument === true")).as("no reload").isEqualTo(true);

        browser.get(base + "/team.html?team=team-cobol");
        browser.waitForText("#status", t -> t.startsWith("Showing team Cobol"));
        assertThat(browser.text("#board")).doesNotContain("55 %");
        browser.js("window.sameDocument = true");
        browser.find("#board button[data-sort='admin']").click(); // a keyboard or mouse user sorting the board

        paul.record(grace, event("ADMINISTRATIVE_LOAD_RECORDED", TODAY.minusMonths(1), "percentOfTime", 55));

        browser.waitForText("#status", t -> t.startsWith("Updated while you watched: team Cobol"));
        assertThat(browser.text("#board")).contains("55 %");
        assertThat(browser.js("return document.activeElement.dataset.sort")).as("still where they were").isEqualTo("admin");
        assertThat(browser.js("return window.sameDocument === true")).as("no reload").isEqualTo(true);
        browser.assertNoConsoleErrors("following what others record");
    }

    @Test
    void anInvalidSubmissionShowsTheErrorBesideItsFieldAndRecordsNothing() {
        String barbara = register("Barbara Liskov", "team-clu", TODAY.minusYears(2));
        browser.get(base + "/record.html?person=" + barbara);
        browser.waitForText("#title", t -> t.equals("Record an event for Barbara Liskov"));
        browser.awaitChartDrawn("timeline-chart");

        new Select(browser.find("#event-type")).selectByValue("JOINED_PMO");
        browser.find("#JOINED_PMO-pmoName").sendKeys("No type given");
        browser.find("#record-submit").click();

        browser.waitForText("#JOINED_PMO-pmoType-error", t -> !t.isBlank());
        assertThat(browser.text("#JOINED_PMO-pmoType-error")).isEqualTo("Choose the PMO type.");
        WebElement pmoType = browser.find("#JOINED_PMO-pmoType");
        assertThat(pmoType.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(pmoType.getAttribute("aria-describedby")).contains("JOINED_PMO-pmoType-error");
        assertThat(browser.js("return document.getElementById('JOINED_PMO-pmoType-error').closest('.field')"
                + " === document.getElementById('JOINED_PMO-pmoType').closest('.field')"))
                .as("the error sits beside its field").isEqualTo(true);
        assertThat(browser.js("return document.activeElement.id")).isEqualTo("JOINED_PMO-pmoType");
        assertThat(browser.text("#status")).contains("Not recorded");
        assertThat(browser.find("#JOINED_PMO-pmoName").getAttribute("aria-invalid")).isNull();
        browser.screenshot("record-invalid");

        // nothing was recorded: the next event recorded for her is her second (registration is #0)
        JsonNode next = platform.client.joinPmo(barbara, "EXECUTIVE", TODAY.minusMonths(1).toString());
        assertThat(next.get("sequenceNumber").asLong()).isEqualTo(1);
        List<String> severe = severeConsoleMessages();
        assertThat(severe).as("the refused POST is the only console error").allMatch(m -> m.contains("status of 400"));
    }

    @Test
    void everyEventTypeHasItsFormAndOnlyItsOwnFieldsAreSent() {
        String linus = register("Linus Pauling", "team-bond", TODAY.minusYears(6));
        browser.get(base + "/record.html?person=" + linus);
        browser.waitForText("#title", t -> t.contains("Linus Pauling"));

        List<String> types = new Select(browser.find("#event-type")).getOptions().stream()
                .map(o -> o.getAttribute("value")).filter(v -> !v.isEmpty()).toList();
        assertThat(types).containsExactlyInAnyOrder("DELIVERY_ROLE_STARTED", "JOINED_PMO", "TOOK_TROUBLED_PROGRAM",
                "REGAINED_DELIVERY_ROLE", "ASSIGNMENT_ENDED", "ADMINISTRATIVE_LOAD_RECORDED", "PMO_PREFERENCE_STATED",
                "SKILL_ASSESSED", "TEAM_CHANGED", "EVENT_RETRACTED");

        record("DELIVERY_ROLE_STARTED", TODAY.minusYears(5), Map.of("#DELIVERY_ROLE_STARTED-projectName", "Vitamin study"));
        record("TOOK_TROUBLED_PROGRAM", TODAY.minusYears(3), Map.of("#TOOK_TROUBLED_PROGRAM-programName", "Lab rescue"));
        record("ASSIGNMENT_ENDED", TODAY.minusYears(2), Map.of("#ASSIGNMENT_ENDED-outcome", "RESCUED"));
        record("REGAINED_DELIVERY_ROLE", TODAY.minusYears(2), Map.of("#REGAINED_DELIVERY_ROLE-projectName", "Chemistry bond"));
        record("ADMINISTRATIVE_LOAD_RECORDED", TODAY.minusYears(1), Map.of("#ADMINISTRATIVE_LOAD_RECORDED-percentOfTime", "25"));
        // sent as a JSON boolean, which the API insists on
        record("PMO_PREFERENCE_STATED", TODAY.minusMonths(9), Map.of("#PMO_PREFERENCE_STATED-willing", "false"));
        record("SKILL_ASSESSED", TODAY.minusMonths(6), Map.of("#SKILL_ASSESSED-skill", "LEADERSHIP", "#SKILL_ASSESSED-level", "4"));
        record("TEAM_CHANGED", TODAY.minusMonths(3), Map.of("#TEAM_CHANGED-teamId", "team-nobel"));

        Map<String, Object> chart = browser.awaitChartDrawn("timeline-chart",
                c -> DashboardBrowser.dataNames(c).contains("Moved to team Nobel"));
        assertThat(DashboardBrowser.dataNames(chart)).contains("Delivery: Vitamin study", "Troubled program: Lab rescue",
                "Delivery: Chemistry bond", "Administrative load 25 %", "Would rather not join a PMO",
                "Leadership assessed at level 4");
        assertThat((String) chart.get("label")).contains("Lab rescue", "rescued");

        // retracting the skill assessment takes it out of the views
        new Select(browser.find("#event-type")).selectByValue("EVENT_RETRACTED");
        Select retractable = new Select(browser.find("#EVENT_RETRACTED-eventId"));
        browser.await().until(d -> retractable.getOptions().stream().anyMatch(o -> o.getText().contains("Leadership assessed")));
        retractable.getOptions().stream().filter(o -> o.getText().contains("Leadership assessed")).findFirst()
                .orElseThrow().click();
        browser.find("#EVENT_RETRACTED-reason").sendKeys("Assessed the wrong person");
        submitAndAwaitShown();
        browser.awaitChartDrawn("timeline-chart",
                c -> !DashboardBrowser.dataNames(c).contains("Leadership assessed at level 4"));
        browser.assertNoConsoleErrors("every event type");
    }

    @Test
    void aRuleViolationIsShownBesideTheEventTypeAndRecordsNothing() {
        String dorothy = register("Dorothy Vaughan", "team-west", TODAY.minusYears(2));
        browser.get(base + "/record.html?person=" + dorothy);
        browser.waitForText("#title", t -> t.contains("Dorothy Vaughan"));

        new Select(browser.find("#event-type")).selectByValue("REGAINED_DELIVERY_ROLE");
        browser.find("#REGAINED_DELIVERY_ROLE-projectName").sendKeys("Never delivered before");
        browser.find("#record-submit").click();

        browser.waitForText("#event-type-error", t -> !t.isBlank());
        String refusal = "There is no delivery role before "
                + java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH).format(TODAY) + ", so none to return to: record a first"
                + " delivery role as a new delivery role instead.";
        assertThat(browser.text("#event-type-error")).isEqualTo(refusal);
        assertThat(browser.find("#event-type").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#event-type").getAttribute("aria-describedby")).contains("event-type-error");
        // said once, beside the field: the status line only says that nothing was recorded
        assertThat(browser.text("#status")).isEqualTo("Not recorded.");
        assertThat(browser.bodyText().split(java.util.regex.Pattern.quote("none to return to"), -1)).hasSize(2);
        assertThat(browser.text("#event-type-error")).doesNotContainPattern("[A-Z]{2,}_[A-Z_]+")
                .doesNotContainPattern(UUID_PATTERN);
        assertNoIdsShown("a refusal");
        assertThat(timeline(dorothy).get("sequence").asLong()).isZero();
        assertThat(severeConsoleMessages()).allMatch(m -> m.contains("status of 422") || m.contains("status of 409"));
    }

    // ---- as of, layout, keyboard ----------------------------------------------------------------------

    @Test
    void theAsOfPickerMovesEveryViewToAPastDate() {
        LocalDate past = TODAY.minusYears(3);
        browser.get(base + "/career.html?person=" + ada);
        browser.waitForText("#status", t -> t.startsWith("Showing Ada Lovelace"));

        setDate("#asof", past);
        browser.waitForText("#status", t -> t.contains("as of " + words(past)));
        assertThat(browser.driver.getCurrentUrl()).contains("asOf=" + past);
        assertThat(browser.text("#figures")).contains("Delivery", "Customer portal relaunch", "Delivering now");
        Map<String, Object> timeline = browser.awaitChartDrawn("timeline-chart",
                c -> !DashboardBrowser.dataNames(c).contains("Organizational PMO: Enterprise PMO"));
        assertThat(DashboardBrowser.dataNames(timeline)).contains("Delivery: Customer portal relaunch");
        browser.awaitChartDrawn("skills-chart");
        browser.awaitChartDrawn("retention-chart");
        browser.screenshot("career-as-of");

        // the same day as the platform knew it then: nothing had been recorded yet
        browser.find("#known-then").click();
        browser.waitForText("#title", t -> t.equals("Someone not registered by then"));
        assertThat(browser.driver.getCurrentUrl()).contains("knownThen=1");

        // the team link carries the date along
        browser.find("#known-then").click();
        browser.waitForText("#status", t -> t.startsWith("Showing Ada Lovelace"));
        browser.find("#subtitle a").click();
        browser.waitForText("#status", t -> t.startsWith("Showing team Apollo as of " + words(past)));
        assertThat(browser.text("tr[data-person='" + ada + "']")).contains("Delivery: Customer portal relaunch");
        browser.find("#asof-today").click();
        browser.waitForText("#status", t -> t.equals("Showing team Apollo as of " + words(TODAY) + "."));
        browser.assertNoConsoleErrors("as of");
    }

    @Test
    void thePagesFitANarrowScreen() {
        browser.resize(new Dimension(390, 844));
        for (String page : List.of("/career.html?person=" + ada, "/team.html?team=team-apollo", "/record.html?person=" + ada, "/",
                "/plan.html?team=team-apollo")) {
            browser.get(base + page);
            browser.waitForText("#status", t -> !t.contains("Loading"));
            Number overflow = (Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
            assertThat(overflow.intValue()).as("horizontal overflow of %s", page).isLessThanOrEqualTo(0);
        }
        browser.get(base + "/career.html?person=" + ada);
        browser.awaitChartDrawn("timeline-chart");
        browser.awaitChartDrawn("skills-chart");
        browser.awaitChartDrawn("retention-chart");
        browser.screenshot("career-narrow");
        browser.get(base + "/team.html?team=team-apollo");
        browser.awaitChartDrawn("team-timeline-chart");
        browser.screenshot("team-narrow");
        browser.assertNoConsoleErrors("narrow screens");
    }

    /** On a phone (390 × 844): nothing cut, nothing overlapping, targets big enough (issue 15). */
    @Test
    @SuppressWarnings("unchecked")
    void theCareerAndTheTeamReadWellOnAPhone() {
        browser.resize(new Dimension(390, 844));
        browser.get(base + "/career.html?person=" + ada);
        browser.waitForText("#status", t -> !t.contains("Loading"));
        browser.awaitChartDrawn("timeline-chart");
        browser.awaitChartDrawn("skills-chart");
        browser.awaitChartDrawn("retention-chart");
        SoftAssertions soft = new SoftAssertions();

        Number overflow = (Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
        soft.assertThat(overflow.intValue()).as("horizontal overflow of the career page").isLessThanOrEqualTo(0);

        // the events table scrolls sideways inside its wrapper, which the keyboard can reach (axe: scrollable-region-focusable)
        Map<String, Object> wrap = (Map<String, Object>) browser.js("""
                const table = document.getElementById('entries-table');
                const wrap = table.parentElement;
                wrap.focus();
                const focused = document.activeElement === wrap;
                const scrollable = wrap.scrollWidth > wrap.clientWidth && /auto|scroll/.test(getComputedStyle(wrap).overflowX);
                wrap.scrollLeft = wrap.scrollWidth;
                const last = table.querySelector('thead th:last-child').getBoundingClientRect();
                const box = wrap.getBoundingClientRect();
                const result = { focused, tabIndex: wrap.tabIndex, role: wrap.getAttribute('role') || '',
                  label: wrap.getAttribute('aria-label') || '', scrollable, scrolled: wrap.scrollLeft,
                  lastRight: last.right, wrapRight: box.right, pageRight: window.innerWidth };
                wrap.scrollLeft = 0;
                return result;""");
        soft.assertThat(wrap.get("focused")).as("the events table's wrapper takes the focus: %s", wrap).isEqualTo(true);
        soft.assertThat(((Number) wrap.get("tabIndex")).intValue()).as("its tabindex").isZero();
        soft.assertThat(wrap.get("role")).as("its role").isEqualTo("region");
        soft.assertThat((String) wrap.get("label")).as("its name").isNotBlank();
        soft.assertThat(wrap.get("scrollable")).as("the events table scrolls inside its wrapper: %s", wrap).isEqualTo(true);
        soft.assertThat(((Number) wrap.get("scrolled")).doubleValue()).as("scrolled sideways").isPositive();
        soft.assertThat(((Number) wrap.get("lastRight")).doubleValue()).as("the last column, scrolled to, is inside the wrapper: %s", wrap)
                .isLessThanOrEqualTo(((Number) wrap.get("wrapRight")).doubleValue() + 1)
                .isLessThanOrEqualTo(((Number) wrap.get("pageRight")).doubleValue());

        assertTouchTargets(soft, "the career page");

        // the retention chart's legend below its axis labels, not over them; everything inside the chart
        Map<String, Object> boxes = chartBoxes("retention-chart");
        Map<String, Number> legend = (Map<String, Number>) boxes.get("legend");
        for (String axis : List.of("xAxis", "yAxis")) {
            soft.assertThat(intersect(legend, (Map<String, Number>) boxes.get(axis)))
                    .as("the retention chart's legend over its %s labels: %s", axis, boxes).isFalse();
        }
        soft.assertThat(legend.get("y").doubleValue() + legend.get("height").doubleValue())
                .as("the legend inside the chart: %s", boxes).isLessThanOrEqualTo(((Number) boxes.get("height")).doubleValue() + 1);
        soft.assertThat(legend.get("width").doubleValue())
                .as("the legend as wide as the chart at most: %s", boxes).isLessThanOrEqualTo(((Number) boxes.get("width")).doubleValue());

        // the skills chart: its legend below its axis labels, without a large empty gap between them
        Map<String, Object> skills = chartBoxes("skills-chart");
        Map<String, Number> skillsLegend = (Map<String, Number>) skills.get("legend");
        Map<String, Number> skillsAxis = (Map<String, Number>) skills.get("xAxis");
        soft.assertThat(intersect(skillsLegend, skillsAxis)).as("the skills legend over its axis labels: %s", skills).isFalse();
        soft.assertThat(skillsLegend.get("y").doubleValue() - skillsAxis.get("y").doubleValue() - skillsAxis.get("height").doubleValue())
                .as("the gap between the skills chart's axis labels and its legend: %s", skills).isLessThanOrEqualTo(24);
        soft.assertThat(((Number) skills.get("height")).doubleValue() - skillsLegend.get("y").doubleValue() - skillsLegend.get("height").doubleValue())
                .as("the gap under the skills chart's legend: %s", skills).isLessThanOrEqualTo(24);

        // the lanes' names are written out, on more lines if need be, not cut ("Jordan Ri…")
        Map<String, List<String>> lanes = laneNames("timeline-chart");
        soft.assertThat(lanes.get("shown")).as("the career timeline's lane names as shown: %s", lanes).containsAll(lanes.get("names"));
        browser.screenshot("career-phone");

        browser.get(base + "/team.html?team=team-apollo");
        browser.waitForText("#status", t -> !t.contains("Loading"));
        browser.awaitChartDrawn("team-timeline-chart");
        overflow = (Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
        soft.assertThat(overflow.intValue()).as("horizontal overflow of the team page").isLessThanOrEqualTo(0);
        lanes = laneNames("team-timeline-chart");
        soft.assertThat(lanes.get("names")).as("the team's lanes").isNotEmpty();
        soft.assertThat(lanes.get("shown")).as("the team timeline's lane names as shown: %s", lanes).containsAll(lanes.get("names"));
        assertTouchTargets(soft, "the team page");
        browser.screenshot("team-phone");

        browser.get(base + "/record.html?person=" + ada);
        browser.waitForText("#status", t -> !t.contains("Loading"));
        assertTouchTargets(soft, "the record page");
        soft.assertAll();
        browser.assertNoConsoleErrors("a phone");
    }

    /** Where an ECharts chart put its legend and its axes (with their labels), in the chart's pixels. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> chartBoxes(String chartId) {
        return (Map<String, Object>) browser.js("""
                const chart = echarts.getInstanceByDom(document.getElementById(arguments[0]));
                const model = chart.getModel();
                const box = (component) => {
                  const group = chart.getViewOfComponentModel(component).group;
                  const rect = group.getBoundingRect().clone();
                  const transform = group.getComputedTransform();
                  if (transform) rect.applyTransform(transform);
                  return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
                };
                return { legend: box(model.getComponent('legend')), xAxis: box(model.getComponent('xAxis')),
                         yAxis: box(model.getComponent('yAxis')), width: chart.getWidth(), height: chart.getHeight() };""", chartId);
    }

    private static boolean intersect(Map<String, Number> a, Map<String, Number> b) {
        return a.get("x").doubleValue() < b.get("x").doubleValue() + b.get("width").doubleValue()
                && b.get("x").doubleValue() < a.get("x").doubleValue() + a.get("width").doubleValue()
                && a.get("y").doubleValue() < b.get("y").doubleValue() + b.get("height").doubleValue()
                && b.get("y").doubleValue() < a.get("y").doubleValue() + a.get("height").doubleValue();
    }

    /** Each visible checkbox at least 24 × 24 px (WCAG 2.5.8). */
    @SuppressWarnings("unchecked")
    private void assertTouchTargets(SoftAssertions soft, String page) {
        List<String> small = (List<String>) browser.js("""
                return [...document.querySelectorAll('input[type=checkbox], input[type=radio]')]
                  .map(c => [c, c.getBoundingClientRect()])
                  .filter(([c, r]) => r.width > 0 && getComputedStyle(c).visibility !== 'hidden')
                  .filter(([c, r]) => r.width < 24 || r.height < 24)
                  .map(([c, r]) => `#${c.id} ${Math.round(r.width)}×${Math.round(r.height)}`);""");
        soft.assertThat(small).as("checkboxes smaller than 24 × 24 px on %s", page).isEmpty();
    }

    /** The y axis's lane names and the words the chart shows for them (each label's lines joined by spaces). */
    @SuppressWarnings("unchecked")
    private Map<String, List<String>> laneNames(String chartId) {
        return (Map<String, List<String>>) browser.js("""
                const chart = echarts.getInstanceByDom(document.getElementById(arguments[0]));
                const names = chart.getOption().yAxis[0].data.map(String);
                const shown = [];
                chart.getViewOfComponentModel(chart.getModel().getComponent('yAxis')).group.traverse(el => {
                  if (el.type === 'text') {
                    const lines = (el.childrenRef ? el.childrenRef() : []).map(t => t.style && t.style.text).filter(t => t);
                    shown.push(lines.join(' ').replace(/\\s+/g, ' ').trim());
                  }
                });
                return { names, shown };""", chartId);
    }

    /** Printing a career: no header, forms, buttons or skip link; the cards and charts whole (issue 15). */
    @Test
    @SuppressWarnings("unchecked")
    void aPrintedCareerShowsItsFiguresAndChartsWithoutTheControls() throws java.io.IOException {
        browser.get(base + "/career.html?person=" + ada);
        browser.waitForText("#status", t -> !t.contains("Loading"));
        browser.awaitChartDrawn("timeline-chart");
        browser.awaitChartDrawn("skills-chart");
        browser.awaitChartDrawn("retention-chart");
        browser.cdp("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            browser.await().until(d -> Boolean.TRUE.equals(browser.js("return matchMedia('print').matches")));
            Map<String, Object> seen = (Map<String, Object>) browser.js("""
                    const shown = (el) => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0
                      && !el.closest('[hidden]') && [...ancestors(el)].every(a => getComputedStyle(a).display !== 'none');
                    function* ancestors(el) { for (let a = el.parentElement; a; a = a.parentElement) yield a; }
                    const all = (css) => [...document.querySelectorAll(css)];
                    return {
                      shownControls: all('.site-header, .skip-link, form, button, a.button, input, select, .site-nav')
                        .filter(shown).map(el => el.outerHTML.slice(0, 80)),
                      charts: all('.chart').map(el => ({ id: el.id, shown: shown(el), height: el.clientHeight,
                        canvas: el.querySelector('canvas') ? el.querySelector('canvas').getBoundingClientRect().height : 0 })),
                      cards: all('.card').filter(el => el.querySelector('.chart')).map(el => getComputedStyle(el).breakInside)
                    };""");
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat((List<String>) seen.get("shownControls")).as("controls printed").isEmpty();
            soft.assertThat((List<String>) seen.get("cards")).as("cards with a chart split across pages").isNotEmpty().containsOnly("avoid");
            for (Map<String, Object> chart : (List<Map<String, Object>>) seen.get("charts")) {
                soft.assertThat(chart.get("shown")).as("chart printed: %s", chart).isEqualTo(true);
            }
            // each chart drawn again at its printed size
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (String id : List.of("timeline-chart", "skills-chart", "retention-chart")) {
                    Map<String, Object> size = (Map<String, Object>) browser.js("""
                            const el = document.getElementById(arguments[0]);
                            const canvas = el.querySelector('canvas').getBoundingClientRect();
                            return { width: el.clientWidth, height: el.clientHeight, canvasWidth: canvas.width, canvasHeight: canvas.height };""", id);
                    assertThat(((Number) size.get("canvasWidth")).doubleValue()).as("%s: %s", id, size)
                            .isCloseTo(((Number) size.get("width")).doubleValue(), org.assertj.core.data.Offset.offset(2.0));
                    assertThat(((Number) size.get("canvasHeight")).doubleValue()).as("%s: %s", id, size)
                            .isCloseTo(((Number) size.get("height")).doubleValue(), org.assertj.core.data.Offset.offset(2.0));
                }
            });
            Map<String, Object> pdf = browser.cdp("Page.printToPDF", Map.of("printBackground", false));
            byte[] printed = java.util.Base64.getDecoder().decode((String) pdf.get("data"));
            java.nio.file.Files.write(java.nio.file.Files.createDirectories(DashboardBrowser.SCREENSHOTS).resolve("career-print.pdf"), printed);
            String bytes = new String(printed, java.nio.charset.StandardCharsets.ISO_8859_1);
            int pages = bytes.split("/Type\\s*/Page[^s]", -1).length - 1;
            soft.assertThat(pages).as("pages of a printed career").isBetween(1, 2);
            soft.assertAll();
        } finally {
            browser.cdp("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        browser.assertNoConsoleErrors("printing a career");
    }

    @Test
    void everyControlHasALabelAndTheKeyboardFocusIsVisible() {
        for (String page : List.of("/", "/career.html?person=" + ada, "/team.html?team=team-apollo", "/record.html?person=" + ada,
                "/plan.html?team=team-apollo")) {
            browser.get(base + page);
            browser.waitForText("#status", t -> !t.contains("Loading"));
            @SuppressWarnings("unchecked")
            List<String> unlabelled = (List<String>) browser.js("""
                    return [...document.querySelectorAll('input, select, textarea, button')]
                      .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.textContent.trim())
                      .map(c => c.outerHTML.slice(0, 120));""");
            assertThat(unlabelled).as("controls without a label on %s", page).isEmpty();

            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            assertThat(browser.js("return document.activeElement.className")).as("skip link first on %s", page)
                    .isEqualTo("skip-link");
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            String outline = (String) browser.js("return getComputedStyle(document.activeElement).outlineStyle");
            assertThat(outline).as("visible focus on %s", page).isNotEqualTo("none");
        }
        browser.assertNoConsoleErrors("keyboard");
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static void assertEverythingFromThePlatform() {
        assertThat(browser.loadedUrls()).isNotEmpty()
                .allMatch(url -> url.startsWith(base + "/") || url.startsWith(commandBase + "/"),
                        "loaded from the platform itself");
    }

    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** People read names and words: no id (nor an id cut short, "e1a5c0de-0003-…") in what the page shows. */
    private static void assertNoIdsShown(String page) {
        assertThat(browser.bodyText()).as("the visible text of %s", page)
                .doesNotContainPattern(UUID_PATTERN).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-")
                .doesNotContain("sub:");
    }

    private static List<String> severeConsoleMessages() {
        return browser.consoleSinceLastCall().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    private static void setDate(String css, LocalDate day) {
        browser.js("const input = document.querySelector(arguments[0]); input.value = arguments[1];"
                + " input.dispatchEvent(new Event('input', {bubbles: true}));"
                + " input.dispatchEvent(new Event('change', {bubbles: true}));", css, day.toString());
    }

    /** Fills in and submits the record form, and waits until the views show the event. */
    private static void record(String type, LocalDate day, Map<String, String> fields) {
        new Select(browser.find("#event-type")).selectByValue(type);
        setDate("#effective-date", day);
        fields.forEach((css, value) -> {
            WebElement field = browser.find(css);
            if ("select".equals(field.getTagName())) {
                new Select(field).selectByValue(value);
            } else {
                field.clear();
                field.sendKeys(value);
            }
        });
        submitAndAwaitShown();
    }

    private static void submitAndAwaitShown() {
        String before = browser.text("#status");
        browser.find("#record-submit").click();
        browser.waitForText("#status", t -> !t.equals(before) && t.contains("it is in the timeline now"));
    }

    /** A date in the pages' words ("26 Nov 2026"), as the browser formats it. */
    private static String words(LocalDate day) {
        return (String) browser.js("return new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'short',"
                + " year: 'numeric', timeZone: 'UTC'}).format(new Date(arguments[0] + 'T00:00:00Z'))", day.toString());
    }

    private static List<String> memberNames() {
        return browser.findAll("#board tbody tr th").stream().map(WebElement::getText).toList();
    }

    private static JsonNode timeline(String personId) {
        return platform.queryApi.get().uri("/api/people/{id}/timeline", personId).retrieve().body(JsonNode.class);
    }

    // ---- the team the pages show ------------------------------------------------------------------

    private static String register(String name, String team, LocalDate since) {
        JsonNode registered = platform.commandApi.post().uri("/api/people")
                .body(Map.of("displayName", name, "teamId", team, "effectiveDate", since.toString()))
                .retrieve().body(JsonNode.class);
        String personId = registered.get("personId").asText();
        platform.client.awaitTimeline(personId, t -> t.get("sequence").asLong() >= 0);
        return personId;
    }


    private static String person(String name, String team, LocalDate since, List<Map<String, Object>> events) {
        String personId = register(name, team, since);
        long last = 0;
        for (Map<String, Object> event : events) {
            last = platform.client.record(personId, event).get("sequenceNumber").asLong();
        }
        long wanted = last;
        await().atMost(Duration.ofSeconds(60)).until(() -> timeline(personId).get("sequence").asLong() >= wanted);
        return personId;
    }

    private static LocalDate monthsAgo(int months) {
        return TODAY.withDayOfMonth(1).minusMonths(months);
    }

    /** The article's cast: a rotation through delivery, a troubled program and PMO roles, and four colleagues. */
    private static void seedTheTeam() {
        ada = person("Ada Lovelace", "team-apollo", monthsAgo(108), List.of(
                event("DELIVERY_ROLE_STARTED", monthsAgo(108), "projectName", "Billing platform migration"),
                event("ADMINISTRATIVE_LOAD_RECORDED", monthsAgo(108), "percentOfTime", 10),
                event("SKILL_ASSESSED", monthsAgo(72), "skill", "DELIVERY_EXECUTION", "level", 4),
                event("TOOK_TROUBLED_PROGRAM", monthsAgo(60), "programName", "ERP consolidation"),
                event("ASSIGNMENT_ENDED", monthsAgo(48), "outcome", "RESCUED"),
                event("REGAINED_DELIVERY_ROLE", monthsAgo(48), "projectName", "Customer portal relaunch"),
                event("JOINED_PMO", monthsAgo(18), "pmoType", "PROGRAM", "pmoName", "Transformation PMO",
                        "deliveryResponsibility", true),
                event("JOINED_PMO", monthsAgo(8), "pmoType", "ORGANIZATIONAL", "pmoName", "Enterprise PMO"),
                event("ADMINISTRATIVE_LOAD_RECORDED", monthsAgo(8), "percentOfTime", 35)));
        person("Grace Hopper", "team-apollo", monthsAgo(108), List.of(
                event("DELIVERY_ROLE_STARTED", monthsAgo(72), "projectName", "Compiler rollout"),
                event("JOINED_PMO", monthsAgo(24), "pmoType", "EXECUTIVE", "pmoName", "Executive PMO"),
                event("ADMINISTRATIVE_LOAD_RECORDED", monthsAgo(12), "percentOfTime", 45)));
        person("Margaret Hamilton", "team-apollo", monthsAgo(108), List.of(
                event("DELIVERY_ROLE_STARTED", monthsAgo(84), "projectName", "Flight software")));
        person("Katherine Johnson", "team-apollo", monthsAgo(108), List.of(
                event("DELIVERY_ROLE_STARTED", monthsAgo(96), "projectName", "Trajectory tools"),
                event("TOOK_TROUBLED_PROGRAM", monthsAgo(36), "programName", "Data centre exit"),
                event("ASSIGNMENT_ENDED", monthsAgo(24), "outcome", "HANDED_OVER"),
                event("TOOK_TROUBLED_PROGRAM", monthsAgo(12), "programName", "Payroll recovery")));
        person("Alan Turing", "team-apollo", monthsAgo(108), List.of(
                event("DELIVERY_ROLE_STARTED", monthsAgo(60), "projectName", "Codebreaker"),
                event("JOINED_PMO", monthsAgo(10), "pmoType", "PROGRAM", "pmoName", "Cloud program PMO")));
        joan = person("Joan Clarke", "team-gemini", monthsAgo(24), List.of(
                event("JOINED_PMO", monthsAgo(12), "pmoType", "EXECUTIVE", "pmoName", "Strategy office")));
        person("Tommy Flowers", "team-gemini", monthsAgo(24), List.of(
                event("DELIVERY_ROLE_STARTED", monthsAgo(20), "projectName", "Colossus")));
    }
}
