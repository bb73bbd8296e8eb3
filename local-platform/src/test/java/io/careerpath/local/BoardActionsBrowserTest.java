package io.careerpath.local;

import static io.careerpath.local.CareerpathClient.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.local.signin.DemoAccount;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Acting from where you are (issue 15, point 4), as maria, who manages team-apollo, in a real browser: the
 * board's filters and natural name order, "Record an event" from a board row with the person picker, and
 * comparing two or three people on shared axes; someone she may not see is left out in plain words.
 *
 * <p>The cast in team-apollo: maria herself (program PMO), "Spine Probe 2" (long in an executive PMO:
 * delivery at risk), "Spine Probe 10" (delivering), Grace (a month into a troubled program, admin overload) and
 * Ada (delivering); Joan in team-gemini, which maria does not manage.
 */
class BoardActionsBrowserTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final String APOLLO = "team-apollo";

    static RunningPlatform platform;
    static DashboardBrowser browser;
    static String base;
    static DemoAccount maria;
    static DemoAccount paul;
    static DemoAccount erin;
    static String probe2;
    static String probe10;
    static String grace;
    static String ada;
    static String joan;

    @RegisterExtension
    @Order(1)
    static final DashboardBrowser.PerClass browserPerClass = DashboardBrowser.perClass();
    @RegisterExtension
    @Order(2)
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
        maria = platform.signInServer().account("maria");
        paul = platform.signInServer().account("paul");
        erin = platform.signInServer().account("erin");
        base = platform.dashboardUrl().replaceAll("/$", "");
        browser = browserPerClass.get();
        seed();
    }

    @BeforeEach
    void asMaria() {
        browser.resize(DashboardBrowser.DESKTOP);
        signIn(maria);
    }

    @Test
    void theBoardFiltersByRoleAndFlagAndSortsNamesNaturally() {
        openBoard();
        assertThat(browser.text("#board-count")).isEqualTo("Showing 5 of 5");

        browser.find("#board button[data-sort=name]").click();
        browser.waitForText("#status", t -> t.startsWith("Sorted by person, ascending"));
        List<String> names = rowNames();
        assertThat(names).containsExactly("Ada Lovelace", "Grace Hopper", "Maria Manager", "Spine Probe 2", "Spine Probe 10");
        assertThat(names.indexOf("Spine Probe 2")).as("2 before 10").isLessThan(names.indexOf("Spine Probe 10"));
        // the API sends them in that order too
        List<String> answered = platform.queryApi.get().uri("/api/teams/{team}/rotation-board", APOLLO).retrieve()
                .body(JsonNode.class).get("members").findValuesAsText("displayName");
        assertThat(answered.indexOf("Spine Probe 2")).isLessThan(answered.indexOf("Spine Probe 10"));

        new Select(browser.find("#filter-role")).selectByValue("PMO");
        browser.waitForText("#board-count", t -> t.equals("Showing 2 of 5"));
        assertThat(rowNames()).containsExactlyInAnyOrder("Spine Probe 2", maria.name());
        assertThat(browser.findAll("#board tbody td[data-label='Current role']")).allMatch(cell -> cell.getText().contains("PMO"));

        new Select(browser.find("#filter-flag")).selectByValue("DELIVERY_AT_RISK");
        browser.waitForText("#board-count", t -> t.equals("Showing 1 of 5"));
        assertThat(rowNames()).containsExactly("Spine Probe 2");
        browser.screenshot("board-filters");

        new Select(browser.find("#filter-role")).selectByValue("");
        new Select(browser.find("#filter-flag")).selectByValue("ADMIN_OVERLOAD");
        browser.waitForText("#board-count", t -> t.equals("Showing 1 of 5"));
        assertThat(rowNames()).containsExactly("Grace Hopper");

        new Select(browser.find("#filter-flag")).selectByValue("ANY");
        browser.waitForText("#board-count", t -> t.equals("Showing 2 of 5"));
        assertThat(rowNames()).containsExactlyInAnyOrder("Spine Probe 2", "Grace Hopper");
        assertThat(browser.findAll("#board tbody tr")).allMatch(row -> !row.findElements(By.cssSelector(".flag")).isEmpty());

        new Select(browser.find("#filter-role")).selectByValue("NONE");
        browser.waitForText("#board-count", t -> t.equals("Showing 0 of 5"));
        assertThat(browser.text("#board tbody")).isEqualTo("Nobody on the board matches these filters.");
        browser.assertNoConsoleErrors("the filtered board");
    }

    @Test
    void recordingFromABoardRowPreselectsThatPersonAndThePickerListsHerTeam() {
        openBoard();
        browser.find("#board tr[data-person='" + probe10 + "'] a.record-link").click();
        browser.await().until(d -> d.getCurrentUrl().endsWith("/record.html?person=" + probe10));
        browser.waitForText("#title", t -> t.equals("Record an event for Spine Probe 10"));

        // the picker: herself and her team's members, by name, in natural order, the row's person chosen
        browser.await().until(d -> browser.findAll("#picker-person option").size() == 5);
        Select picker = new Select(browser.find("#picker-person"));
        assertThat(picker.getOptions()).extracting(WebElement::getText).containsExactly("Ada Lovelace", "Grace Hopper",
                "Maria Manager (you)", "Spine Probe 2", "Spine Probe 10");
        assertThat(picker.getFirstSelectedOption().getAttribute("value")).isEqualTo(probe10);
        assertThat(browser.find("#picker-team-field").isDisplayed()).as("a manager picks among her teams' people").isFalse();

        new Select(browser.find("#event-type")).selectByValue("ADMINISTRATIVE_LOAD_RECORDED");
        browser.find("#ADMINISTRATIVE_LOAD_RECORDED-percentOfTime").sendKeys("25");
        browser.find("#record-submit").click();
        browser.waitForText("#status", t -> t.contains("it is in the timeline now"));
        assertThat(timeline(probe10).get("entries").findValuesAsText("type")).contains("ADMINISTRATIVE_LOAD_RECORDED");
        assertThat(timeline(probe2).get("entries").findValuesAsText("type")).doesNotContain("ADMINISTRATIVE_LOAD_RECORDED");

        // another person from the picker: the form now records for her
        new Select(browser.find("#picker-person")).selectByVisibleText("Spine Probe 2");
        browser.waitForText("#title", t -> t.equals("Record an event for Spine Probe 2"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/record.html?person=" + probe2);
        new Select(browser.find("#event-type")).selectByValue("ADMINISTRATIVE_LOAD_RECORDED");
        browser.find("#ADMINISTRATIVE_LOAD_RECORDED-percentOfTime").sendKeys("15");
        browser.find("#record-submit").click();
        browser.waitForText("#status", t -> t.contains("it is in the timeline now"));
        assertThat(timeline(probe2).get("entries").findValuesAsText("type")).contains("ADMINISTRATIVE_LOAD_RECORDED");
        browser.assertNoConsoleErrors("recording from the board");
        browser.screenshot("record-picker");
    }

    @Test
    void twoPeopleComparedOnSharedAxes() {
        openBoard();
        WebElement compare = browser.find("#compare-button");
        assertThat(compare.isEnabled()).isFalse();
        WebElement first = pick(probe2);
        Map<?, ?> box = (Map<?, ?>) browser.js("const r = arguments[0].getBoundingClientRect(); return {w: r.width, h: r.height};", first);
        assertThat(((Number) box.get("w")).doubleValue()).as("a 24 px target").isGreaterThanOrEqualTo(24);
        assertThat(((Number) box.get("h")).doubleValue()).isGreaterThanOrEqualTo(24);
        assertThat(compare.isEnabled()).as("one is not a comparison").isFalse();
        pick(probe10);
        assertThat(compare.isEnabled()).isTrue();
        pick(grace);
        assertThat(compare.isEnabled()).as("three may be compared").isTrue();
        pick(ada);
        assertThat(compare.isEnabled()).as("four may not").isFalse();
        assertThat(browser.text("#compare-hint")).contains("At most 3");
        pick(ada);
        pick(grace);
        assertThat(browser.text("#compare-button")).isEqualTo("Compare 2 people");
        compare.click();

        browser.await().until(d -> d.getCurrentUrl().endsWith("/compare.html?people=" + probe2 + "%2C" + probe10));
        browser.waitForText("#status", t -> t.startsWith("Comparing"));
        assertThat(browser.text("#title")).isEqualTo("Compare Spine Probe 2 and Spine Probe 10");
        Map<String, Object> retention = browser.awaitChartDrawn("compare-retention-chart");
        assertThat(DashboardBrowser.seriesNames(retention)).containsExactly("Spine Probe 2", "Spine Probe 10");
        assertThat(browser.js("""
                const option = echarts.getInstanceByDom(document.getElementById('compare-retention-chart')).getOption();
                return [option.yAxis.length, option.yAxis[0].min, option.yAxis[0].max, option.xAxis.length, option.xAxis[0].type,
                        option.series[0].markLine.data[0].yAxis];"""))
                .as("one y axis from 0 to 100 %, one time axis, the threshold").isEqualTo(List.of(1L, 0L, 1L, 1L, "time", 0.6));
        Map<String, Object> skills = browser.awaitChartDrawn("compare-skills-chart");
        assertThat(DashboardBrowser.seriesNames(skills)).containsExactly("Spine Probe 2", "Spine Probe 10");
        assertThat(browser.js("return echarts.getInstanceByDom(document.getElementById('compare-skills-chart')).getOption().xAxis[0].max"))
                .as("one shared 0–1 proficiency scale").isEqualTo(1L);
        assertThat(browser.findAll("#compare-skills-table tbody tr")).hasSize(10);
        assertThat(browser.text("#compare-skills-table thead")).contains("Spine Probe 2", "Spine Probe 10");
        assertThat(browser.findAll("#not-shown li")).isEmpty();
        browser.assertNoConsoleErrors("the comparison");
        browser.screenshot("compare");

        // on a phone: nothing wider than the screen, both charts redrawn to fit
        browser.resize(new Dimension(390, 844));
        browser.await().until(d -> ((Number) browser.js("return document.documentElement.scrollWidth")).intValue() <= 390);
        assertThat(((Number) browser.chart("compare-retention-chart").get("width")).intValue()).isLessThanOrEqualTo(390 * 2);
        browser.screenshot("compare-narrow");
    }

    @Test
    void someoneTheManagerMayNotSeeIsLeftOutInPlainWords() {
        browser.get(base + "/compare.html?people=" + probe2 + "," + joan);
        browser.waitForText("#status", t -> t.startsWith("Comparing"));
        assertThat(browser.text("#not-shown")).isEqualTo("The second person chosen is not shown. Not found. "
                + "You may not see this person's career, or no such person is registered.");
        assertThat(DashboardBrowser.seriesNames(browser.awaitChartDrawn("compare-retention-chart"))).containsExactly("Spine Probe 2");
        assertThat(browser.text("main")).doesNotContain("Joan", joan);
        browser.consoleSinceLastCall(); // the refused reads (404) are on the console by design

        browser.get(base + "/compare.html?people=" + probe2);
        browser.waitForText("#problem", t -> t.contains("Choose two or three people to compare"));
        assertThat(browser.find("#content").isDisplayed()).isFalse();
    }

    @Test
    void aPmoLeadPicksATeamThenOneOfItsPeopleAndAnEmployeeGetsNoPicker() {
        signIn(paul);
        browser.get(base + "/record.html?person=" + joan);
        browser.waitForText("#title", t -> t.equals("Record an event for Joan Clarke"));
        browser.await().until(d -> browser.find("#picker-team-field").isDisplayed()
                && !browser.findAll("#picker-person option").isEmpty());
        Select team = new Select(browser.find("#picker-team"));
        // teams by name, never by id
        assertThat(team.getOptions()).extracting(WebElement::getText).contains("Apollo", "Gemini");
        assertThat(team.getFirstSelectedOption().getAttribute("value")).as("the chosen person's team").isEqualTo("team-gemini");
        assertThat(new Select(browser.find("#picker-person")).getOptions()).extracting(WebElement::getText)
                .containsExactly(erin.name(), "Joan Clarke");

        team.selectByValue(APOLLO);
        browser.await().until(d -> browser.findAll("#picker-person option").size() == 6);
        Select person = new Select(browser.find("#picker-person"));
        assertThat(person.getOptions()).extracting(WebElement::getText).containsExactly("Choose a person…", "Ada Lovelace",
                "Grace Hopper", "Maria Manager", "Spine Probe 2", "Spine Probe 10");
        person.selectByVisibleText("Spine Probe 10");
        browser.waitForText("#title", t -> t.equals("Record an event for Spine Probe 10"));
        assertThat(browser.find("#record-form").isDisplayed()).isTrue();
        browser.assertNoConsoleErrors("a PMO lead's picker");

        signIn(erin);
        browser.get(base + "/record.html");
        browser.waitForText("#title", t -> t.equals("Record an event for " + erin.name()));
        browser.waitForScripts();
        assertThat(browser.find("#person-picker").isDisplayed()).as("an employee records for herself only").isFalse();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Signs in through the login form (kept when that account is signed in already); earlier console messages dropped. */
    private static void signIn(DemoAccount account) {
        browser.signIn(base, account);
        browser.consoleSinceLastCall();
    }

    private static void openBoard() {
        browser.get(base + "/team.html?team=" + APOLLO);
        browser.waitForText("#status", t -> t.startsWith("Showing team Apollo"));
    }

    /** Ticks (or unticks) the row's "Compare" box. */
    private static WebElement pick(String personId) {
        WebElement box = browser.find("#board tr[data-person='" + personId + "'] input.compare-pick");
        box.click();
        return box;
    }

    private static List<String> rowNames() {
        return browser.findAll("#board tbody th[scope=row]").stream().map(WebElement::getText).toList();
    }

    private static JsonNode timeline(String personId) {
        return platform.queryApi.get().uri("/api/people/{id}/timeline", personId).retrieve().body(JsonNode.class);
    }

    // ---- the cast -----------------------------------------------------------------------------------------


    private static String person(String personId, String name, String team, LocalDate since, List<Map<String, Object>> events) {
        return platform.client.registerWithCareer(personId, name, team, since, events);
    }

    private static void seed() {
        LocalDate start = TODAY.minusYears(10);
        person(maria.personId(), maria.name(), APOLLO, start, List.of(
                event("JOINED_PMO", TODAY.minusYears(2), "pmoType", "PROGRAM", "pmoName", "Apollo program office")));
        // registered in this order on purpose: as text, "Spine Probe 10" sorts first
        probe10 = person(null, "Spine Probe 10", APOLLO, start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Probe ten")));
        probe2 = person(null, "Spine Probe 2", APOLLO, start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Probe two"),
                event("JOINED_PMO", start.plusYears(2), "pmoType", "EXECUTIVE", "pmoName", "Strategy office")));
        grace = person(null, "Grace Hopper", APOLLO, start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Compiler"),
                // an overload is flagged for a load recorded in the PMO or troubled-program role held, not in delivery;
                // a month away from ten years of delivery keeps her far from the rotate-back date
                event("TOOK_TROUBLED_PROGRAM", TODAY.minusMonths(1), "programName", "Payroll rescue"),
                event("ADMINISTRATIVE_LOAD_RECORDED", TODAY.minusDays(20), "percentOfTime", 60)));
        ada = person(null, "Ada Lovelace", APOLLO, start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Analytical engine")));
        person(erin.personId(), erin.name(), "team-gemini", start, List.of());
        joan = person(null, "Joan Clarke", "team-gemini", start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Hut 8")));
    }
}
