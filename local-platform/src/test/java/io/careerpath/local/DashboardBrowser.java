package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.local.signin.DemoAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the dashboard tests: Debian's {@code chromium} driven by Debian's
 * {@code chromium-driver}, both named by path so that Selenium Manager never looks for (or
 * downloads) anything; headless, at 1280×800, with a fresh profile under {@code target/}.
 *
 * <p>Without chromium the tests cannot run: under CI ({@code CI=true}) that fails the run, on a
 * developer's machine the tests are skipped with the reason, never silently.
 */
final class DashboardBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("careerpath.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("careerpath.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Dimension DESKTOP = new Dimension(1280, 800);

    static final Duration PATIENCE = Duration.ofSeconds(30);

    final ChromeDriver driver;
    private final List<LogEntry> console = new ArrayList<>();
    /** Content-Security-Policy violations the console reported and no check has failed on yet. */
    private final List<String> policyViolations = new ArrayList<>();

    private DashboardBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A fresh wait each time: a message set on one must not label the next one's failure. */
    WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100));
        // a page that navigates away (signing in, coming back) replaces its elements and its scripts' context
        wait.ignoring(StaleElementReferenceException.class).ignoring(JavascriptException.class);
        return wait;
    }

    private static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private static String missing() {
        return "The browser tests need Debian's chromium and chromium-driver at " + CHROMIUM + " and "
                + CHROMEDRIVER + " (apt-get install chromium chromium-driver)";
    }

    private static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Fails (CI) or aborts (developer machine) when chromium or its driver is missing. */
    static void requireChromium() {
        if (installed()) {
            return;
        }
        if (underCi()) {
            throw new IllegalStateException(missing() + ". .ci/run installs them.");
        }
        Assumptions.abort(missing());
    }

    /**
     * On a developer's machine without chromium, the browser tests are reported as skipped, each
     * with the reason; under CI they run (and fail in {@link #requireChromium()}).
     */
    static final class Required implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return installed() || underCi()
                    ? ConditionEvaluationResult.enabled("chromium and chromium-driver are installed, or CI must have them")
                    : ConditionEvaluationResult.disabled(missing());
        }
    }

    /**
     * A browser for a whole test class: register it with {@code @RegisterExtension static}. The class is skipped
     * (reported with the reason) on a developer's machine without chromium, and fails under CI; otherwise a
     * browser opens at the desktop size before the class's {@code @BeforeAll} methods (which can take it with
     * {@link PerClass#get()}), a failed test leaves a screenshot, a test fails when the page it ends on does not
     * pass axe-core ({@link #assertAccessible(String)}; so does each {@link #screenshot(String)}) or when a page
     * reported a Content-Security-Policy violation on the console (docs/security.md), and the browser is closed
     * after the class.
     */
    static PerClass perClass() {
        return new PerClass();
    }

    /** Opens a browser before a test class and closes it after the class (see {@link #perClass()}). */
    static final class PerClass implements ExecutionCondition, org.junit.jupiter.api.extension.BeforeAllCallback,
            org.junit.jupiter.api.extension.AfterAllCallback, org.junit.jupiter.api.extension.AfterEachCallback,
            TestWatcher {
        private DashboardBrowser browser;

        private PerClass() {
        }

        /** The open browser; only from the class's {@code @BeforeAll} methods on. */
        DashboardBrowser get() {
            if (browser == null) {
                throw new IllegalStateException("The browser opens before the test class's @BeforeAll methods");
            }
            return browser;
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return new Required().evaluateExecutionCondition(context);
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            browser = open();
            browser.resize(DESKTOP);
        }

        /**
         * Before the class's {@code @AfterEach} methods see the test as passed: the page it ended on must pass
         * axe-core (see {@link #assertAccessible(String)}), and a policy violation on the way fails it.
         */
        @Override
        public void afterEach(ExtensionContext context) {
            if (browser == null) {
                return;
            }
            String where = context.getDisplayName();
            AssertionError inaccessible = null;
            if (context.getExecutionException().isEmpty()) { // a failed test's page says nothing more
                try {
                    browser.assertAccessible("the page " + where + " ended on");
                } catch (AssertionError e) {
                    inaccessible = e;
                }
            }
            try {
                // also after axe ran: injecting it must not break the page's policy either
                browser.assertNoPolicyViolations(where);
            } catch (AssertionError e) {
                if (inaccessible != null) {
                    e.addSuppressed(inaccessible);
                }
                throw e;
            }
            if (inaccessible != null) {
                throw inaccessible;
            }
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.capture("failed-" + context.getRequiredTestMethod().getName());
            }
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (browser != null) {
                browser.close();
                browser = null;
            }
        }
    }

    static DashboardBrowser open() {
        requireChromium();
        // Selenium Manager is only consulted when a path is missing; make sure it would not go online either
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            Path target = Files.createDirectories(Path.of("target"));
            Path profile = Files.createTempDirectory(target, "chromium-profile-");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .withLogFile(target.resolve("chromedriver.log").toFile())
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                    "--lang=en-GB", "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
                    "--user-data-dir=" + profile.toAbsolutePath());
            LoggingPreferences logging = new LoggingPreferences();
            logging.enable(LogType.BROWSER, Level.ALL);
            options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
            return new DashboardBrowser(new ChromeDriver(service, options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- navigation and waiting -----------------------------------------------------------------

    void get(String url) {
        driver.get(url);
        waitForScripts();
    }

    /**
     * The page has loaded and its module is past signing in: the header is drawn (every page draws it
     * once it knows who is signed in, and wires its forms in the same step), or a problem is shown.
     */
    void waitForScripts() {
        await().withMessage(() -> "the page never got past signing in; at " + driver.getCurrentUrl())
                .until(d -> Boolean.TRUE.equals(js("""
                        if (document.readyState !== 'complete') return false;
                        const header = document.getElementById('site-header');
                        const problem = document.getElementById('problem');
                        return !header || header.children.length > 0 || !!(problem && problem.children.length);""")));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    /** What the page shows as text (document.body.innerText): closed disclosures and hidden parts left out. */
    String bodyText() {
        return (String) js("return document.body.innerText");
    }

    void waitForText(String css, Predicate<String> condition) {
        await().withMessage(() -> "text of " + css + " never satisfied the condition; it was: "
                        + (findAll(css).isEmpty() ? "(no such element)" : findAll(css).get(0).getText()))
                .until(d -> !findAll(css).isEmpty() && condition.test(findAll(css).get(0).getText()));
    }

    Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    // ---- signing in ---------------------------------------------------------------------------

    /**
     * Signs in as {@code username} through the sign-in server's real login form and lands on the
     * dashboards' start page ({@code dashboard}: the dashboards' origin, e.g. {@code http://127.0.0.1:8081}).
     * Someone else signed in is signed out first (a fresh session: the tab's tokens and every cookie,
     * the sign-in server's session included); the same account still signed in is kept.
     */
    void signIn(String dashboard, String username, String password) {
        String start = dashboard.replaceAll("/+$", "") + "/index.html";
        driver.get(start);
        awaitStartOrLoginForm();
        if (username.equals(signedInAs())) {
            waitForSignedInPage();
            return;
        }
        if (onDashboard(start)) {
            forgetSession();
            driver.get(start);
            awaitStartOrLoginForm();
        }
        if (!findAll("#sign-in").isEmpty() && find("#sign-in").isDisplayed()) {
            find("#sign-in").click(); // the start page after signing out waits to be asked
        }
        await().withMessage(() -> "the sign-in server's login form never showed; at " + driver.getCurrentUrl())
                .until(d -> !findAll("#username").isEmpty() && !findAll("#password").isEmpty());
        submitLoginForm(username, password);
        await().withMessage(() -> "never came back signed in as " + username + " to the dashboards; at "
                        + driver.getCurrentUrl() + ": " + pageText())
                .until(d -> onDashboard(start) && !d.getCurrentUrl().contains("/signed-in.html")
                        && username.equals(signedInAs()));
        waitForSignedInPage();
    }

    /** Fills in and sends the sign-in server's login form (showing). */
    void submitLoginForm(String username, String password) {
        find("#username").clear();
        find("#username").sendKeys(username);
        find("#password").clear();
        find("#password").sendKeys(password);
        find("button[type=submit], input[type=submit]").click();
    }

    /**
     * Starts a sign-in from nobody signed in (no tokens in this tab, no session at the sign-in server) and
     * stops at the sign-in server's login form; there, runs {@code script} on the dashboards' origin, where
     * this tab keeps its sign-in requests (js/auth.js: oidc-client-ts's {@code careerpath.signin.<state>} in
     * sessionStorage, with {@code nonce}, {@code code_verifier} and {@code data}, where to go back to), and
     * comes back to the login form. The script finds the one request this tab keeps as {@code key}.
     * Answers what the script answered.
     */
    Object atLoginFormOnTheDashboards(String dashboard, String script) {
        String origin = dashboard.replaceAll("/+$", "");
        String noSignIn = origin + "/css/app.css"; // a page of the dashboards' origin that starts no sign-in
        driver.get(noSignIn);
        forgetSession();
        driver.get(origin + "/index.html");
        await().withMessage(() -> "the sign-in server's login form never showed; at " + driver.getCurrentUrl())
                .until(d -> !findAll("#username").isEmpty());
        String loginForm = driver.getCurrentUrl();
        driver.get(noSignIn);
        Object answer = js("""
                const keys = Object.keys(sessionStorage).filter(k => k.startsWith('careerpath.signin.'));
                if (keys.length !== 1) throw new Error('expected the one sign-in request, found ' + keys);
                const key = keys[0];
                """ + script);
        driver.get(loginForm);
        await().until(d -> !findAll("#username").isEmpty());
        return answer;
    }

    /** Signs in as one of the single-machine demo accounts (demo-accounts.yml), with its published password. */
    void signIn(String dashboard, DemoAccount account) {
        signIn(dashboard, account.username(), account.plainPassword());
    }

    /** Signs out with the page header's "Sign out" (at the sign-in server too) and waits for the start page to say so. */
    void signOut() {
        await().withMessage("no Sign out control on " + driver.getCurrentUrl())
                .until(d -> !findAll("#sign-out").isEmpty() && find("#sign-out").isDisplayed());
        find("#sign-out").click();
        await().withMessage(() -> "the start page never said the sign-out; at " + driver.getCurrentUrl() + ": " + pageText())
                .until(d -> !findAll("#signed-out").isEmpty() && find("#signed-out").isDisplayed());
        waitForScripts();
    }

    /**
     * This tab's signed-in user as the sign-in library keeps it on the dashboards' origin (js/auth.js:
     * oidc-client-ts's {@code careerpath.user:<issuer>:<client id>} in sessionStorage, with
     * {@code access_token}, {@code id_token}, {@code expires_at} in seconds and {@code profile}), as a script expression.
     */
    static final String USER_KEY = "Object.keys(sessionStorage).find(k => k.startsWith('careerpath.user:'))";

    /**
     * The account (its {@code sub}) whose unexpired access token this tab holds on the dashboards'
     * origin, or null (another origin, nobody signed in, or the token expired).
     */
    String signedInAs() {
        Object sub = js("""
                try {
                  const s = JSON.parse(sessionStorage.getItem(%s) || 'null');
                  if (!s || !s.access_token || !(s.expires_at * 1000 - 30000 > Date.now())) return null;
                  const part = s.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
                  return JSON.parse(atob(part + '='.repeat((4 - part.length %% 4) %% 4))).sub || null;
                } catch (e) { return null; }""".formatted(USER_KEY));
        return sub == null ? null : sub.toString();
    }

    /** The access token this tab holds (for checking what the pages send), or null. */
    String accessToken() {
        Object token = js("try { return JSON.parse(sessionStorage.getItem(" + USER_KEY + ") || 'null').access_token; }"
                + " catch (e) { return null; }");
        return token == null ? null : token.toString();
    }

    /** Changes this tab's signed-in user ({@code u} in {@code change}, a script; see {@link #USER_KEY}). */
    void changeSession(String change) {
        js("const k = " + USER_KEY + "; const u = JSON.parse(sessionStorage.getItem(k)); " + change
                + "; sessionStorage.setItem(k, JSON.stringify(u));");
    }

    /** Forgets every sign-in: this tab's tokens on the current origin, and all cookies (the sign-in server's session). */
    void forgetSession() {
        js("try { sessionStorage.clear(); } catch (e) {}");
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    private boolean onDashboard(String start) {
        String origin = start.substring(0, start.indexOf('/', "http://".length() + 1));
        return driver.getCurrentUrl().startsWith(origin + "/");
    }

    /** Either a dashboard page (signed in or signed out) or the sign-in server's login form is showing. */
    private void awaitStartOrLoginForm() {
        await().withMessage(() -> "neither the dashboards nor the login form showed; at " + driver.getCurrentUrl())
                .until(d -> "complete".equals(js("return document.readyState"))
                        && (!findAll("#username").isEmpty() || !findAll("#account").isEmpty()
                        || (!findAll("#sign-in").isEmpty() && find("#sign-in").isDisplayed())));
    }

    private void waitForSignedInPage() {
        await().withMessage(() -> "the page never showed who is signed in; at " + driver.getCurrentUrl())
                .until(d -> "complete".equals(js("return document.readyState")) && !findAll("#account-name").isEmpty());
    }

    private String pageText() {
        try {
            String text = driver.findElement(By.tagName("body")).getText();
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        } catch (RuntimeException e) {
            return "(no page)";
        }
    }

    // ---- charts ------------------------------------------------------------------------------

    /**
     * What the ECharts instance in the element draws: its series (name, type, number of data
     * items), the names of its data items, and how many pixels of its canvas are painted in colour
     * (the data, not just grey axes and black text).
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> chart(String elementId) {
        return (Map<String, Object>) js("""
                const el = document.getElementById(arguments[0]);
                const chart = el && window.echarts && echarts.getInstanceByDom(el);
                if (!chart) return null;
                const option = chart.getOption();
                const series = (option.series || []).map(s => ({
                  name: String(s.name || ''), type: s.type, points: (s.data || []).length,
                  names: (s.data || []).map(d => (d && d.name) ? String(d.name) : '').filter(n => n)
                }));
                let coloured = 0;
                const canvas = el.querySelector('canvas');
                if (canvas && canvas.width > 0 && canvas.height > 0) {
                  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                  for (let i = 0; i < pixels.length; i += 16) {
                    const r = pixels[i], g = pixels[i + 1], b = pixels[i + 2], a = pixels[i + 3];
                    if (a > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
                  }
                }
                return { series, coloured, width: canvas ? canvas.width : 0, height: canvas ? canvas.height : 0,
                         label: el.getAttribute('aria-label') || '' };
                """, elementId);
    }

    /** Waits until the chart has data and has painted it, and returns what it drew. */
    @SuppressWarnings("unchecked")
    Map<String, Object> awaitChartDrawn(String elementId, Predicate<Map<String, Object>> also) {
        Map<String, Object>[] last = new Map[1];
        await().withMessage(() -> "chart #" + elementId + " never drew its data; last seen: " + last[0])
                .until(d -> {
                    last[0] = chart(elementId);
                    if (last[0] == null) {
                        return false;
                    }
                    List<Map<String, Object>> series = (List<Map<String, Object>>) last[0].get("series");
                    long points = series.stream().mapToLong(s -> ((Number) s.get("points")).longValue()).sum();
                    // axes, grid and text are grey or black: coloured pixels are the data itself
                    return points > 0 && ((Number) last[0].get("coloured")).longValue() >= 5 && also.test(last[0]);
                });
        return last[0];
    }

    Map<String, Object> awaitChartDrawn(String elementId) {
        return awaitChartDrawn(elementId, c -> true);
    }

    @SuppressWarnings("unchecked")
    static List<String> dataNames(Map<String, Object> chart) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> series : (List<Map<String, Object>>) chart.get("series")) {
            names.addAll((List<String>) series.get("names"));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static List<String> seriesNames(Map<String, Object> chart) {
        return ((List<Map<String, Object>>) chart.get("series")).stream().map(s -> (String) s.get("name")).toList();
    }

    // ---- what the page loaded, and what it said on the console ----------------------------------

    /** Every URL the page loaded (document, scripts, styles, images, fetches). */
    @SuppressWarnings("unchecked")
    List<String> loadedUrls() {
        return (List<String>) js("return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name))");
    }

    /** Console messages since the last call (the browser hands each out once; they are kept here too). */
    List<LogEntry> consoleSinceLastCall() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        console.addAll(entries);
        entries.stream().map(LogEntry::getMessage).filter(DashboardBrowser::isPolicyViolation).forEach(policyViolations::add);
        return entries;
    }

    /**
     * Chromium reports every blocked script, style, image, connection, form or frame on the console
     * ("Refused to … because it violates the following Content Security Policy directive: …").
     */
    static boolean isPolicyViolation(String message) {
        return message != null && message.contains("Content Security Policy");
    }

    /** Fails when a page reported a Content-Security-Policy violation since the last check (each is reported once). */
    void assertNoPolicyViolations(String where) {
        consoleSinceLastCall();
        List<String> violations = List.copyOf(policyViolations);
        policyViolations.clear();
        assertThat(violations).as("Content-Security-Policy violations reported on the console during %s", where).isEmpty();
    }

    void assertNoConsoleErrors(String page) {
        List<String> severe = consoleSinceLastCall().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertThat(severe).as("console errors on %s", page).isEmpty();
    }

    // ---- accessibility -------------------------------------------------------------------------

    /** axe-core, vendored under src/test/resources/axe/ (its README: version, licence, checksum). */
    static final String AXE_VERSION = "4.14.1";
    /** WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices. */
    static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice");
    private static final String AXE_SOURCE = testResource("/axe/axe.min.js");
    private static final int TARGETS_SHOWN = 3;

    /**
     * Runs axe-core ({@value #AXE_VERSION}, rules {@link #AXE_TAGS}) on the page showing, at the window's current
     * size, and fails listing every violation: its rule, impact, what it asks for, and the first elements it
     * found (selector and HTML). Every browser test runs it on each screenshot and on the page it ends on
     * ({@link PerClass}); call it for any other state worth checking. Anything but an HTML page (a style sheet
     * shown as text, {@code about:blank}) has nothing to check.
     */
    void assertAccessible(String state) {
        List<Map<String, Object>> violations = accessibilityViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError(describe(violations, state));
        }
    }

    /**
     * axe-core's violations on the page showing, each with {@code id}, {@code impact}, {@code help},
     * {@code helpUrl}, {@code count} (elements) and {@code nodes} (the first few: {@code target}, {@code html},
     * {@code summary}). WebDriver's scripts run outside the page's Content-Security-Policy, so axe is injected
     * as text; the page itself still loads nothing but its own scripts.
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> accessibilityViolations() {
        await().withMessage(() -> "the page never finished loading for axe; at " + driver.getCurrentUrl())
                .until(d -> "complete".equals(js("return document.readyState")));
        if (!Boolean.TRUE.equals(js("return document.contentType === 'text/html' && !!document.body"))) {
            return List.of();
        }
        if (!Boolean.TRUE.equals(js("return !!(window.axe && window.axe.run)"))) {
            js(AXE_SOURCE);
        }
        Object result = driver.executeAsyncScript("""
                const [tags, shown, done] = arguments;
                axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
                  .then(r => done({ violations: r.violations.map(v => ({
                      id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl, count: v.nodes.length,
                      nodes: v.nodes.slice(0, shown).map(n => ({
                        target: n.target.map(String).join(' '), html: n.html.slice(0, 300),
                        summary: n.failureSummary || '' })) })) }),
                        e => done({ error: String(e && e.stack || e) }));""", AXE_TAGS, TARGETS_SHOWN);
        Map<String, Object> answer = (Map<String, Object>) result;
        if (answer == null || answer.containsKey("error")) {
            throw new AssertionError("axe-core could not check " + driver.getCurrentUrl() + ": "
                    + (answer == null ? "no answer" : answer.get("error")));
        }
        return (List<Map<String, Object>>) answer.get("violations");
    }

    @SuppressWarnings("unchecked")
    private String describe(List<Map<String, Object>> violations, String state) {
        Dimension size = driver.manage().window().getSize();
        StringBuilder message = new StringBuilder("axe-core %s found %d accessibility violation(s) on %s at %d×%d (%s):"
                .formatted(AXE_VERSION, violations.size(), state, size.width, size.height, driver.getCurrentUrl()));
        for (Map<String, Object> violation : violations) {
            message.append("\n- ").append(violation.get("id")).append(" (").append(violation.get("impact")).append("): ")
                    .append(violation.get("help")).append(", ").append(violation.get("count")).append(" element(s); ")
                    .append(violation.get("helpUrl"));
            for (Map<String, Object> node : (List<Map<String, Object>>) violation.get("nodes")) {
                message.append("\n    ").append(node.get("target")).append("  ").append(node.get("html"))
                        .append("\n      ").append(String.valueOf(node.get("summary")).replace("\n", "\n      "));
            }
        }
        return message.toString();
    }

    private static String testResource(String name) {
        try (InputStream in = DashboardBrowser.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- screenshots -------------------------------------------------------------------------

    /** The screenshots docs/dashboards.md shows (docs/images/dashboard-{name}.png). */
    static final Set<String> FOR_THE_DOCS = Set.of("start", "career-what-if", "team", "record", "record-invalid",
            "team-narrow", "data-health", "attention", "search", "calendar-link", "webhooks", "notifications", "plan",
            "plan-drift");

    /**
     * The whole page (not just the window) as target/screenshots/{name}.png; with
     * {@code -Dcareerpath.screenshots.docs=true} docs/dashboards.md's ones are also copied to docs/images/.
     * A state worth a picture is worth checking: it must pass axe-core ({@link #assertAccessible(String)}).
     */
    Path screenshot(String name) {
        Path file = capture(name);
        assertAccessible(name);
        return file;
    }

    private Path capture(String name) {
        Number width = (Number) js("return Math.ceil(document.documentElement.scrollWidth)");
        Number height = (Number) js("return Math.ceil(document.documentElement.scrollHeight)");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        try {
            Path file = Files.createDirectories(SCREENSHOTS).resolve(name + ".png");
            Files.write(file, png);
            if (Boolean.getBoolean("careerpath.screenshots.docs") && FOR_THE_DOCS.contains(name)) {
                Path docs = Files.createDirectories(Path.of("..", "docs", "images"));
                Files.copy(file, docs.resolve("dashboard-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Chrome DevTools Protocol command (emulated media, printing to PDF). */
    Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /**
     * Lets the pages save files (the CSV and PDF exports) into {@code directory} without asking, so that a
     * test can read what a click saved.
     */
    void downloadsTo(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", directory.toAbsolutePath().toString()));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
