package io.careerpath.local;

import static io.careerpath.local.CareerpathClient.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.local.signin.DemoAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Who needs attention (attention.html, GET /api/attention) in a real browser, as each role: the PMO lead sees the
 * people of two teams with counts per team, filters, sorts, downloads the list as CSV and goes on to record an
 * event for someone; the manager sees her team only; an employee has no such list. The page shows what the API
 * answers, row for row.
 *
 * <p>The cast: in team-apollo (maria's) erin delivering, maria in a PMO role without delivery history, and three
 * people long away from delivery ("Ada Away", "Spine Probe 2", "Spine Probe 10"); in team-gemini "Joan Away".
 */
class AttentionBrowserTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final String APOLLO = "team-apollo";
    static final String GEMINI = "team-gemini";

    static RunningPlatform platform;
    static DashboardBrowser browser;
    static String base;
    static DemoAccount erin;
    static DemoAccount maria;
    static DemoAccount paul;
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
        erin = platform.signInServer().account("erin");
        maria = platform.signInServer().account("maria");
        paul = platform.signInServer().account("paul");
        base = platform.dashboardUrl().replaceAll("/$", "");
        browser = browserPerClass.get();
        LocalDate start = TODAY.minusYears(10);
        person(erin.personId(), erin.name(), APOLLO, List.of(event("DELIVERY_ROLE_STARTED", start, "projectName", "Mission control")));
        person(maria.personId(), maria.name(), APOLLO, List.of(
                event("JOINED_PMO", start.plusMonths(6), "pmoType", "PROGRAM", "pmoName", "Apollo program office")));
        person(paul.personId(), paul.name(), "team-pmo", List.of());
        ada = person(null, "Ada Away", APOLLO, awayFromDelivery("PROGRAM"));
        person(null, "Spine Probe 10", APOLLO, awayFromDelivery("ORGANIZATIONAL"));
        person(null, "Spine Probe 2", APOLLO, awayFromDelivery("PROGRAM"));
        joan = person(null, "Joan Away", GEMINI, awayFromDelivery("EXECUTIVE"));
    }

    @BeforeEach
    void desktop() {
        browser.resize(DashboardBrowser.DESKTOP);
    }

    @Test
    void aPmoLeadSeesTwoTeamsFiltersSortsDownloadsAndRecordsFromTheList() throws IOException {
        browser.signIn(base, paul);
        browser.get(base + "/index.html");
        browser.find("#nav-attention").click();
        awaitList();

        assertThat(browser.find(".site-nav a[aria-current=page]").getText()).isEqualTo("Needs attention");
        JsonNode answer = api("paul", "");
        assertThat(rows()).isEqualTo(ids(answer)).contains(ada, joan).hasSize(4);
        assertThat(browser.text("#team-counts li[data-team='" + APOLLO + "'] .count")).isEqualTo("3");
        assertThat(browser.text("#team-counts li[data-team='" + GEMINI + "'] .count")).isEqualTo("1");
        assertThat(browser.text("#team-counts li[data-team='" + APOLLO + "']")).contains("of 5 in the team")
                .contains("withheld");
        assertThat(browser.text("#attention-table")).contains("Delivery at risk").contains("Executive PMO: Strategy office");
        browser.screenshot("attention");

        // a team chosen in the form: the list and the address follow
        new Select(browser.find("#filter-team")).selectByValue(GEMINI);
        browser.await().until(d -> rows().equals(List.of(joan)));
        assertThat((String) browser.js("return location.search")).contains("team=" + GEMINI);
        assertThat(browser.findAll("#team-counts li")).hasSize(1);
        browser.find("#clear-filters").click();
        browser.await().until(d -> rows().size() == 4);

        // sorted by name, as people read numbers
        browser.find("button[data-sort=name]").click();
        browser.await().until(d -> "ascending".equals(browser.find("button[data-sort=name]").findElement(
                org.openqa.selenium.By.xpath("..")).getAttribute("aria-sort")));
        browser.await().until(d -> names().equals(List.of("Ada Away", "Joan Away", "Spine Probe 2", "Spine Probe 10")));
        browser.find("button[data-sort=name]").click();
        browser.await().until(d -> names().equals(List.of("Spine Probe 10", "Spine Probe 2", "Joan Away", "Ada Away")));
        assertThat((String) browser.js("return location.search")).contains("sort=name").contains("direction=desc");

        // the download is the API's CSV for the same list, byte for byte
        Path downloads = Files.createTempDirectory(Path.of("target"), "attention-downloads-");
        browser.cdp("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
        browser.find("#download-csv").click();
        Path csv = downloads.resolve("attention-" + TODAY + ".csv");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(csv) && Files.size(csv) > 0);
        String downloaded = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(downloaded).isEqualTo(platform.queryApiAs("paul").get().uri("/api/attention?sort=name&direction=desc")
                .header("Accept", "text/csv").retrieve().body(String.class));
        assertThat(downloaded.split("\r\n")).hasSize(5);
        // the first row in words: the name, the team by its name (never its id), the role
        assertThat(downloaded.split("\r\n")[1]).startsWith("\"Spine Probe 10\",Apollo,\"Organizational PMO\",");
        browser.assertNoConsoleErrors("the attention list");

        // on a phone: the page does not scroll sideways, the table does, in a named region one can tab to
        browser.resize(new Dimension(390, 844));
        browser.await().until(d -> ((Number) browser.js("return document.documentElement.scrollWidth")).intValue() <= 390);
        WebElement region = browser.find(".table-wrap");
        assertThat(region.getAttribute("tabindex")).isEqualTo("0");
        assertThat(region.getAttribute("aria-label")).isNotBlank();
        assertThat(((Number) browser.js("const r = arguments[0]; return r.scrollWidth - r.clientWidth", region)).intValue()).isPositive();
        for (WebElement target : browser.findAll("#attention-table a, #attention-table button, #filters select, #filters button, #download-csv")) {
            assertThat(target.getSize().getHeight()).as("touch target " + target.getText()).isGreaterThanOrEqualTo(24);
        }
        browser.screenshot("attention-narrow");
        browser.resize(DashboardBrowser.DESKTOP);

        // "Record an event" opens the form for that person
        browser.find("tr[data-person='" + ada + "'] a.record-link").click();
        browser.waitForScripts();
        browser.waitForText("#title", t -> t.equals("Record an event for Ada Away"));
        assertThat((String) browser.js("return location.search")).isEqualTo("?person=" + ada);
    }

    @Test
    void aLongListComesAPageAtATimeWithTheWholeListsCounts() {
        browser.signIn(base, paul);
        browser.get(base + "/attention.html?sort=name&limit=3");
        awaitList();

        JsonNode first = api("paul", "?sort=name&limit=3");
        assertThat(first.get("count").asInt()).isEqualTo(4);
        assertThat(first.get("more").asBoolean()).isTrue();
        assertThat(rows()).isEqualTo(ids(first)).hasSize(3);
        assertThat(browser.find("#pager").isDisplayed()).isTrue();
        assertThat(browser.text("#page-position")).isEqualTo("People 1–3 of 4");
        assertThat(browser.find("#page-previous").isEnabled()).isFalse();
        // the counts per team are over the whole list, not the page
        assertThat(browser.text("#team-counts li[data-team='" + APOLLO + "'] .count")).isEqualTo("3");
        assertThat(browser.text("#team-counts li[data-team='" + GEMINI + "'] .count")).isEqualTo("1");

        browser.find("#page-next").click();
        browser.await().until(d -> rows().size() == 1);
        assertThat(rows()).isEqualTo(ids(api("paul", "?sort=name&limit=3&offset=3")));
        assertThat(browser.text("#page-position")).isEqualTo("People 4–4 of 4");
        assertThat(browser.find("#page-next").isEnabled()).isFalse();
        assertThat((String) browser.js("return location.search")).contains("offset=3");

        browser.find("#page-previous").click();
        browser.await().until(d -> rows().size() == 3);
        assertThat(rows()).isEqualTo(ids(first));
        assertThat((String) browser.js("return location.search")).doesNotContain("offset");
        browser.assertNoConsoleErrors("paging through the attention list");
    }

    @Test
    void aManagerSeesHerTeamOnly() {
        browser.signIn(base, maria);
        browser.get(base + "/attention.html");
        awaitList();

        assertThat(rows()).isEqualTo(ids(api("maria", ""))).contains(ada).doesNotContain(joan).hasSize(3);
        assertThat(browser.findAll("#team-counts li")).extracting(li -> li.getAttribute("data-team")).containsExactly(APOLLO);
        assertThat(browser.find("#nav-attention").isDisplayed()).isTrue();
        browser.assertNoConsoleErrors("a manager's attention list");
    }

    @Test
    void anEmployeeHasNoSuchList() {
        browser.signIn(base, erin);
        browser.get(base + "/index.html");
        assertThat(browser.findAll("#nav-attention")).isEmpty();

        JsonNode answer = api("erin", "?withinMonths=36");
        assertThat(answer.get("people")).isEmpty();
        assertThat(answer.get("teams")).isEmpty();
        browser.get(base + "/attention.html");
        browser.waitForText("#not-for-role", t -> t.startsWith("This list is for managers, PMO leads and HR administrators"));
        assertThat(browser.find("#filters").isDisplayed()).isFalse();
        browser.assertNoConsoleErrors("the attention page as an employee");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static void awaitList() {
        browser.waitForText("#status", t -> t.startsWith("Showing "));
    }

    private static List<String> rows() {
        return browser.findAll("#attention-table tbody tr[data-person]").stream().map(r -> r.getAttribute("data-person")).toList();
    }

    private static List<String> names() {
        return browser.findAll("#attention-table tbody th[scope=row]").stream().map(WebElement::getText).toList();
    }

    private static JsonNode api(String account, String query) {
        return platform.queryApiAs(account).get().uri("/api/attention" + query).retrieve().body(JsonNode.class);
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("people").forEach(p -> ids.add(p.get("personId").asText()));
        return ids;
    }

    private static List<Map<String, Object>> awayFromDelivery(String pmoType) {
        return List.of(event("DELIVERY_ROLE_STARTED", TODAY.minusYears(10), "projectName", "Delivery"),
                event("JOINED_PMO", TODAY.minusYears(5), "pmoType", pmoType, "pmoName",
                        pmoType.equals("EXECUTIVE") ? "Strategy office" : "Program office"));
    }


    /** Registers a person (with the given id, or a new one when null), records the events, waits for the views. */
    private static String person(String personId, String name, String team, List<Map<String, Object>> events) {
        return platform.client.registerWithCareer(personId, name, team, TODAY.minusYears(10), events);
    }
}
