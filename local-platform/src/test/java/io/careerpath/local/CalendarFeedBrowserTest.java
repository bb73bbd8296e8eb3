package io.careerpath.local;

import static io.careerpath.local.CareerpathClient.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.local.signin.DemoAccount;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The start page's "Subscribe in your calendar" block (js/index.js), in chromium: maria makes a calendar link, which
 * a calendar client (here an HTTP client with no token, and ical4j) reads with the rotate-back date of a member of the
 * team she manages; she revokes it, and the same link answers 404 at once.
 */
class CalendarFeedBrowserTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final String APOLLO = "team-apollo";
    static final String ZOE = "Zoë Soon";

    static RunningPlatform platform;
    static DashboardBrowser browser;
    static String base;
    static DemoAccount maria;
    static String zoe;

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
        maria = platform.signInServer().account("maria");
        platform.client.registerWithCareer(maria.personId(), maria.name(), APOLLO, TODAY.minusYears(3), List.of());
        // years in delivery, in a PMO role for two months: her rotate-back date is some months ahead
        zoe = platform.client.registerWithCareer(null, ZOE, APOLLO, TODAY.minusYears(6), List.of(
                event("DELIVERY_ROLE_STARTED", TODAY.minusYears(6), "projectName", "Mission control"),
                event("JOINED_PMO", TODAY.minusMonths(2), "pmoType", "EXECUTIVE", "pmoName", "Apollo office")));
    }

    @Test
    void aManagerMakesACalendarLinkThatACalendarReadsAndRevokesIt() throws Exception {
        browser.signIn(base, maria);
        browser.get(base + "/index.html");
        browser.waitForText("#calendar-feed-state", text -> text.equals("You have no calendar link."));
        assertThat(browser.find("#calendar-card").getText()).contains("Anyone who has the link can read the names and dates in it.");

        browser.find("#calendar-feed-create").click();
        browser.await().until(d -> !browser.find("#calendar-feed-url").getAttribute("value").isEmpty());
        String link = browser.find("#calendar-feed-url").getAttribute("value");
        assertThat(link).matches(base + "/calendar/[A-Za-z0-9_-]{43}\\.ics");
        browser.waitForText("#status", text -> text.startsWith("Calendar link made"));
        browser.waitForText("#calendar-feed-state", text -> text.startsWith("You have a calendar link, made "));
        assertThat(browser.find("#calendar-feed-revoke").isDisplayed()).isTrue();
        browser.find("#calendar-feed-copy").click();
        browser.waitForText("#status", text -> text.equals("Calendar link copied.") || text.startsWith("The link could not be copied"));
        browser.screenshot("calendar-link");

        HttpResponse<String> feed = read(link);
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type")).hasValue("text/calendar;charset=UTF-8");
        Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
        assertThat(calendar.validate().hasErrors()).isFalse();
        List<String> summaries = calendar.<VEvent>getComponents(Component.VEVENT).stream()
                .map(event -> event.getProperty(Property.SUMMARY).orElseThrow().getValue()).toList();
        assertThat(summaries).contains("Rotate back: " + ZOE);

        browser.find("#calendar-feed-revoke").click();
        browser.waitForText("#status", text -> text.startsWith("Calendar link revoked"));
        browser.waitForText("#calendar-feed-state", text -> text.equals("You have no calendar link."));
        assertThat(browser.find("#calendar-feed-new").isDisplayed()).isFalse();
        assertThat(read(link).statusCode()).isEqualTo(404);
        browser.assertNoConsoleErrors("the calendar link made and revoked");
    }

    /** The feed as a calendar client asks for it: no token. */
    private static HttpResponse<String> read(String link) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
