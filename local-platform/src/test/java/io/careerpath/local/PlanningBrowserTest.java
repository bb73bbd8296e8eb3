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
import org.openqa.selenium.WebElement;

/**
 * The planning page (issue 19) in a real browser, as maria, who manages team-apollo: from her board to the page, one
 * program-PMO seat for two quarters solved by the planner, the plan as a table and a timeline naming her team's
 * people, a retention chart with the threshold and "if nobody moves", the broken rules in words; accepted, and read
 * back by its saved link as the same plan; then Grace takes a troubled program the plan did not foresee, her board row
 * and the saved plan say so, and the plan is re-solved from today. A seat count of 0 is answered in words beside that
 * field.
 *
 * <p>The cast in team-apollo: maria herself (a year in a program PMO), Ada, Grace and Alan delivering for ten years;
 * Grace said no to a PMO role (ticked on the page), Alan too (recorded in his career).
 */
class PlanningBrowserTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final String APOLLO = "team-apollo";

    static RunningPlatform platform;
    static DashboardBrowser browser;
    static String base;
    static DemoAccount maria;
    static String grace;
    static String alan;

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
        base = platform.dashboardUrl().replaceAll("/$", "");
        browser = browserPerClass.get();
        seed();
    }

    @BeforeEach
    void asMaria() {
        browser.resize(DashboardBrowser.DESKTOP);
        browser.signIn(base, maria);
        browser.consoleSinceLastCall();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aManagerPlansASeatForTwoQuartersAcceptsThePlanAndReadsItBackByItsLink() {
        browser.get(base + "/team.html?team=" + APOLLO);
        browser.waitForText("#status", t -> t.startsWith("Showing team Apollo"));
        browser.find("#plan-link").click();
        browser.await().until(d -> d.getCurrentUrl().endsWith("/plan.html?team=" + APOLLO));
        awaitForm();
        assertThat(browser.find("#teams input[value='" + APOLLO + "']").isSelected()).as("the team she came from").isTrue();
        assertThat(browser.find(".site-nav a[aria-current=page]").getText()).isEqualTo("Plan rotations");
        // every rule with its default weight, before anything is planned
        browser.find("#advanced summary").click();
        assertThat(browser.findAll("#rule-weights fieldset.rule-weight")).hasSize(10);
        assertThat(browser.find("#rule-minimum-months-in-role-weight").getAttribute("value")).isEqualTo("100");
        browser.find("#advanced summary").click();

        // one program-PMO seat for two quarters of four; Grace said no
        browser.find("#seat-0-quarters").sendKeys("2");
        browser.find("#seat-0-name").sendKeys("Atlas PMO");
        replace(browser.find("#horizon"), "4");
        tickUnwilling("Grace Hopper");
        // Alan's "no" is recorded in his career: ticked, and not to be unticked here
        WebElement alanSaidNo = browser.find("#unwilling input[value='" + alan + "']");
        assertThat(alanSaidNo.isSelected()).isTrue();
        assertThat(alanSaidNo.isEnabled()).isFalse();
        assertThat(browser.text("#unwilling")).contains("Alan Turing (recorded in their career)");
        // what the status line says while the planner works: recorded as it changes
        browser.js("""
                window.statusSeen = [];
                new MutationObserver(() => window.statusSeen.push(document.getElementById('status').textContent))
                  .observe(document.getElementById('status'), { childList: true, characterData: true, subtree: true });""");
        browser.find("#plan-submit").click();
        browser.waitForText("#status", t -> t.startsWith("Planned 4 people over 4 quarters"));
        assertThat((List<Object>) browser.js("return window.statusSeen")).contains("Planning… up to 10 s");

        assertThat(browser.text("#plan-feasible")).startsWith("Feasible: every hard rule is kept");
        String table = browser.text("#plan-table");
        assertThat(table).contains("Ada Lovelace", "Grace Hopper", "Alan Turing", maria.name(), "Program PMO: Atlas PMO");
        assertThat(browser.findAll("#plan-table thead th")).hasSize(5);
        Map<String, Object> timeline = browser.awaitChartDrawn("plan-timeline-chart");
        assertThat(DashboardBrowser.dataNames(timeline)).anyMatch(name -> name.endsWith(": planned Program PMO: Atlas PMO"))
                .anyMatch(name -> name.startsWith("Ada Lovelace: Delivery"));
        // Grace said no: the seat went to someone else
        assertThat(DashboardBrowser.dataNames(timeline)).noneMatch(name -> name.startsWith("Grace Hopper: planned Program PMO"));

        Map<String, Object> retention = browser.awaitChartDrawn("plan-retention-chart");
        assertThat(DashboardBrowser.seriesNames(retention)).containsExactly("With the plan", "If nobody moves");
        assertThat(browser.js("""
                const option = echarts.getInstanceByDom(document.getElementById('plan-retention-chart')).getOption();
                return [option.series[0].data.length, option.series[0].markLine.data[0].yAxis];"""))
                .as("a point per quarter, the threshold").isEqualTo(List.of(4L, 0.6));
        String holder = browser.find("#plan-retention-person option:checked").getText();
        assertThat(holder).as("the seat's holder shown first").isIn("Ada Lovelace", "Alan Turing", maria.name());
        assertThat((String) retention.get("label")).contains(holder + "'s delivery retention at the end of quarter 4");
        // the rules broken, in the API's words (moving someone into a PMO loses delivery skill)
        assertThat(browser.text("#broken-rules")).satisfiesAnyOf(
                text -> assertThat(text).isEqualTo("No rules broken."),
                text -> assertThat(text).contains("from quarter 1").contains("costs"));
        browser.assertNoConsoleErrors("a plan");
        browser.screenshot("plan");

        browser.find("#accept-plan").click();
        browser.waitForText("#status", t -> t.startsWith("Plan accepted and saved"));
        String link = browser.find("#saved-plan-link").getAttribute("href");
        assertThat(link).startsWith(base + "/plan.html?plan=");
        JsonNode saved = platform.queryApi.get().uri("/api/plans/{id}", link.substring(link.indexOf("plan=") + 5))
                .retrieve().body(JsonNode.class);
        assertThat(saved.get("acceptedBy").asText()).isEqualTo(maria.personId());

        browser.get(link);
        browser.waitForText("#status", t -> t.startsWith("Showing the saved plan: 4 people over 4 quarters"));
        assertThat(browser.text("#plan-table")).isEqualTo(table);
        assertThat(browser.text("#subtitle")).startsWith("Accepted ").contains("by you");
        assertThat(browser.find("#problem-card").isDisplayed()).as("read-only: no form").isFalse();
        assertThat(browser.find("#accept-bar").isDisplayed()).as("read-only: nothing to accept").isFalse();
        assertThat(DashboardBrowser.dataNames(browser.awaitChartDrawn("plan-timeline-chart")))
                .isEqualTo(DashboardBrowser.dataNames(timeline));
        assertThat(browser.find("#plan-retention-person option:checked").getText()).isEqualTo(holder);
        assertThat(browser.text("#drift-list")).isEqualTo("Nobody: everything recorded so far follows the plan.");
        browser.assertNoConsoleErrors("a saved plan");
        browser.screenshot("plan-saved");

        // the records leave the plan: Grace (in delivery throughout it, as she said no) takes a troubled program
        long sequence = platform.client.record(grace, event("TOOK_TROUBLED_PROGRAM", TODAY, "programName", "Payroll rescue"))
                .get("sequenceNumber").asLong();
        platform.client.awaitTimeline(grace, history -> history.get("sequence").asLong() >= sequence);
        String drift = "A troubled program is recorded since " + TODAY + ", where the plan has delivery in quarter 1";
        browser.get(base + "/team.html?team=" + APOLLO);
        browser.waitForText("#status", t -> t.startsWith("Showing team Apollo"));
        assertThat(browser.text("#board")).contains("Off plan", drift + ". See the plan");
        browser.get(link);
        browser.waitForText("#status", t -> t.startsWith("Showing the saved plan"));
        assertThat(browser.text("#drift-list").replaceAll("\\s+", " ")).isEqualTo("Grace Hopper: " + drift + ". Off plan now");
        browser.screenshot("plan-drift");

        // re-solved from today: a plan to accept, nothing saved yet
        browser.find("#re-solve").click();
        browser.waitForText("#status", t -> t.startsWith("Re-solved from today"));
        assertThat(browser.find("#accept-bar").isDisplayed()).isTrue();
        assertThat(browser.text("#plan-table")).contains("Grace Hopper");
        browser.assertNoConsoleErrors("a re-solved plan");
        browser.screenshot("plan-re-solved");
    }

    @Test
    void aSeatCountOfZeroIsAnsweredInWordsBesideThatField() {
        browser.get(base + "/plan.html?team=" + APOLLO);
        awaitForm();
        browser.find("#add-seat").click();
        replace(browser.find("#seat-1-count"), "0");
        browser.find("#plan-submit").click();

        browser.waitForText("#seat-1-count-error", t -> !t.isBlank());
        assertThat(browser.text("#seat-1-count-error")).isEqualTo("Must be greater than or equal to 1");
        assertThat(browser.find("#seat-1-count").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#seat-1-count").getAttribute("aria-describedby")).contains("seat-1-count-error");
        assertThat(browser.find("#seat-0-count").getAttribute("aria-invalid")).as("the other seat is fine").isNull();
        assertThat(browser.text("#status")).isEqualTo("Not planned.");
        assertThat(browser.find("#result").isDisplayed()).isFalse();
        browser.consoleSinceLastCall(); // the refused request (400) is on the console by design
        browser.screenshot("plan-invalid");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static void awaitForm() {
        browser.waitForText("#status", t -> t.startsWith("Ready to plan team Apollo"));
    }

    private static void replace(WebElement input, String value) {
        input.clear();
        input.sendKeys(value);
    }

    private static void tickUnwilling(String name) {
        browser.findAll("#unwilling label").stream().filter(label -> label.getText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not offered among who said no")).click();
        assertThat(browser.find("#unwilling input[value='" + grace + "']").isSelected()).isTrue();
    }

    // ---- the cast -----------------------------------------------------------------------------------------

    private static String person(String personId, String name, LocalDate since, List<Map<String, Object>> events) {
        return platform.client.registerWithCareer(personId, name, APOLLO, since, events);
    }

    private static void seed() {
        LocalDate start = TODAY.minusYears(10);
        person(maria.personId(), maria.name(), start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Apollo guidance"),
                event("JOINED_PMO", TODAY.minusYears(1), "pmoType", "PROGRAM", "pmoName", "Apollo program office")));
        person(null, "Ada Lovelace", start, List.of(event("DELIVERY_ROLE_STARTED", start, "projectName", "Analytical engine")));
        grace = person(null, "Grace Hopper", start, List.of(event("DELIVERY_ROLE_STARTED", start, "projectName", "Compiler")));
        alan = person(null, "Alan Turing", start, List.of(event("DELIVERY_ROLE_STARTED", start, "projectName", "Codebreaker"),
                event("PMO_PREFERENCE_STATED", TODAY.minusMonths(2), "willing", false)));
    }
}
