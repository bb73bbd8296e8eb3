package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.careerpath.local.signin.DemoAccount;
import io.careerpath.query.reminders.Reminder;
import io.careerpath.query.reminders.ReminderCondition;
import io.careerpath.query.reminders.RemindersRaised;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The webhooks page in a real browser, signed in through the real login form, against a real HTTP receiver in this
 * JVM: the HR administrator registers the receiver and copies its secret (shown once), sends a test event that the
 * receiver can verify with that secret, sees a reminder that failed once and was delivered at the second attempt in
 * the delivery log, and deletes the endpoint after a confirmation. A manager has no link and is told the page is not
 * hers.
 */
class DashboardWebhooksTest {

    /** Both services' contexts, to publish the reminders the daily run would raise. */
    private static final List<ConfigurableApplicationContext> CONTEXTS = new CopyOnWriteArrayList<>();

    static RunningPlatform platform;
    static DashboardBrowser browser;
    static Receiver receiver;
    static String base;
    static DemoAccount hana;
    static DemoAccount maria;

    @RegisterExtension
    @Order(1)
    static final DashboardBrowser.PerClass browserPerClass = DashboardBrowser.perClass();
    @RegisterExtension
    @Order(2)
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass(() -> RunningPlatform.start(context -> {
        CONTEXTS.add(context);
        // a retry after one second, looked for every 100 ms: the test sees the backoff without waiting 30 s
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("webhooks-test", Map.of(
                "careerpath.webhooks.poll-interval", "100ms", "careerpath.webhooks.first-retry-delay", "1s")));
    }));

    @BeforeAll
    static void start() throws IOException {
        platform = platformPerClass.get();
        browser = browserPerClass.get();
        receiver = new Receiver();
        hana = platform.signInServer().account("hana");
        maria = platform.signInServer().account("maria");
        base = platform.dashboardUrl().replaceAll("/$", "");
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void theHrAdministratorRegistersAnEndpointSendsATestAndFollowsADeliveryThatWasRetried() throws Exception {
        String grace = platform.client.register("Grace Hopper", "team-hooks");
        platform.client.awaitTimeline(grace, t -> t.get("sequence").asLong() == 0);
        signIn(hana);
        browser.get(base + "/webhooks.html");
        browser.waitForText("#status", t -> t.endsWith("registered."));
        assertThat(browser.find(".site-nav a[aria-current=page]").getText()).isEqualTo("Webhooks");

        // a bad address is refused, with what is wrong
        browser.find("#webhook-url").sendKeys("ftp://files.example.com/hooks");
        browser.find("#register-submit").click();
        browser.waitForText("#register-problem", t -> t.contains("http:// or https://"));
        assertThat(browser.find("#webhook-url").getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible("the webhooks page, an address refused");
        browser.consoleSinceLastCall(); // the refusal (400) is on the console by design

        browser.find("#webhook-url").clear();
        browser.find("#webhook-url").sendKeys(receiver.url());
        browser.find("#webhook-description").sendKeys("HRIS");
        browser.find("#register-submit").click();
        browser.waitForText("#status", t -> t.startsWith("Registered HRIS."));
        String secret = browser.find("#secret-value").getAttribute("value");
        assertThat(secret).startsWith("whsec_");
        assertThat(browser.text("#secret-panel")).contains("shown this once");
        browser.find("#secret-copy").click();
        // copied, or (where the browser keeps the clipboard from the page) selected for copying by hand; the test's
        // browser lets the page write the clipboard but not read it back
        browser.waitForText("#status", t -> t.startsWith("The secret"));
        if (!browser.text("#status").startsWith("The secret is copied")) {
            assertThat(browser.js("return document.activeElement.id")).isEqualTo("secret-value");
        }
        WebElement endpoint = browser.find("#endpoints li.endpoint");
        assertThat(endpoint.getText()).contains("HRIS", receiver.url());

        endpoint.findElement(By.cssSelector("button.test")).click();
        browser.waitForText("#endpoints .outcome", t -> !t.isBlank());
        assertThat(browser.text("#endpoints .outcome")).isEqualTo("Test event delivered: the endpoint answered HTTP 204.");
        Receiver.Request test = receiver.received().get(0);
        assertThat(json(test.body()).get("type").asText()).isEqualTo("webhook.test");
        assertSignedWith(secret, test);
        browser.waitForText("#endpoints .deliveries", t -> t.contains("Test event"));

        // the daily run raises a reminder about Grace; the receiver fails the first attempt, takes the second
        receiver.failNext(500);
        Reminder reminder = new Reminder(grace + "/ROTATE_BACK_DUE/" + LocalDate.now(ZoneOffset.UTC), grace, "team-hooks",
                ReminderCondition.ROTATE_BACK_DUE, LocalDate.now(ZoneOffset.UTC), LocalDate.now(ZoneOffset.UTC).plusMonths(2),
                0.61, null, 0, Instant.now());
        RemindersRaised raised = new RemindersRaised(LocalDate.now(ZoneOffset.UTC), List.of(reminder));
        CONTEXTS.forEach(context -> context.publishEvent(raised));
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() == 3);
        Receiver.Request delivered = receiver.received().get(2);
        assertSignedWith(secret, delivered);
        JsonNode event = json(delivered.body());
        assertThat(event.at("/reminder/personId").asText()).isEqualTo(grace);
        assertThat(delivered.body()).doesNotContain("Grace");

        endpoint.findElement(By.cssSelector("button.log")).click();
        browser.waitForText("#endpoints .deliveries", t -> t.contains("Reminder"));
        WebElement row = browser.find("#endpoints .deliveries tr[data-state=DELIVERED] a[href*='" + grace + "']")
                .findElement(By.xpath("ancestor::tr"));
        assertThat(row.getText()).contains("Reminder", "Grace Hopper", grace, "Delivered", "HTTP 500", "HTTP 204");
        browser.assertNoConsoleErrors("the webhooks page");
        browser.screenshot("webhooks");

        endpoint.findElement(By.cssSelector("button.delete")).click();
        browser.await().until(d -> browser.find("#delete-confirm").isDisplayed());
        assertThat(browser.text("#delete-dialog")).contains("HRIS", "will receive nothing more");
        browser.find("#delete-confirm").click();
        browser.waitForText("#status", t -> t.startsWith("Deleted HRIS"));
        assertThat(browser.findAll("#endpoints li")).isEmpty();
        assertThat(browser.find("#endpoints-empty").isDisplayed()).isTrue();
        browser.assertAccessible("the webhooks page, no endpoint");
    }

    @Test
    void aManagerHasNoLinkToThePageAndIsToldItIsForHrAdministrators() {
        signIn(maria);
        browser.get(base + "/webhooks.html");
        browser.await().until(d -> !browser.findAll("#problem .problem").isEmpty());
        assertThat(browser.text("#problem .problem")).contains("Webhooks are for HR administrators only");
        assertThat(browser.find("#register-card").isDisplayed()).isFalse();
        assertThat(browser.findAll(".site-nav a").stream().map(WebElement::getText)).doesNotContain("Webhooks");
        browser.assertNoConsoleErrors("the webhooks page, as a manager");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static void signIn(DemoAccount account) {
        browser.signIn(base, account);
        browser.consoleSinceLastCall();
    }

    /** As a receiver checks it: the HMAC-SHA256 of "t.body" under the secret, hex, in the v1 field. */
    private static void assertSignedWith(String secret, Receiver.Request request) throws Exception {
        String signature = request.signature();
        String t = signature.substring(2, signature.indexOf(','));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(signature).endsWith(",v1=" + expected);
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real HTTP server standing for the receiving system: records each request, fails those it is told to. */
    static final class Receiver implements AutoCloseable {

        record Request(String signature, String body) {
        }

        private final HttpServer server;
        private final List<Request> received = new CopyOnWriteArrayList<>();
        private final Deque<Integer> failures = new ArrayDeque<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hooks", exchange -> {
                received.add(new Request(exchange.getRequestHeaders().getFirst("Careerpath-Signature"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                Integer failure;
                synchronized (failures) {
                    failure = failures.poll();
                }
                exchange.sendResponseHeaders(failure == null ? 204 : failure, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/careerpath";
        }

        void failNext(int status) {
            synchronized (failures) {
                failures.add(status);
            }
        }

        List<Request> received() {
            return List.copyOf(received);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
