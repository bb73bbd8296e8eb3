package io.careerpath.local;

import static io.careerpath.local.CareerpathClient.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.local.signin.DemoAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/**
 * Signing in to the dashboards, as each role, in a real browser (Debian's chromium, headless): every
 * account goes through the sign-in server's real login form (authorization code with PKCE), and the
 * pages show what that identity may see (docs/security.md), with a clear message, never a blank page,
 * for what it may not. The APIs decide; the pages only hide what would be refused.
 *
 * <p>The cast: the demo accounts registered as people with their own person ids (erin and maria in
 * team-apollo, which maria manages; paul and hana elsewhere), Ada in team-apollo, Joan in team-gemini,
 * and Tommy, who moved from team-apollo to team-gemini a year ago.
 */
class DashboardRolesBrowserTest {

    static DemoAccount erin;
    static DemoAccount maria;
    static DemoAccount paul;
    static DemoAccount hana;
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final String APOLLO = "team-apollo";
    static final String GEMINI = "team-gemini";

    static RunningPlatform platform;
    static DashboardBrowser browser;
    static String base;
    static String ada;
    static String joan;
    static String tommy;

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
        hana = platform.signInServer().account("hana");
        base = platform.dashboardUrl().replaceAll("/$", "");
        browser = browserPerClass.get();
        seed();
    }

    @BeforeEach
    void desktop() {
        browser.resize(DashboardBrowser.DESKTOP);
    }

    // ---- erin, an employee: her own career, nobody else's ------------------------------------------

    @Test
    void anEmployeeStartsAtHerOwnCareerAndSeesNoTeamList() {
        signIn(erin);
        browser.get(base + "/index.html");

        assertThat(browser.text("#account-name")).isEqualTo(erin.name());
        assertThat(browser.text("#account-role")).isEqualTo("Employee");
        assertThat(browser.find("#my-career-link").isDisplayed()).isTrue();
        assertThat(browser.find("#my-career-link").getAttribute("href")).endsWith("career.html?person=" + erin.personId());
        assertThat(browser.find("#team-card").isDisplayed()).as("no team list for an employee").isFalse();
        assertThat(browser.find("#known-teams").isDisplayed()).isFalse();
        assertThat(browser.find("#person-form").isDisplayed()).as("no one else's career to open").isFalse();
        assertThat(browser.find("#register-card").isDisplayed()).as("employees register no one").isFalse();
        assertThat(navigation()).contains("Start", "My career", "Record an event")
                .doesNotContain("Import histories", "My team", "Team");
        assertThat(browser.find("#nav-record").getAttribute("href")).endsWith("record.html?person=" + erin.personId());
        browser.assertNoConsoleErrors("an employee's start page");
        browser.screenshot("start-employee");

        browser.find("#my-career-link").click();
        browser.waitForText("#status", t -> t.startsWith("Showing " + erin.name()));
        assertThat(DashboardBrowser.dataNames(browser.awaitChartDrawn("timeline-chart"))).contains("Delivery: Mission control");
        assertThat(browser.find(".site-nav a[aria-current=page]").getText()).isEqualTo("My career");
        assertThat(browser.find("#record-link").isDisplayed()).as("she may record her own events").isTrue();
        browser.assertNoConsoleErrors("her own career");
    }

    @Test
    void openedAtLocalhostTheDashboardsMoveTo127001WhereSigningInWorks() {
        signIn(erin);
        String career = "/career.html?person=" + erin.personId();

        // the sign-in server refuses "localhost" redirect addresses: the page moves to 127.0.0.1 first
        browser.get(base.replace("//127.0.0.1", "//localhost") + career);

        browser.waitForText("#status", t -> t.startsWith("Showing " + erin.name()));
        assertThat(browser.js("return location.href")).isEqualTo(base + career);
        assertThat(browser.text("#account-name")).isEqualTo(erin.name());
    }

    @Test
    void anEmployeeIsToldSheMayNotSeeSomeoneElsesCareerAndCannotTellWhetherTheyExist() {
        signIn(erin);

        browser.get(base + "/career.html?person=" + ada);
        String refusal = awaitRefusal();
        assertThat(refusal).contains("You may not see this person's career").contains("Not found");
        assertThat(browser.find("#content").isDisplayed()).isFalse();
        assertThat(browser.text("#title")).isEqualTo("Career not shown");
        assertThat(browser.text("#problem")).doesNotContain("Ada");
        assertThat(browser.find("#problem a").getAttribute("href")).endsWith("career.html?person=" + erin.personId());
        browser.screenshot("career-refused");

        // someone who does not exist at all reads exactly the same
        browser.get(base + "/career.html?person=" + UUID.randomUUID());
        assertThat(awaitRefusal()).isEqualTo(refusal);

        // nor may she record for someone else
        browser.get(base + "/record.html?person=" + ada);
        assertThat(awaitRefusal()).contains("You may not see this person's career");
        assertThat(browser.find("#record-form").isDisplayed()).isFalse();
        assertThat(severeConsoleMessages()).allMatch(m -> m.contains("404") || m.contains("403"));
    }

    @Test
    void anEmployeeIsRefusedTeamBoardsAndImports() {
        signIn(erin);

        browser.get(base + "/team.html?team=" + APOLLO);
        assertThat(awaitRefusal()).contains("You may not see this team's board");
        assertThat(browser.find("#content").isDisplayed()).isFalse();

        browser.get(base + "/import.html");
        assertThat(awaitRefusal()).contains("Only HR administrators may import career histories");
        assertThat(browser.find("#import-form").isDisplayed()).isFalse();
        assertThat(navigation()).doesNotContain("Import histories");
    }

    // ---- maria, a manager: her team, not another ---------------------------------------------------------

    @Test
    void aManagerSeesHerTeamsBoardWithItsMembersAndNobodyFromAnotherTeam() {
        signIn(maria);
        browser.get(base + "/index.html");
        assertThat(browser.text("#account-role")).isEqualTo("Manager");
        assertThat(browser.find("#team-card").isDisplayed()).isTrue();
        browser.waitForText("#known-teams", t -> t.contains("Apollo"));
        assertThat(teamsListed()).containsExactly(APOLLO);
        // by name, not by id, and counted as the board counts: who is in the team today
        assertThat(browser.text("#known-teams")).containsPattern("^Apollo · \\d+ members? today$");
        assertThat(browser.text("#known-teams-heading")).isEqualTo("Teams you manage");
        assertThat(navigation()).contains("My career", "My team").doesNotContain("Import histories");

        browser.find("#known-teams a").click();
        browser.waitForText("#status", t -> t.startsWith("Showing team Apollo"));
        assertThat(boardMembers()).contains(ada, erin.personId(), maria.personId())
                .doesNotContain(joan, tommy);
        assertThat(browser.text("#board")).contains("Ada Lovelace", erin.name()).doesNotContain("Joan Clarke", "Tommy Flowers");
        assertThat(DashboardBrowser.dataNames(browser.awaitChartDrawn("team-timeline-chart")))
                .anyMatch(n -> n.startsWith("Ada Lovelace:")).noneMatch(n -> n.startsWith("Tommy Flowers:"));
        browser.assertNoConsoleErrors("her team's board");
        browser.screenshot("team-manager");

        // two years ago Tommy was in team-apollo; he has moved on, so his old manager no longer sees him there
        browser.get(base + "/team.html?team=" + APOLLO + "&asOf=" + TODAY.minusYears(2));
        browser.waitForText("#status", t -> t.startsWith("Showing team Apollo"));
        assertThat(boardMembers()).contains(ada).doesNotContain(tommy, joan);

        // and a member's career opens
        browser.get(base + "/career.html?person=" + ada);
        browser.waitForText("#status", t -> t.startsWith("Showing Ada Lovelace"));
        assertThat(browser.find("#record-link").isDisplayed()).as("she may record for her team").isTrue();
    }

    @Test
    void aManagerIsRefusedAnotherTeamsBoardAndItsPeople() {
        signIn(maria);

        browser.get(base + "/team.html?team=" + GEMINI);
        assertThat(awaitRefusal()).contains("You may not see this team's board");
        assertThat(browser.find("#content").isDisplayed()).isFalse();
        assertThat(browser.text("#problem")).contains("Your teams: " + APOLLO).doesNotContain("Joan");
        browser.screenshot("team-refused");

        browser.get(base + "/career.html?person=" + joan);
        assertThat(awaitRefusal()).contains("You may not see this person's career");
        assertThat(severeConsoleMessages()).allMatch(m -> m.contains("404") || m.contains("403"));
    }

    @Test
    void aManagerRegistersPeopleIntoHerTeamOnlyAndRecordsForThem() {
        signIn(maria);
        browser.get(base + "/index.html");
        assertThat(browser.find("#register-card").isDisplayed()).isTrue();
        assertThat(browser.text("#register-team-hint")).contains(APOLLO);

        browser.find("#register-name").sendKeys("Someone Elsewhere");
        browser.find("#register-team").sendKeys(GEMINI);
        browser.find("#register-form button[type=submit]").click();
        browser.waitForText("#register-team-error", t -> !t.isBlank());
        assertThat(browser.text("#register-team-error")).contains("only into a team you manage");
        assertThat(browser.find("#register-team").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.text("#status")).contains("Not registered");

        browser.find("#register-team").clear();
        browser.find("#register-team").sendKeys(APOLLO);
        browser.find("#register-form button[type=submit]").click();
        browser.await().until(d -> d.getCurrentUrl().contains("/record.html?person="));
        browser.waitForText("#title", t -> t.equals("Record an event for Someone Elsewhere"));
        assertThat(browser.find("#record-form").isDisplayed()).isTrue();
        assertThat(browser.text("#recorded-as")).contains(maria.name());
    }

    // ---- paul, a PMO lead: every team --------------------------------------------------------------------

    @Test
    void aPmoLeadSeesEveryTeam() {
        signIn(paul);
        browser.get(base + "/index.html");
        assertThat(browser.text("#account-role")).isEqualTo("PMO lead");
        browser.waitForText("#known-teams", t -> t.contains("Apollo") && t.contains("Gemini"));
        assertThat(teamsListed()).contains(APOLLO, GEMINI, "team-pmo", "team-hr");
        assertThat(browser.text("#known-teams-heading")).isEqualTo("All teams");
        assertThat(navigation()).doesNotContain("Import histories");

        browser.get(base + "/team.html?team=" + GEMINI);
        browser.waitForText("#status", t -> t.startsWith("Showing team Gemini"));
        assertThat(boardMembers()).contains(joan, tommy);

        browser.get(base + "/team.html?team=" + APOLLO);
        browser.waitForText("#status", t -> t.startsWith("Showing team Apollo"));
        assertThat(boardMembers()).contains(ada, erin.personId(), maria.personId()).doesNotContain(tommy);

        // everyone's past too: Tommy on team-apollo's board two years ago
        browser.get(base + "/team.html?team=" + APOLLO + "&asOf=" + TODAY.minusYears(2));
        browser.waitForText("#status", t -> t.startsWith("Showing team Apollo"));
        assertThat(boardMembers()).contains(ada, tommy);

        browser.get(base + "/career.html?person=" + joan);
        browser.waitForText("#status", t -> t.startsWith("Showing Joan Clarke"));
        browser.assertNoConsoleErrors("a PMO lead's views");
    }

    // ---- hana, the HR administrator: imports and recording ------------------------------------------------

    @Test
    void theHrAdministratorMayOpenTheImportAndRecordPages() {
        signIn(hana);
        browser.get(base + "/index.html");
        assertThat(browser.text("#account-role")).isEqualTo("HR administrator");
        assertThat(browser.find("#register-card").isDisplayed()).isTrue();
        assertThat(navigation()).contains("Import histories");

        browser.find("#nav-import").click();
        browser.waitForScripts();
        browser.waitForText("#recorded-as", t -> t.contains(hana.name()));
        assertThat(browser.find("#import-form").isDisplayed()).isTrue();
        assertThat(browser.find(".site-nav a[aria-current=page]").getText()).isEqualTo("Import histories");
        browser.waitForText("#recent-imports", t -> !t.isBlank());
        assertThat(browser.findAll("#problem .problem")).isEmpty();

        browser.get(base + "/record.html?person=" + joan);
        browser.waitForText("#title", t -> t.equals("Record an event for Joan Clarke"));
        assertThat(browser.find("#record-form").isDisplayed()).isTrue();
        assertThat(browser.text("#recorded-as")).contains(hana.name());
        browser.assertNoConsoleErrors("the HR administrator's pages");
    }

    // ---- the session itself --------------------------------------------------------------------------------

    @Test
    void signingOutEndsTheSessionAtTheSignInServerTooAndTheNextAccountSignsInThroughTheForm() {
        signIn(erin);
        browser.get(base + "/career.html?person=" + erin.personId());
        browser.waitForText("#status", t -> t.startsWith("Showing " + erin.name()));
        assertThat(tokensInLocalStorage()).as("tokens live in the tab's sessionStorage only").isFalse();

        browser.signOut();
        assertThat(browser.driver.getCurrentUrl()).startsWith(base + "/");
        assertThat(browser.text("#status")).contains("You have signed out");
        assertThat(browser.signedInAs()).isNull();
        assertThat(browser.findAll("#account")).isEmpty();
        assertThat(browser.find("#start-grid").isDisplayed()).isFalse();

        // the sign-in server forgot erin as well: signing in again asks who
        browser.find("#sign-in").click();
        browser.await().until(d -> !browser.findAll("#username").isEmpty());
        signIn(maria);
        assertThat(browser.signedInAs()).isEqualTo(maria.username());
        assertThat(browser.text("#account-name")).isEqualTo(maria.name());
    }

    @Test
    void aTokenThePlatformNoLongerAcceptsStartsTheSignInAgainAndComesBackToThePage() {
        signIn(erin);
        String page = base + "/career.html?person=" + erin.personId();
        browser.get(page);
        browser.waitForText("#status", t -> t.startsWith("Showing " + erin.name()));
        assertThat(browser.accessToken()).isNotNull();

        // a token that looks fine to the page but not to the API (its signature is broken): 401, sign in again
        browser.changeSession("u.access_token = u.access_token.slice(0, -4)"
                + " + (u.access_token.endsWith('AAAA') ? 'BBBB' : 'AAAA')");
        String broken = browser.accessToken();
        browser.driver.navigate().refresh();
        browser.await().withMessage("back on the career, signed in again (the sign-in server still knows erin)")
                .until(d -> d.getCurrentUrl().equals(page) && erin.username().equals(browser.signedInAs())
                        && !broken.equals(browser.accessToken())
                        && browser.text("#status").startsWith("Showing " + erin.name()));

        // an expired token: the page signs in again before asking the API
        browser.changeSession("u.expires_at = Math.floor(Date.now() / 1000) - 1");
        String second = browser.accessToken();
        browser.driver.navigate().refresh();
        browser.await().withMessage("back on the career with a fresh token")
                .until(d -> d.getCurrentUrl().equals(page) && erin.username().equals(browser.signedInAs())
                        && !browser.accessToken().equals(second)
                        && browser.text("#status").startsWith("Showing " + erin.name()));
    }

    @Test
    void theSignInSendsANonceAndPkceAndTheIdTokenCarriesTheNonceBack() {
        Object request = browser.atLoginFormOnTheDashboards(base, "return sessionStorage.getItem(key);");
        assertThat(request).as("the sign-in request this tab keeps").isNotNull();
        JsonNode kept = json(request.toString());
        assertThat(kept.path("nonce").asText()).as("a nonce per sign-in").hasSizeGreaterThanOrEqualTo(32);
        assertThat(kept.path("code_verifier").asText()).as("a PKCE verifier per sign-in").hasSizeGreaterThanOrEqualTo(43);
        assertThat(kept.path("id").asText()).as("a state per sign-in").isNotBlank();

        browser.submitLoginForm(erin.username(), erin.plainPassword());
        browser.await().withMessage(() -> "never came back signed in; at " + browser.driver.getCurrentUrl())
                .until(d -> erin.username().equals(browser.signedInAs()) && !d.getCurrentUrl().contains("/signed-in.html"));
        Object idToken = browser.js("return JSON.parse(sessionStorage.getItem(" + DashboardBrowser.USER_KEY + ")).id_token");
        assertThat(claimsOf(idToken.toString()).path("nonce").asText()).as("the ID token answers this sign-in's nonce")
                .isEqualTo(kept.path("nonce").asText());
        assertThat(browser.js("return Object.keys(sessionStorage).filter(k => k.startsWith('careerpath.signin.')).length"))
                .as("the answered request is used up").isEqualTo(0L);
    }

    @Test
    void aSignInAnswerForARequestThisTabDidNotStartIsRefused() {
        // a real code from the sign-in server, for a state this tab holds no request for (here: its request moved)
        browser.atLoginFormOnTheDashboards(base, """
                sessionStorage.setItem('careerpath.signin.someone-elses', sessionStorage.getItem(key));
                sessionStorage.removeItem(key);""");
        browser.submitLoginForm(erin.username(), erin.plainPassword());
        assertRefused("This sign-in was not started in this tab, or has already been used.");

        // made-up answers: a state nobody started, and none at all
        browser.get(base + "/signed-in.html?code=made-up&state=made-up");
        assertRefused("This sign-in was not started in this tab, or has already been used.");
        browser.get(base + "/signed-in.html?code=made-up");
        assertRefused("This sign-in was not started in this tab, or has already been used.");

        // signing in again from the refusal works (the sign-in server still knows erin)
        browser.find("#sign-in-again").click();
        browser.await().withMessage(() -> "never came back signed in; at " + browser.driver.getCurrentUrl())
                .until(d -> erin.username().equals(browser.signedInAs()) && !d.getCurrentUrl().contains("/signed-in.html"));
    }

    @Test
    void anIdTokenThatDoesNotAnswerTheRequestsNonceIsRefused() {
        // the sign-in server answers the nonce it was sent; the request this tab kept says another one
        browser.atLoginFormOnTheDashboards(base, """
                const request = JSON.parse(sessionStorage.getItem(key));
                request.nonce = 'not-' + request.nonce;
                sessionStorage.setItem(key, JSON.stringify(request));""");
        browser.submitLoginForm(erin.username(), erin.plainPassword());
        assertRefused("The sign-in answer does not belong to this sign-in (nonce in id_token does not match");

        // a request kept without a nonce: the library would not check one, so the page refuses it
        browser.atLoginFormOnTheDashboards(base, """
                const request = JSON.parse(sessionStorage.getItem(key));
                delete request.nonce;
                sessionStorage.setItem(key, JSON.stringify(request));""");
        browser.submitLoginForm(erin.username(), erin.plainPassword());
        assertRefused("The sign-in answer does not belong to this sign-in (the request kept no nonce).");
    }

    @Test
    void everyRequestToBothApisCarriesTheBearerToken() {
        signIn(hana);
        browser.get(base + "/index.html");
        // the APIs refuse requests without a token; ask them the way the pages do, and without
        @SuppressWarnings("unchecked")
        Map<String, Object> statuses = (Map<String, Object>) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const api = await import('/js/api.js');
                  const { commandApi } = await api.config();
                  const bare = async (url) => (await fetch(url)).status;
                  let withToken = 'ok';
                  try { await api.teams(); await api.commandApi('/api/imports'); } catch (e) { withToken = e.status; }
                  return { queryWithout: await bare('/api/teams'), commandWithout: await bare(commandApi + '/api/imports'),
                           withToken };
                })().then(done, (e) => done({ error: String(e) }));""");
        assertThat(statuses.get("queryWithout")).isEqualTo(401L);
        assertThat(statuses.get("commandWithout")).isEqualTo(401L);
        assertThat(statuses.get("withToken")).isEqualTo("ok");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Signs in through the login form; what the console said before (other tests, the sign-in server's pages) is dropped. */
    private static void signIn(DemoAccount account) {
        browser.signIn(base, account);
        browser.consoleSinceLastCall();
    }

    /** The callback page refused the sign-in with {@code reason}, and nobody is signed in. */
    private static void assertRefused(String reason) {
        browser.await().withMessage(() -> "no refusal on " + browser.driver.getCurrentUrl() + ": "
                        + (browser.findAll("#problem").isEmpty() ? "(no page)" : browser.text("#problem")))
                .until(d -> d.getCurrentUrl().contains("/signed-in.html") && !browser.findAll("#problem .problem").isEmpty()
                        && browser.find("#sign-in-again").isDisplayed());
        assertThat(browser.text("#title")).isEqualTo("Not signed in");
        assertThat(browser.text("#problem .problem")).startsWith("The sign-in did not complete: " + reason);
        assertThat(browser.signedInAs()).isNull();
        assertThat(browser.accessToken()).isNull();
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode claimsOf(String jwt) {
        return json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** Waits for the page's refusal (a 403 or 404 in words) and returns its text. */
    private static String awaitRefusal() {
        browser.waitForScripts();
        browser.await().withMessage(() -> "no refusal shown on " + browser.driver.getCurrentUrl() + "; status: "
                        + browser.text("#status") + "; problem: " + browser.text("#problem"))
                .until(d -> !browser.findAll("#problem .problem").isEmpty()
                        && browser.find("#problem .problem").isDisplayed());
        return browser.text("#problem .problem");
    }

    private static List<String> navigation() {
        return browser.findAll(".site-nav a").stream().map(WebElement::getText).toList();
    }

    /** The ids of the teams listed (the links name them by their names). */
    private static List<String> teamsListed() {
        return browser.findAll("#known-teams a").stream()
                .map(a -> a.getAttribute("href").replaceAll(".*[?&]team=([^&#]+).*", "$1")).toList();
    }

    private static List<String> boardMembers() {
        return browser.findAll("#board tbody tr").stream().map(r -> r.getAttribute("data-person")).toList();
    }

    private static boolean tokensInLocalStorage() {
        return Boolean.TRUE.equals(browser.js("""
                const token = JSON.parse(sessionStorage.getItem(%s) || '{}').access_token;
                return !!token && Object.keys(localStorage).some(k => (localStorage.getItem(k) || '').includes(token.slice(-20)));"""
                .formatted(DashboardBrowser.USER_KEY)));
    }

    private static List<String> severeConsoleMessages() {
        return browser.consoleSinceLastCall().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    // ---- the cast -----------------------------------------------------------------------------------------


    private static String person(String personId, String name, String team, LocalDate since, List<Map<String, Object>> events) {
        return platform.client.registerWithCareer(personId, name, team, since, events);
    }

    private static void seed() {
        LocalDate start = TODAY.minusYears(4);
        person(erin.personId(), erin.name(), APOLLO, start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Mission control")));
        person(maria.personId(), maria.name(), APOLLO, start, List.of(
                event("JOINED_PMO", start.plusMonths(6), "pmoType", "PROGRAM", "pmoName", "Apollo program office")));
        person(paul.personId(), paul.name(), "team-pmo", start, List.of());
        person(hana.personId(), hana.name(), "team-hr", start, List.of());
        ada = person(null, "Ada Lovelace", APOLLO, start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Billing platform migration")));
        joan = person(null, "Joan Clarke", GEMINI, start, List.of(
                event("JOINED_PMO", start.plusMonths(3), "pmoType", "EXECUTIVE", "pmoName", "Strategy office")));
        tommy = person(null, "Tommy Flowers", APOLLO, start, List.of(
                event("DELIVERY_ROLE_STARTED", start, "projectName", "Colossus"),
                event("TEAM_CHANGED", TODAY.minusYears(1), "teamId", GEMINI)));
    }
}
