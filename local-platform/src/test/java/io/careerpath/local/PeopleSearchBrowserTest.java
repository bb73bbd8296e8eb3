package io.careerpath.local;

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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Finding people by name in the header's search box (js/people-search.js), as each role, in chromium: a manager
 * finds a member of her team from two letters of a surname typed in another case and without its accent, and
 * nobody of another team; an employee finds only herself; a PMO lead finds everyone; the list is a keyboard-operable
 * combobox (ArrowDown, Enter opens the career); the start page opens a career from a pasted person id; it fits a phone.
 *
 * <p>The cast: the demo accounts as people (erin and maria in team-apollo, which maria manages), Zoë Ångström-Wirth
 * in team-apollo and Zoltan Zorić in team-gemini: both answer to "zo".
 */
class PeopleSearchBrowserTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final String APOLLO = "team-apollo";
    static final String GEMINI = "team-gemini";
    static final String ZOE = "Zoë Ångström-Wirth";
    static final String ZOLTAN = "Zoltan Zorić";

    static RunningPlatform platform;
    static DashboardBrowser browser;
    static String base;
    static DemoAccount erin;
    static DemoAccount maria;
    static DemoAccount paul;
    static String zoe;
    static String zoltan;

    @RegisterExtension
    @Order(1)
    static final DashboardBrowser.PerClass browserPerClass = DashboardBrowser.perClass();
    @RegisterExtension
    @Order(2)
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
        browser = browserPerClass.get();
        base = platform.dashboardUrl().replaceAll("/$", "");
        erin = platform.signInServer().account("erin");
        maria = platform.signInServer().account("maria");
        paul = platform.signInServer().account("paul");
        LocalDate start = TODAY.minusYears(3);
        person(erin.personId(), erin.name(), APOLLO, start);
        person(maria.personId(), maria.name(), APOLLO, start);
        person(paul.personId(), paul.name(), "team-pmo", start);
        zoe = person(null, ZOE, APOLLO, start);
        platform.client.record(zoe, Map.of("type", "JOINED_PMO", "effectiveDate", start.plusMonths(6).toString(),
                "pmoType", "PROGRAM", "pmoName", "Apollo program office"));
        platform.client.awaitTimeline(zoe, t -> t.get("sequence").asLong() >= 1);
        zoltan = person(null, ZOLTAN, GEMINI, start);
        // the name index follows the projection: wait until everyone is found
        browser.await().until(d -> found("zo").containsAll(List.of(zoe, zoltan)));
    }

    @BeforeEach
    void desktop() {
        browser.resize(DashboardBrowser.DESKTOP);
    }

    @Test
    void aManagerFindsHerTeamsMemberFromTwoLettersOfTheSurnameInAnotherCaseWithoutAccents() {
        signIn(maria);
        browser.get(base + "/index.html");

        type("aN");
        assertThat(awaitOptions()).containsExactly(ZOE);
        assertThat(browser.find("#people-search-option-0 .detail").getText())
                .isEqualTo("Apollo · Program PMO since " + formatted(TODAY.minusYears(3).plusMonths(6)));
        WebElement input = browser.find("#people-search-input");
        assertThat(input.getAttribute("role")).isEqualTo("combobox");
        assertThat(input.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(input.getAttribute("aria-controls")).isEqualTo("people-search-list");
        assertThat(browser.find("#people-search-list").getAttribute("role")).isEqualTo("listbox");
        assertThat(browser.find("#people-search-option-0").getSize().height).as("a touch target").isGreaterThanOrEqualTo(24);
        browser.screenshot("search");

        // "zo" also starts Zoltan's name, but he is in another team
        type("zo");
        assertThat(awaitOptions()).containsExactly(ZOE);
        type("zoltan");
        browser.waitForText("#people-search-note", note -> note.equals("No one found for “zoltan”."));
        assertThat(input.getAttribute("aria-expanded")).isEqualTo("false");
        browser.assertNoConsoleErrors("the search as a manager");
    }

    @Test
    void anEmployeeFindsOnlyHerself() {
        signIn(erin);
        browser.get(base + "/career.html?person=" + erin.personId());
        browser.waitForText("#status", t -> t.startsWith("Showing " + erin.name()));

        type("EMPLO");
        assertThat(awaitOptions()).containsExactly(erin.name());
        type("zo");
        browser.waitForText("#people-search-note", note -> note.startsWith("No one found"));
        type("maria");
        browser.waitForText("#people-search-note", note -> note.startsWith("No one found"));
        browser.assertNoConsoleErrors("the search as an employee");
    }

    @Test
    void aPmoLeadFindsEveryoneInNaturalOrder() {
        signIn(paul);
        browser.get(base + "/index.html");

        type("ZO");
        assertThat(awaitOptions()).containsExactly(ZOE, ZOLTAN);
        type("zoric");
        assertThat(awaitOptions()).containsExactly(ZOLTAN);
        browser.assertNoConsoleErrors("the search as a PMO lead");
    }

    @Test
    void byKeyboardAloneArrowDownAndEnterOpenTheCareer() {
        signIn(maria);
        browser.get(base + "/team.html?team=" + APOLLO);

        WebElement input = browser.find("#people-search-input");
        input.click();
        type("wirth");
        awaitOptions();
        input.sendKeys(Keys.ARROW_DOWN);
        assertThat(input.getAttribute("aria-activedescendant")).isEqualTo("people-search-option-0");
        assertThat(browser.find("#people-search-option-0").getAttribute("aria-selected")).isEqualTo("true");
        input.sendKeys(Keys.ESCAPE);
        assertThat(input.getAttribute("aria-expanded")).isEqualTo("false");
        input.sendKeys(Keys.ARROW_DOWN);
        input.sendKeys(Keys.ENTER);

        browser.await().until(d -> String.valueOf(browser.js("return location.href")).endsWith("/career.html?person=" + zoe));
        browser.waitForText("#status", t -> t.startsWith("Showing " + ZOE));
        browser.assertNoConsoleErrors("a career opened from the search");
    }

    @Test
    void theStartPageOpensACareerFromANameOrAPastedPersonId() {
        signIn(maria);
        browser.get(base + "/index.html");

        WebElement start = browser.find("#start-search-input");
        assertThat(browser.find("label[for=start-search-input]").getText()).isEqualTo("Find a person");
        start.sendKeys("  " + zoe.toUpperCase() + " ");
        browser.waitForText("#start-search-note", note -> note.contains("person id"));
        start.sendKeys(Keys.ENTER);
        browser.waitForText("#status", t -> t.startsWith("Showing " + ZOE));
        browser.assertNoConsoleErrors("a career opened from a pasted id");
    }

    @Test
    void onAPhoneTheListFitsTheScreen() {
        signIn(paul);
        browser.resize(new Dimension(390, 844));
        browser.get(base + "/index.html");

        type("zo");
        assertThat(awaitOptions()).containsExactly(ZOE, ZOLTAN);
        assertThat(((Number) browser.js("return document.documentElement.scrollWidth")).intValue())
                .as("no sideways scrolling").isLessThanOrEqualTo(390);
        Map<?, ?> list = (Map<?, ?>) browser.js("const r = document.getElementById('people-search-list').getBoundingClientRect();"
                + " return {left: r.left, right: r.right};");
        assertThat(((Number) list.get("left")).doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(((Number) list.get("right")).doubleValue()).isLessThanOrEqualTo(390);
        assertThat(browser.find("#people-search-input").getSize().height).isGreaterThanOrEqualTo(24);
        browser.screenshot("search-narrow");
        browser.assertNoConsoleErrors("the search on a phone");
    }

    // ---------------------------------------------------------------------------------------------

    private static void signIn(DemoAccount account) {
        browser.signIn(base, account);
        browser.consoleSinceLastCall();
    }

    /** Replaces what the header's search box holds by the text, as typed. */
    private static void type(String text) {
        WebElement input = browser.find("#people-search-input");
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }

    /** The names the list offers, once it offers some. */
    private static List<String> awaitOptions() {
        browser.await().withMessage(() -> "no list; the note says: " + browser.text("#people-search-note"))
                .until(d -> !browser.findAll("#people-search-list [role=option]").isEmpty()
                        && browser.find("#people-search-list").isDisplayed()
                        && !browser.text("#people-search-note").isEmpty());
        return browser.findAll("#people-search-list [role=option] .name").stream().map(WebElement::getText).toList();
    }

    private static String formatted(LocalDate day) {
        return String.valueOf(browser.js("return new Intl.DateTimeFormat('en-GB', {timeZone: 'UTC', day: 'numeric',"
                + " month: 'short', year: 'numeric'}).format(new Date(arguments[0] + 'T00:00:00Z'))", day.toString()));
    }

    /** The ids the HR administrator's search finds (through the API). */
    private static List<String> found(String q) {
        JsonNode answer = platform.queryApi.get().uri(uri -> uri.path("/api/people").queryParam("q", q).build())
                .retrieve().body(JsonNode.class);
        return java.util.stream.StreamSupport.stream(answer.get("people").spliterator(), false)
                .map(person -> person.get("personId").asText()).toList();
    }

    private static String person(String personId, String name, String team, LocalDate since) {
        return platform.client.registerWithCareer(personId, name, team, since, List.of());
    }
}
