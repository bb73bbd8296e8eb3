package io.careerpath.local;

import static io.careerpath.local.CareerpathClient.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.local.signin.DemoAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The notifications in the dashboards (the header's Notifications link, notifications.html, GET /api/notifications) in a
 * real browser: a manager is told nothing while her team member's rotate-back date is far, and exactly once when the
 * platform's clock reaches the warning window; the header counts it, the page lists it by the person's name, its link
 * opens the career, and marking it read takes the count back to none.
 *
 * <p>The cast: in team-apollo (maria's) "Ada Away", long a delivery lead, in an organizational PMO for a month.
 */
class NotificationsBrowserTest {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final SettableClock clock = new SettableClock(morningOf(TODAY));

    static RunningPlatform platform;
    static DashboardBrowser browser;
    static String base;
    static DemoAccount maria;
    static String ada;

    @RegisterExtension
    @Order(1)
    static final DashboardBrowser.PerClass browserPerClass = DashboardBrowser.perClass();
    @RegisterExtension
    @Order(2)
    static final RunningPlatform.PerClass platformPerClass =
            RunningPlatform.perClass(() -> RunningPlatform.startWithClock(clock));

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
        maria = platform.signInServer().account("maria");
        base = platform.dashboardUrl().replaceAll("/$", "");
        browser = browserPerClass.get();
        platform.client.registerWithCareer(maria.personId(), maria.name(), "team-apollo", TODAY.minusYears(10), List.of());
        ada = platform.client.registerWithCareer(null, "Ada Away", "team-apollo", TODAY.minusYears(10), List.of(
                event("DELIVERY_ROLE_STARTED", TODAY.minusYears(10), "projectName", "Mission control"),
                event("JOINED_PMO", TODAY.minusMonths(1), "pmoType", "ORGANIZATIONAL", "pmoName", "Enterprise PMO")));
    }

    @Test
    void aManagerIsToldOnceWhenHerMembersRotateBackDateComesNearAndMarksItRead() {
        LocalDate rotateBackBy = LocalDate.parse(platform.queryApi.get().uri("/api/people/{id}/skills", ada).retrieve()
                .body(JsonNode.class).get("rotateBackBy").asText());
        assertThat(rotateBackBy).as("Ada's rotate-back date, beyond the 3 months' warning window today")
                .isAfter(TODAY.plusMonths(4));

        // signed in (the platform knows her account from here on), nothing to be told yet: the link has no count
        browser.signIn(base, maria);
        browser.get(base + "/index.html");
        awaitUnread("0");
        assertThat(browser.find("#nav-notifications").getAccessibleName()).isEqualTo("Notifications");
        assertThat(browser.findAll("#unread-badge")).isEmpty();
        runReminders();
        assertThat(notifications()).isEmpty();

        // a month before the date: inside the window
        clock.set(morningOf(rotateBackBy.minusMonths(1)));
        runReminders();
        // (run here, or by the platform's own catch-up at start had it not yet run: then it finishes there)
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> notifications().size() == 1);
        browser.get(base + "/index.html");
        awaitUnread("1");
        assertThat(browser.text("#unread-badge")).isEqualTo("1");
        assertThat(browser.find("#nav-notifications").getAccessibleName()).isEqualTo("Notifications, 1 unread");

        browser.find("#nav-notifications").click();
        browser.waitForScripts();
        awaitList("Showing 1 notification, 1 unread.");
        JsonNode notification = notifications().get(0);
        assertThat(notification.get("condition").asText()).isEqualTo("ROTATE_BACK_DUE");
        WebElement item = browser.find("#notifications li[data-person='" + ada + "']");
        assertThat(item.getAttribute("class")).contains("unread");
        assertThat(browser.js("return arguments[0].textContent", item.findElement(By.cssSelector("h3"))))
                .isEqualTo("Unread ◷ Rotate-back date near: Ada Away");
        assertThat(item.getText()).contains(notification.get("words").asText());
        assertThat(browser.find(".site-nav a[aria-current=page]").getAttribute("id")).isEqualTo("nav-notifications");
        assertThat(item.findElement(By.cssSelector("a.attention-link")).getAttribute("href"))
                .endsWith("/attention.html?team=team-apollo");
        browser.screenshot("notifications");

        // on a phone: no sideways scrolling
        browser.resize(new Dimension(390, 844));
        browser.await().until(d -> ((Number) browser.js("return document.documentElement.scrollWidth")).intValue() <= 390);
        browser.screenshot("notifications-narrow");
        browser.resize(DashboardBrowser.DESKTOP);

        // the person's name leads to her career
        browser.find("#notifications li[data-person='" + ada + "'] a.career-link").click();
        browser.waitForScripts();
        browser.waitForText("#status", t -> t.startsWith("Showing Ada Away"));
        assertThat((String) browser.js("return location.search")).isEqualTo("?person=" + ada);
        browser.driver.navigate().back();
        browser.waitForScripts();
        awaitList("Showing 1 notification, 1 unread.");

        // marked read: no count in the header, the item no longer marked, the keyboard kept on the list
        browser.find("#notifications li[data-person='" + ada + "'] button.mark-read").click();
        awaitUnread("0");
        awaitList("Marked as read.");
        assertThat(browser.findAll("#notifications li.unread")).isEmpty();
        assertThat(browser.findAll("#unread-badge")).isEmpty();
        assertThat(browser.find("#nav-notifications").getAccessibleName()).isEqualTo("Notifications");
        assertThat((String) browser.js("return document.activeElement.id")).isEqualTo("list-heading");
        assertThat(platform.queryApiAs("maria").get().uri("/api/notifications/unread-count").retrieve()
                .body(JsonNode.class).get("unread").asInt()).isZero();

        // once per crossing: the same day again, and the next day, tell nothing new
        runReminders();
        clock.set(morningOf(rotateBackBy.minusMonths(1).plusDays(1)));
        runReminders();
        assertThat(notifications()).hasSize(1);

        // unread only: the empty state says what notifications are
        browser.find("#unread-only").click();
        awaitList("Showing 0 notifications.");
        assertThat((String) browser.js("return location.search")).isEqualTo("?unread=true");
        assertThat(browser.find("#empty").isDisplayed()).isTrue();
        assertThat(browser.text("#empty")).startsWith("No unread notifications.")
                .contains("when a rotate-back date comes within 3 months");
        browser.assertNoConsoleErrors("the notifications page");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static Instant morningOf(LocalDate day) {
        return day.atTime(LocalTime.of(9, 0)).toInstant(ZoneOffset.UTC);
    }

    /** Today's evaluation, as the HR administrator starts it (the daily run's work, on demand). */
    private static void runReminders() {
        platform.queryApi.post().uri("/api/admin/reminders/run").retrieve().toBodilessEntity();
    }

    private static JsonNode notifications() {
        return platform.queryApiAs("maria").get().uri("/api/notifications").retrieve().body(JsonNode.class).get("notifications");
    }

    /** The header has asked for the unread count and shows {@code count}. */
    private static void awaitUnread(String count) {
        browser.await().withMessage(() -> "the header never showed " + count + " unread")
                .until(d -> count.equals(browser.find("#nav-notifications").getAttribute("data-unread")));
    }

    private static void awaitList(String status) {
        browser.waitForText("#status", t -> t.equals(status));
    }
}
