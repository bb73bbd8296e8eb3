package io.careerpath.query.access;

import static io.careerpath.query.api.ApiFixture.A;
import static io.careerpath.query.api.ApiFixture.B;
import static io.careerpath.query.api.ApiFixture.C;
import static io.careerpath.query.api.ApiFixture.D;
import static io.careerpath.query.api.ApiFixture.E;
import static io.careerpath.query.api.ApiFixture.F;
import static io.careerpath.query.api.ApiFixture.T1;
import static io.careerpath.query.api.ApiFixture.T2;
import static io.careerpath.query.api.ApiFixture.as;
import static io.careerpath.query.api.ApiFixture.ownPerson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.query.reminders.Reminder;
import io.careerpath.query.reminders.ReminderCondition;
import io.careerpath.query.reminders.ReminderStore;
import io.careerpath.query.search.NameIndexer;
import io.careerpath.query.integrity.IntegrityReport;
import io.careerpath.query.integrity.ReadModelIntegrity;
import io.careerpath.query.rebuild.ReadModelRebuild;
import io.careerpath.query.rebuild.RebuildProgress;
import io.careerpath.security.PermissionTable;
import io.careerpath.security.PermissionTable.Kind;
import io.careerpath.security.PermissionTable.Permission;
import io.careerpath.security.PermissionTable.Scope;
import io.careerpath.security.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every query-service row of {@code permissions.csv} against every role and whose data it is
 * (own, a person or team the caller manages, anyone else's), and checks that every endpoint of the
 * service is in the table.
 */
@ApiTest
class PermissionTableTest {

    private static final List<Permission> QUERY_ROWS = PermissionTable.load().stream()
            .filter(row -> row.service().equals("query")).toList();
    private static final String WHAT_IF = "{\"kind\":\"PMO\",\"pmoType\":\"EXECUTIVE\",\"months\":12}";
    /** A receiver that refuses connections at once: a test send to it is answered quickly (as failed). */
    private static final String WEBHOOK = "{\"url\":\"http://127.0.0.1:9/hooks\",\"description\":\"permission table\"}";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private RequestMappingHandlerMapping mappings;
    @Autowired
    private NameIndexer indexer;
    @Autowired
    private ReminderStore reminders;
    /** A test double (see {@link ApiTest}): only who may start and follow a rebuild is at stake here. */
    @Autowired
    private ReadModelRebuild rebuild;
    /** A test double too: only who may follow and start an integrity check is at stake here. */
    @Autowired
    private ReadModelIntegrity integrity;

    @BeforeEach
    void seed() {
        fixture.seeded();
        RebuildProgress idle = new RebuildProgress(RebuildProgress.State.IDLE, 0, 0, 0, 0, null, null, null, null);
        when(rebuild.progress()).thenReturn(idle);
        when(rebuild.start()).thenReturn(Optional.of(idle));
        when(integrity.lastReport()).thenReturn(IntegrityReport.notYetChecked());
        when(integrity.start()).thenReturn(Optional.of(IntegrityReport.notYetChecked()));
    }

    @TestFactory
    Stream<DynamicTest> everyRowForEveryRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Permission row : QUERY_ROWS) {
            for (Role role : Role.values()) {
                Scope scope = row.scope(role);
                switch (row.kind()) {
                    case PERSON -> {
                        tests.add(person(row, role, "own", ownPerson(role), scope != Scope.NONE));
                        tests.add(person(row, role, "managed", B, scope == Scope.TEAM || scope == Scope.ALL));
                        tests.add(person(row, role, "other", D, scope == Scope.ALL));
                    }
                    case TEAM -> {
                        tests.add(team(row, role, "managed", T1, scope == Scope.TEAM || scope == Scope.ALL));
                        tests.add(team(row, role, "other", T2, scope == Scope.ALL));
                    }
                    case LIST -> tests.add(row.path().startsWith("/api/notifications")
                            ? DynamicTest.dynamicTest(row + " as " + role + ": " + scope, () -> notifications(row, role, scope))
                            : row.path().equals("/api/people")
                            ? DynamicTest.dynamicTest(row + " as " + role + ": " + scope, () -> {
                                Set<String> found = peopleFoundBy(role);
                                switch (scope) {
                                    case NONE -> assertThat(found).isEmpty();
                                    case OWN -> assertThat(found).containsExactly(ownPerson(role));
                                    case TEAM -> assertThat(found).containsExactlyInAnyOrder(ownPerson(role), A, B, E, F);
                                    case ALL -> assertThat(found).contains(A, B, C, D, E, F, ownPerson(role));
                                }
                            })
                            : DynamicTest.dynamicTest(row + " as " + role + ": " + scope,
                            () -> assertThat(teamsListedFor(row.path(), role)).isEqualTo(switch (scope) {
                                case NONE, OWN -> Set.of();
                                case TEAM -> Set.of(T1);
                                case ALL -> Set.of(T1, T2, "mgmt");
                            })));
                    case ADMIN -> tests.add(DynamicTest.dynamicTest(row + " as " + role + ": " + scope, () -> {
                        String path = row.path().replace("{sequenceId}", A).replace("{letterId}", "letter-1");
                        if (path.contains("{webhookId}")) {
                            path = path.replace("{webhookId}", registeredWebhook());
                        }
                        // a body the endpoints that read one accept (registering a webhook); the others ignore it
                        ResultActions result = mvc.perform(request(HttpMethod.valueOf(row.method()), path).with(as(role))
                                .contentType(MediaType.APPLICATION_JSON).content(WEBHOOK));
                        if (scope == Scope.ALL && row.path().contains("{sequenceId}")) {
                            // allowed, and answered: nothing is parked here (parking for real: MalformedRecordsTest)
                            result.andExpect(status().isNotFound())
                                    .andExpect(jsonPath("$.type").value("urn:careerpath:problem:dead-letter-sequence-not-found"));
                        } else if (scope == Scope.ALL) {
                            result.andExpect(status().is2xxSuccessful());
                        } else {
                            result.andExpect(status().isForbidden())
                                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
                        }
                    }));
                    // open: no token needed (a static page another change has yet to add answers 404, never 401)
                    case OPEN -> tests.add(DynamicTest.dynamicTest(row + " without a token", () -> {
                        // a calendar feed's address holds its token: an unknown one answers 404 (CalendarFeedTest)
                        int status = mvc.perform(request(HttpMethod.valueOf(row.method()),
                                        row.path().replace("{token}", "never-issued")))
                                .andReturn().getResponse().getStatus();
                        assertThat(status).isIn(200, 404);
                    }));
                    default -> throw new AssertionError("A query endpoint of kind " + row.kind() + ": " + row);
                }
            }
        }
        return tests.stream();
    }

    private DynamicTest person(Permission row, Role role, String whose, String personId, boolean allowed) {
        return DynamicTest.dynamicTest(row + " as " + role + " for " + whose + ": " + (allowed ? "200" : "404"), () -> {
            MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(row.method()),
                    row.path().replace("{personId}", personId)).with(as(role));
            if (row.method().equals("POST")) {
                request.contentType(MediaType.APPLICATION_JSON).content(WHAT_IF);
            }
            ResultActions result = mvc.perform(request);
            if (allowed && row.path().endsWith(".pdf")) {
                result.andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF));
            } else if (allowed) {
                result.andExpect(status().isOk()).andExpect(jsonPath("$.personId").value(personId));
            } else {
                // exactly as for an unknown person
                result.andExpect(status().isNotFound())
                        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                        .andExpect(jsonPath("$.type").value("urn:careerpath:problem:person-not-found"));
            }
        });
    }

    private DynamicTest team(Permission row, Role role, String whose, String teamId, boolean allowed) {
        return DynamicTest.dynamicTest(row + " as " + role + " for " + whose + ": " + (allowed ? "200" : "403"), () -> {
            MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(row.method()),
                    row.path().replace("{teamId}", teamId).replace("{planId}", row.path().contains("{planId}")
                            ? acceptedPlan(teamId) : "")).with(as(role));
            // the planner's rows name their team in the body (a plan's problem) or through a saved plan
            switch (row.method() + " " + row.path()) {
                case "POST /api/plans" -> request.contentType(MediaType.APPLICATION_JSON).content(plan(teamId));
                case "POST /api/plans/accepted" -> request.contentType(MediaType.APPLICATION_JSON)
                        .content("{\"problem\": " + plan(teamId) + ", \"assignments\": []}");
                default -> {
                }
            }
            ResultActions result = mvc.perform(request);
            if (allowed && row.path().startsWith("/api/plans")) {
                result.andExpect(status().is2xxSuccessful()).andExpect(jsonPath("$.teams[0]").value(teamId));
            } else if (allowed) {
                result.andExpect(status().isOk()).andExpect(jsonPath("$.teamId").value(teamId));
            } else {
                result.andExpect(status().isForbidden())
                        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                        .andExpect(jsonPath("$.type").value("urn:careerpath:problem:team-not-permitted"));
            }
        });
    }

    /** A small planning problem for the team: one program-PMO seat over two quarters. */
    private static String plan(String teamId) {
        return """
                {"teams": ["%s"], "horizonQuarters": 2, "seats": [{"kind": "PMO", "pmoType": "PROGRAM"}]}"""
                .formatted(teamId);
    }

    /** A plan for the team, accepted by an HR administrator (who may plan any team). */
    private String acceptedPlan(String teamId) throws Exception {
        String answer = mvc.perform(post("/api/plans/accepted").with(as(Role.HR_ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"problem\": " + plan(teamId) + ", \"assignments\": []}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("id").asText();
    }

    /** A webhook endpoint of its own for each check (one check deletes it), registered as an HR administrator. */
    private String registeredWebhook() throws Exception {
        String answer = mvc.perform(request(HttpMethod.POST, "/api/webhooks").with(as(Role.HR_ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content(WEBHOOK))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(answer).get("id").asText();
    }

    /**
     * The notifications rows: a reminder about each of the fixture's people (C's raised while C was in t1, so no
     * longer the manager's to see); each role receives those about itself and, for the manager, about the people
     * of t1 now. Marking one as read: the caller's own, yes; D's (nobody receives it), 404.
     */
    private void notifications(Permission row, Role role, Scope scope) throws Exception {
        for (String person : List.of(A, B, ApiFixture.C, D, ApiFixture.E, ApiFixture.F, ownPerson(Role.MANAGER),
                ownPerson(Role.PMO_LEAD), ownPerson(Role.HR_ADMIN))) {
            reminders.raise(new Reminder(person + "-due", person, person.equals(D) ? T2 : person.equals(A)
                    || person.equals(B) || person.equals(ApiFixture.C) || person.equals(ApiFixture.E)
                    || person.equals(ApiFixture.F) ? T1 : "mgmt", ReminderCondition.ROTATE_BACK_DUE,
                    LocalDate.of(2025, 6, 1), LocalDate.of(2025, 8, 1), 0.6, null, 0, Instant.now()));
        }
        Set<String> expected = switch (scope) {
            case OWN -> Set.of(ownPerson(role));
            case TEAM -> Set.of(ownPerson(role), A, B, ApiFixture.E, ApiFixture.F);
            default -> throw new AssertionError("notifications are never for all: " + row);
        };
        switch (row.method() + " " + row.path()) {
            case "GET /api/notifications" -> {
                Set<String> listed = new TreeSet<>();
                json.readTree(mvc.perform(get(row.path()).with(as(role))).andExpect(status().isOk())
                        .andReturn().getResponse().getContentAsString()).get("notifications")
                        .forEach(notification -> listed.add(notification.get("personId").asText()));
                assertThat(listed).isEqualTo(expected);
            }
            case "GET /api/notifications/unread-count" -> {
                int unreadListed = json.readTree(mvc.perform(get("/api/notifications").param("unread", "true")
                        .with(as(role))).andReturn().getResponse().getContentAsString()).get("notifications").size();
                mvc.perform(get(row.path()).with(as(role)))
                        .andExpect(status().isOk()).andExpect(jsonPath("$.unread").value(unreadListed));
                assertThat(unreadListed).isGreaterThanOrEqualTo(expected.size());
            }
            case "POST /api/notifications/{id}/read" -> {
                mvc.perform(post(row.path().replace("{id}", ownPerson(role) + "-due")).with(as(role)))
                        .andExpect(status().isNoContent());
                mvc.perform(post(row.path().replace("{id}", D + "-due")).with(as(role)))
                        .andExpect(status().isNotFound())
                        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
            }
            case "POST /api/notifications/read" -> mvc.perform(post(row.path()).with(as(role)))
                    .andExpect(status().isNoContent());
            default -> throw new AssertionError("A notifications row without its check: " + row);
        }
    }

    /** Everyone the search by name finds for the role, searching each of the fixture's first names. */
    private Set<String> peopleFoundBy(Role role) throws Exception {
        indexer.indexPending();
        Set<String> found = new TreeSet<>();
        for (String name : List.of("ada", "bob", "cleo", "dan", "eve", "fay", "mia", "pat", "hal")) {
            String body = mvc.perform(get("/api/people").param("q", name).with(as(role))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            json.readTree(body).get("people").forEach(person -> found.add(person.get("personId").asText()));
        }
        return found;
    }

    /** The teams a list names: a list of teams, or an answer whose {@code teams} are counted per team. */
    private Set<String> teamsListedFor(String path, Role role) throws Exception {
        String body = mvc.perform(get(path).with(as(role))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        JsonNode answer = json.readTree(body);
        Set<String> teams = new TreeSet<>();
        for (JsonNode team : answer.isArray() ? answer : answer.get("teams")) {
            teams.add(team.get("teamId").asText());
        }
        return teams;
    }

    @Test
    void anUnknownPersonAnswersLikeOneTheCallerMayNotSee() throws Exception {
        String unknown = ApiFixture.newPersonId();
        String forUnknown = mvc.perform(get("/api/people/" + unknown + "/timeline").with(as(Role.EMPLOYEE)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        String forHidden = mvc.perform(get("/api/people/" + B + "/timeline").with(as(Role.EMPLOYEE)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();

        assertThat(forHidden.replace(B, "<id>")).isEqualTo(forUnknown.replace(unknown, "<id>"));
    }

    @Test
    void accessFollowsTheCurrentTeamWhateverDayIsAskedFor() throws Exception {
        // C was in t1 (the manager's) until 2024: their t1 days are no longer the manager's to see
        mvc.perform(get("/api/people/" + ApiFixture.C + "/timeline").param("asOf", "2023-01-01").with(as(Role.MANAGER)))
                .andExpect(status().isNotFound());
        // E moves to t2 in September: today they are still in t1
        mvc.perform(get("/api/people/" + ApiFixture.E + "/timeline").with(as(Role.MANAGER)))
                .andExpect(status().isOk());
    }

    @Test
    void aManagerMayNotUseTheWholeTableWithoutTheManagerRole() throws Exception {
        // managed_teams counts only with the MANAGER role
        mvc.perform(get("/api/people/" + B + "/timeline")
                        .with(ApiFixture.caller("x", A, List.of("EMPLOYEE"), List.of(T1))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/teams/" + T1 + "/rotation-board")
                        .with(ApiFixture.caller("x", A, List.of("EMPLOYEE"), List.of(T1))))
                .andExpect(status().isForbidden());
    }

    @Test
    void withoutATokenEveryApiEndpointAnswers401WithProblemDetails() throws Exception {
        for (Permission row : QUERY_ROWS) {
            if (row.kind() == Kind.OPEN) {
                continue;
            }
            String path = row.path().replace("{personId}", A).replace("{teamId}", T1).replace("{sequenceId}", A)
                    .replace("{letterId}", "letter-1").replace("{webhookId}", "webhook-1").replace("{id}", "a-notification")
                    .replace("{planId}", "00000000-0000-4000-8000-000000000000");
            mvc.perform(request(HttpMethod.valueOf(row.method()), path).contentType(MediaType.APPLICATION_JSON).content(WHAT_IF))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(401))
                    .andExpect(jsonPath("$.reason").value("missing-token"))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("No access token")));
        }
    }

    @Test
    void theDashboardsAndTheirSettingsNeedNoToken() throws Exception {
        mvc.perform(get("/api/config"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.signInRequired").value(true))
                .andExpect(jsonPath("$.signIn.issuer").value("http://127.0.0.1:9000"))
                .andExpect(jsonPath("$.signIn.authorizationUri").value("http://127.0.0.1:9000/oauth2/authorize"))
                .andExpect(jsonPath("$.signIn.tokenUri").value("http://127.0.0.1:9000/oauth2/token"))
                .andExpect(jsonPath("$.signIn.logoutUri").value("http://127.0.0.1:9000/connect/logout"))
                .andExpect(jsonPath("$.signIn.clientId").value("careerpath-dashboard"))
                .andExpect(jsonPath("$.signIn.scopes").value("openid"));
        mvc.perform(get("/index.html")).andExpect(status().isOk());
        mvc.perform(get("/js/api.js")).andExpect(status().isOk());
        mvc.perform(get("/")).andExpect(status().is2xxSuccessful());
    }

    @Test
    void noSessionNoCookieNoLoginRedirect() throws Exception {
        var signedIn = mvc.perform(get("/api/teams").with(as(Role.MANAGER)))
                .andExpect(status().isOk()).andExpect(header().doesNotExist("Set-Cookie")).andReturn();
        assertThat(signedIn.getRequest().getSession(false)).isNull();
        // the OAuth2 client registration is for the key path only: no browser login is offered
        mvc.perform(get("/oauth2/authorization/careerpath-keys")).andExpect(status().isNotFound());
        mvc.perform(get("/api/teams").accept(MediaType.TEXT_HTML)).andExpect(status().isUnauthorized());
    }

    @Test
    void everyEndpointOfTheServiceIsInThePermissionTable() {
        Set<String> inTable = QUERY_ROWS.stream().filter(row -> isApi(row.path()))
                .map(row -> row.method() + " " + row.path()).collect(Collectors.toSet());
        Set<String> served = new TreeSet<>();
        for (RequestMappingInfo mapping : mappings.getHandlerMethods().keySet()) {
            for (String pattern : mapping.getPatternValues()) {
                if (isApi(pattern)) {
                    mapping.getMethodsCondition().getMethods()
                            .forEach(method -> served.add(method.name() + " " + pattern));
                }
            }
        }
        assertThat(served).isNotEmpty();
        assertThat(inTable).containsAll(served);
        assertThat(served).containsAll(inTable);
    }

    /** The rest of the table's rows are the dashboards' static pages. */
    private static boolean isApi(String path) {
        return path.startsWith("/api/") || path.startsWith("/internal/");
    }
}
