package io.careerpath.local;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.careerpath.local.signin.DemoAccount;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * The data health page in a real browser (Debian's chromium, headless), signed in through the real login form:
 * the HR administrator sees the last check of the read models against the event store and runs another, which
 * finds a read model taken away behind the platform's back and repairs it; a person parked by a record on Kafka
 * that is not an event is listed under the read models with why, a retry says they are still parked, the record
 * is discarded after a confirmation, the retry lets their own event through, and it shows in their career. A
 * manager has no link to the page, and the page tells her it is for HR administrators.
 */
class DashboardDataHealthTest {

    static RunningPlatform platform;
    static DashboardBrowser browser;
    static TopicRecords topic;
    static MongoClient mongo;
    static String base;
    static String commandBase;
    static String page;
    static DemoAccount hana;
    static DemoAccount maria;

    @RegisterExtension
    @Order(1)
    static final DashboardBrowser.PerClass browserPerClass = DashboardBrowser.perClass();
    @RegisterExtension
    @Order(2)
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
        topic = new TopicRecords(platform.infrastructure.kafkaBootstrapServers(), platform.topic);
        mongo = MongoClients.create(platform.infrastructure.mongoUri());
        hana = platform.signInServer().account("hana");
        maria = platform.signInServer().account("maria");
        base = platform.dashboardUrl().replaceAll("/$", "");
        page = base + "/data-health.html";
        // as the pages know it (GET /api/config is open)
        commandBase = RestClient.create().get().uri(base + "/api/config").retrieve().body(JsonNode.class)
                .get("commandApi").asText().replaceAll("/+$", "");
        browser = browserPerClass.get();
    }

    @AfterAll
    static void stop() {
        if (topic != null) {
            topic.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    @BeforeEach
    void desktop() {
        browser.resize(DashboardBrowser.DESKTOP);
    }

    @Test
    void theHrAdministratorSeesTheLastCheckAndRunsAnotherThatRepairsAReadModelTakenAway() {
        String grace = platform.client.register("Grace Hopper", "team-health");
        platform.client.awaitTimelineHoldingTheStore(grace);
        // the service checks once it is ready; the page shows that check, or follows it while it runs
        await().atMost(Duration.ofSeconds(60)).until(() -> !integrity().get("state").asText().equals("NOT_YET_CHECKED"));
        signIn(hana);

        browser.get(page);
        awaitCheckDone();
        assertThat(browser.text("#integrity-when")).startsWith("Last checked ").contains(" UTC (took ");
        assertThat(browser.text("#integrity-figures")).contains("people checked", "people out of step",
                "repaired from the event store", "Kafka still holds every event the read models have yet to read");
        assertThat(outOfStep()).containsOnlyKeys("missing from the read model", "behind the event store",
                "ahead of the event store", "different from the event store", "unknown to the event store");
        assertThat(browser.find(".site-nav a[aria-current=page]").getText()).isEqualTo("Data health");
        String before = browser.find("#integrity-card").getAttribute("data-started-at");

        // what a lost write or a restore from an old backup would leave: the event store knows her, the read model not
        histories().deleteOne(eq("_id", grace));
        browser.find("#check-now").click();

        browser.waitForText("#status", t -> t.startsWith("Check done"));
        assertThat(browser.find("#integrity-card").getAttribute("data-started-at")).as("another check ran")
                .isNotEqualTo(before);
        assertThat(browser.text("#status")).contains("out of step", "repaired");
        assertThat(outOfStep()).containsEntry("missing from the read model", "1")
                .containsEntry("behind the event store", "0");
        assertThat(browser.text("#integrity-figures")).contains("1\nperson out of step", "1\nrepaired from the event store");
        browser.waitForText("#examples", t -> t.contains("Grace Hopper"));
        assertThat(browser.text("#examples")).contains("Grace Hopper", grace, "missing from the read model");
        platform.client.awaitTimelineHoldingTheStore(grace);
        browser.assertNoConsoleErrors("the data health page, checking");
        assertEverythingFromThePlatform();

        browser.resize(new Dimension(390, 844));
        Number overflow = (Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).as("horizontal overflow on a phone").isLessThanOrEqualTo(0);
    }

    @Test
    void aPersonParkedByARecordThatIsNotAnEventIsRetriedDiscardedAndRetriedAgainUntilTheirEventShows() {
        String barbara = platform.client.register("Barbara Liskov", "team-health");
        platform.client.awaitTimeline(barbara, t -> t.get("sequence").asLong() == 0);
        topic.send(topic.plain(barbara, "not an event"));
        platform.client.record(barbara, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", "2024-05-02",
                "percentOfTime", 35));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> lettersParkedFor(barbara) == 2);
        signIn(hana);

        browser.get(page);
        browser.waitForText("#parked-query-people", t -> t.contains("Barbara Liskov"));
        assertThat(browser.text("#parked-command-summary")).isEqualTo("Nothing is parked.");
        assertThat(browser.text("#parked-query-summary")).isEqualTo("2 events parked, of 1 person.");
        WebElement parked = parkedPerson(barbara);
        assertThat(parked.findElement(By.cssSelector("h4")).getText()).contains("Barbara Liskov", barbara);
        assertThat(parked.findElement(By.cssSelector("h4 a")).getAttribute("href")).endsWith("career.html?person=" + barbara);
        List<WebElement> letters = parked.findElements(By.cssSelector("tbody tr"));
        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).getText()).contains("A record on Kafka that is not an event", "UnreadableRecord",
                "It cannot be applied to the read models", "no Axon headers", "UnprojectableEvent");
        assertThat(letters.get(1).getText()).contains("#1", "Administrative load",
                "Waits behind an earlier parked event of the same person");
        assertThat(unlabelledControls()).isEmpty();
        browser.assertNoConsoleErrors("the data health page, one person parked");
        assertEverythingFromThePlatform();
        browser.screenshot("data-health");

        // a retry alone changes nothing: the record still is not an event
        parked.findElement(By.cssSelector("button.retry")).click();
        browser.waitForText("#status", t -> t.startsWith("Retried Barbara Liskov: still parked:"));
        assertThat(browser.text("#status")).contains("no Axon headers").endsWith(", 2 left.");
        assertThat(parkedPerson(barbara).findElement(By.cssSelector(".outcome")).getText()).contains("still parked", "2 left");
        assertThat(activeElementClass()).as("the keyboard stays on the person's retry").contains("retry");

        // discarding asks first, and saying no (Escape) keeps it
        firstDiscard(barbara).click();
        browser.await().until(d -> Boolean.TRUE.equals(browser.js("return document.getElementById('discard-dialog').open")));
        assertThat(browser.text("#discard-dialog")).contains("A record on Kafka that is not an event", "Barbara Liskov",
                "The query service will never apply this record from Kafka to the read models");
        assertThat(activeElementClass()).as("the safe choice has the focus").isEqualTo("secondary");
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        browser.waitForText("#status", t -> t.equals("Nothing was discarded."));
        assertThat(lettersParkedFor(barbara)).isEqualTo(2);
        assertThat(activeElementClass()).contains("discard");

        firstDiscard(barbara).click();
        browser.await().until(d -> browser.find("#discard-confirm").isDisplayed());
        browser.find("#discard-confirm").click();
        browser.waitForText("#status", t -> t.startsWith("Discarded a record on Kafka that is not an event of Barbara Liskov"));
        assertThat(browser.text("#status")).endsWith("the query service will never apply it to the read models.");
        assertThat(parkedPerson(barbara).findElements(By.cssSelector("tbody tr"))).hasSize(1);

        parkedPerson(barbara).findElement(By.cssSelector("button.retry")).click();
        browser.waitForText("#status", t -> t.equals("Retried Barbara Liskov: all went through."));
        browser.waitForText("#parked-query-summary", t -> t.equals("Nothing is parked."));
        assertThat(browser.findAll("#parked-query-people li")).isEmpty();
        assertThat(browser.js("return document.activeElement.id")).as("the keyboard goes to the section")
                .isEqualTo("parked-query-heading");
        assertThat(lettersParkedFor(barbara)).isZero();
        browser.assertNoConsoleErrors("the data health page, after the retry");

        browser.get(base + "/career.html?person=" + barbara);
        browser.waitForText("#entries-table", t -> t.contains("Administrative load 35 %"));
        platform.client.awaitTimelineHoldingTheStore(barbara);
    }

    @Test
    void aManagerHasNoLinkToThePageAndIsToldItIsForHrAdministrators() {
        signIn(hana);
        browser.get(base + "/index.html");
        assertThat(navigation()).contains("Data health");

        signIn(maria);
        browser.get(base + "/index.html");
        assertThat(navigation()).isNotEmpty().doesNotContain("Data health");

        browser.get(page);
        browser.await().until(d -> !browser.findAll("#problem .problem").isEmpty());
        assertThat(browser.text("#problem .problem")).contains("Data health is for HR administrators only");
        assertThat(browser.find("#problem .problem").getAttribute("data-status")).isEqualTo("403");
        assertThat(browser.find("#integrity-card").isDisplayed()).isFalse();
        assertThat(browser.find("#parked-card").isDisplayed()).isFalse();
        assertThat(navigation()).doesNotContain("Data health");
        browser.assertNoConsoleErrors("the data health page, as a manager");
        // and what the page would have asked for is refused to her by both services
        assertThat(status(platform.queryApiAs("maria"), "/api/admin/read-models/integrity")).isEqualTo(403);
        assertThat(status(platform.queryApiAs("maria"), "/api/admin/dead-letters")).isEqualTo(403);
        assertThat(status(platform.commandApiAs("maria"), "/api/admin/dead-letters")).isEqualTo(403);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Signs in through the login form; what the console said before (the sign-in server's pages) is dropped. */
    private static void signIn(DemoAccount account) {
        browser.signIn(base, account);
        browser.consoleSinceLastCall();
    }

    private static void awaitCheckDone() {
        browser.await().withMessage(() -> "no finished check shown: " + browser.text("#integrity-when"))
                .until(d -> "DONE".equals(browser.find("#integrity-card").getAttribute("data-state")));
    }

    /** The out-of-step table: kind in words -> people. */
    private static Map<String, String> outOfStep() {
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        for (WebElement row : browser.findAll("#out-of-step tbody tr")) {
            rows.put(row.findElement(By.cssSelector("th")).getText().replace("⚠ ", ""),
                    row.findElement(By.cssSelector("td.num")).getText());
        }
        return rows;
    }

    private static WebElement parkedPerson(String personId) {
        return browser.find("#parked-query-people li[data-sequence='" + personId + "']");
    }

    private static WebElement firstDiscard(String personId) {
        return parkedPerson(personId).findElement(By.cssSelector("tbody tr button.discard"));
    }

    private static String activeElementClass() {
        return String.valueOf(browser.js("return document.activeElement.className"));
    }

    private static List<String> navigation() {
        return browser.findAll(".site-nav a").stream().map(WebElement::getText).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> unlabelledControls() {
        return (List<String>) browser.js("""
                return [...document.querySelectorAll('input, select, textarea, button')]
                  .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.textContent.trim())
                  .map(c => c.outerHTML.slice(0, 120));""");
    }

    private static void assertEverythingFromThePlatform() {
        assertThat(browser.loadedUrls()).isNotEmpty()
                .allMatch(url -> url.startsWith(base + "/") || url.startsWith(commandBase + "/"),
                        "loaded from the platform itself");
    }

    private static JsonNode integrity() {
        return platform.queryApi.get().uri("/api/admin/read-models/integrity").retrieve().body(JsonNode.class);
    }

    private static long lettersParkedFor(String personId) {
        JsonNode report = platform.queryApi.get().uri("/api/admin/dead-letters").retrieve().body(JsonNode.class);
        long letters = 0;
        for (JsonNode sequence : report.get("sequences")) {
            if (sequence.get("sequenceId").asText().equals(personId)) {
                letters += sequence.get("letters").size();
            }
        }
        return letters;
    }

    private static int status(RestClient api, String path) {
        return api.get().uri(path).retrieve().onStatus(HttpStatusCode::isError, (request, response) -> {
        }).toBodilessEntity().getStatusCode().value();
    }

    /** The active generation's person histories, to take a read model away behind the platform's back. */
    private static MongoCollection<Document> histories() {
        Document active = platform.readModels(mongo).getCollection("read_model_generations").find(eq("_id", "active")).first();
        int generation = active == null ? 1 : active.getInteger("generation");
        return platform.readModels(mongo).getCollection("person_histories_g" + generation);
    }
}
