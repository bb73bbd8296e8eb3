package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.security.PermissionTable;
import io.careerpath.security.PermissionTable.Kind;
import io.careerpath.security.PermissionTable.Permission;
import io.careerpath.security.PermissionTable.Scope;
import io.careerpath.security.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The permission table (shared-security's permissions.csv, rendered in docs/security.md) walked on the running
 * platform: for every row, every role (signed in as its demo account through the real authorization-code
 * flow) and every kind of target (the caller's own career, a person of a team the manager manages, a
 * person of another team; a managed and an unmanaged team), one test asserting the allow or the deny the
 * table promises, plus one asserting that nothing gets in without a token. The tests are generated from
 * the file, so a row added there is checked here without a line of code; a second test checks that the
 * file names every endpoint both services serve.
 *
 * <p>Run on two issuers, one table: {@link PermissionTableEndToEndTest} (the single-machine sign-in server) and
 * {@link KeycloakEndToEndTest} (the real Keycloak with docker-compose.yml's realm). Each subclass starts its
 * platform and hands it to {@link #startWithPeopleInEveryRelation} before its tests.
 */
abstract class PermissionTableChecks {

    /** The demo account that acts in each role (demo-accounts.yml). */
    private static final Map<Role, String> ACCOUNTS = Map.of(
            Role.EMPLOYEE, "erin", Role.MANAGER, "maria", Role.PMO_LEAD, "paul", Role.HR_ADMIN, "hana");
    private static final String MANAGED_TEAM = "team-apollo";
    private static final String OTHER_TEAM = "team-gemini";
    private static final String ADMIN_TEAM = "team-hermes";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The platform of the subclass running now (test classes run one after another). */
    static RunningPlatform platform;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final AtomicInteger DAYS = new AtomicInteger();
    /** A person of the team maria manages, and one of another team. */
    private static String teammate;
    private static String outsider;
    private static String importId;

    /** Whose data a request reaches. */
    private enum Target {
        OWN, MANAGED_TEAM_MEMBER, OTHER_TEAM_MEMBER, NONE
    }

    static void startWithPeopleInEveryRelation(RunningPlatform started) {
        platform = started;
        CareerpathClient hr = platform.client;
        // each account is a registered person: erin and maria in the team maria manages, the others elsewhere
        registerAccount(hr, "erin", "Erin Employee", MANAGED_TEAM);
        registerAccount(hr, "maria", "Maria Manager", MANAGED_TEAM);
        registerAccount(hr, "paul", "Paul PMO-Lead", ADMIN_TEAM);
        registerAccount(hr, "hana", "Hana HR-Admin", ADMIN_TEAM);
        teammate = hr.register("Tess Teammate", MANAGED_TEAM, "2020-01-01");
        outsider = hr.register("Oscar Outsider", OTHER_TEAM, "2020-01-01");
        for (String person : List.of(platform.personIdOf("erin"), platform.personIdOf("maria"),
                platform.personIdOf("paul"), platform.personIdOf("hana"), teammate, outsider)) {
            hr.awaitTimeline(person, timeline -> true);
        }
        // the name index follows the projection: everyone is found by name before the rows are walked
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Response found = send("query", "GET", "/api/people?q=oscar", platform.signIn.accessToken("hana"), null, null);
            return found.status() == 200 && found.body().get("people").size() == 1;
        });
        Response imported = send("command", "POST", "/api/imports?fileName=permissions.ndjson",
                platform.signIn.accessToken("hana"), "application/x-ndjson",
                "{\"personRef\": \"P-0\", \"type\": \"PERSON_REGISTERED\", \"effectiveDate\": \"2020-01-01\","
                        + " \"displayName\": \"Imported Person\", \"teamId\": \"" + OTHER_TEAM + "\"}\n");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(202);
        importId = imported.body().get("id").asText();
    }

    private static void registerAccount(CareerpathClient hr, String account, String name, String teamId) {
        var answer = hr.tryRegister(Map.of("personId", platform.personIdOf(account), "displayName", name,
                "teamId", teamId, "effectiveDate", "2020-01-01"));
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(201);
    }

    @TestFactory
    Stream<DynamicTest> everyRoleAgainstEveryRowOfThePermissionTable() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Permission row : PermissionTable.load()) {
            tests.add(DynamicTest.dynamicTest(row + " without a token", () -> withoutToken(row)));
            for (Role role : Role.values()) {
                for (Target target : targets(row, role)) {
                    tests.add(DynamicTest.dynamicTest(row + " as " + role + " (" + ACCOUNTS.get(role) + ") on " + target,
                            () -> check(row, role, target)));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void theQueryServicesOwnClientAloneReachesThePersonKeys() {
        String token = platform.signIn.clientCredentials("careerpath-query", platform.queryClientSecret(),
                "careerpath.keys").accessToken();
        Response keys = send("command", "POST", "/internal/person-keys", token, "application/json",
                "{\"personIds\": [\"" + teammate + "\"]}");
        assertThat(keys.status()).as(keys.toString()).isEqualTo(200);
        assertThat(keys.body().get("keys").has(teammate)).isTrue();
        Response board = send("query", "GET", "/api/teams/" + MANAGED_TEAM + "/rotation-board", token, null, null);
        assertThat(board.status()).as("the key client is no person and no role: " + board).isIn(403, 404);
    }

    @Test
    void everyEndpointOfBothServicesIsInThePermissionTable() {
        Set<String> listed = new HashSet<>();
        PermissionTable.load().forEach(row -> listed.add(row.service() + " " + row.method() + " " + row.path()));
        Set<String> served = new TreeSet<>();
        served.addAll(endpoints("command", platform.services.commandContext()));
        served.addAll(endpoints("query", platform.services.queryContext()));
        assertThat(served).isNotEmpty();
        assertThat(listed).as("permissions.csv must name every endpoint the services serve").containsAll(served);
    }

    private static Set<String> endpoints(String service, ConfigurableApplicationContext context) {
        Set<String> endpoints = new TreeSet<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping -> {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mapping.getHandlerMethods().entrySet()) {
                String controller = handler.getValue().getBeanType().getName();
                if (!controller.startsWith("io.careerpath.")) {
                    continue; // Spring's error page and springdoc's OpenAPI documents: open by design
                }
                for (String path : handler.getKey().getPatternValues()) {
                    for (var method : handler.getKey().getMethodsCondition().getMethods()) {
                        endpoints.add(service + " " + method.name() + " " + path);
                    }
                }
            }
        });
        return endpoints;
    }

    // ---------------------------------------------------------------------------------------------

    private static List<Target> targets(Permission row, Role role) {
        return switch (row.kind()) {
            case PERSON -> row.method().equals("DELETE") && row.scope(role) == Scope.ALL
                    // erasing is final: the callers allowed to erase are shown erasing others, never themselves
                    ? List.of(Target.MANAGED_TEAM_MEMBER, Target.OTHER_TEAM_MEMBER)
                    : List.of(Target.OWN, Target.MANAGED_TEAM_MEMBER, Target.OTHER_TEAM_MEMBER);
            case TEAM -> List.of(Target.MANAGED_TEAM_MEMBER, Target.OTHER_TEAM_MEMBER);
            default -> List.of(Target.NONE);
        };
    }

    private static void withoutToken(Permission row) {
        Response response = request(row, null, Target.OTHER_TEAM_MEMBER, null);
        if (row.kind() == Kind.OPEN) {
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        } else {
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    private static void check(Permission row, Role role, Target target) {
        String account = ACCOUNTS.get(role);
        Scope scope = row.scope(role);
        Response response = request(row, platform.signIn.accessToken(account), target, account);
        switch (row.kind()) {
            case OPEN -> assertThat(response.status()).as(response.toString()).isEqualTo(200);
            case CLIENT -> assertThat(response.status()).as("a person's token: " + response).isEqualTo(403);
            case ADMIN -> {
                if (scope == Scope.ALL && row.path().contains("{sequenceId}")) {
                    // allowed and answered: nobody's events are parked here
                    assertThat(response.status()).as(response.toString()).isEqualTo(404);
                    assertThat(response.body().path("type").asText()).endsWith("dead-letter-sequence-not-found");
                } else if (scope == Scope.ALL) {
                    assertThat(response.status()).as(response.toString()).isBetween(200, 299);
                } else {
                    assertThat(response.status()).as(response.toString()).isEqualTo(403);
                }
            }
            case LIST -> {
                if (row.path().equals("/api/people")) {
                    peopleFound(row, role, account, scope);
                    return;
                }
                if (row.path().startsWith("/api/notifications")) {
                    // every account has notifications of its own (who receives which: RemindersEndToEndTest); an id
                    // that is not the caller's is unknown
                    assertThat(response.status()).as(response.toString())
                            .isEqualTo(row.path().contains("{id}") ? 404 : row.method().equals("POST") ? 204 : 200);
                    return;
                }
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                Set<String> teams = new HashSet<>();
                // a list of teams, or an answer that counts its people per team (the attention list)
                JsonNode listed = response.body().isArray() ? response.body() : response.body().path("teams");
                listed.forEach(team -> teams.add(team.get("teamId").asText()));
                switch (scope) {
                    case NONE -> assertThat(teams).isEmpty();
                    case TEAM -> assertThat(teams).containsExactly(MANAGED_TEAM);
                    default -> assertThat(teams).contains(MANAGED_TEAM, OTHER_TEAM, ADMIN_TEAM);
                }
            }
            case TEAM -> {
                boolean allowed = scope == Scope.ALL || scope == Scope.TEAM && target == Target.MANAGED_TEAM_MEMBER;
                if (allowed) {
                    assertThat(response.status()).as(response.toString()).isBetween(200, 299);
                } else {
                    assertThat(response.status()).as(response.toString()).isEqualTo(403);
                }
            }
            case PERSON -> {
                boolean allowed = switch (scope) {
                    case ALL -> true;
                    case TEAM -> target == Target.OWN || target == Target.MANAGED_TEAM_MEMBER;
                    case OWN -> target == Target.OWN;
                    case NONE -> false;
                };
                if (allowed) {
                    assertThat(response.status()).as(response.toString()).isBetween(200, 299);
                } else if (scope == Scope.NONE) {
                    assertThat(response.status()).as("the role never may: " + response).isEqualTo(403);
                } else {
                    // whether someone is registered is private: a person out of reach is unknown
                    assertThat(response.status()).as("out of reach: " + response).isEqualTo(404);
                    assertThat(response.body().path("type").asText()).endsWith("person-not-found");
                }
            }
        }
    }

    /**
     * The search by name: everyone found for the demo account by the first names of the cast (erin and maria in the
     * managed team with Tess; Oscar in another team; paul and hana elsewhere).
     */
    private static void peopleFound(Permission row, Role role, String account, Scope scope) {
        Set<String> found = new HashSet<>();
        for (String name : List.of("erin", "maria", "tess", "oscar", "paul", "hana")) {
            Response response = send(row.service(), row.method(), row.path() + "?q=" + name, platform.signIn.accessToken(account),
                    null, null);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            response.body().get("people").forEach(person -> found.add(person.get("personId").asText()));
        }
        String own = platform.personIdOf(account);
        switch (scope) {
            case NONE -> assertThat(found).isEmpty();
            case OWN -> assertThat(found).containsExactly(own);
            case TEAM -> assertThat(found).containsExactlyInAnyOrder(own, platform.personIdOf("erin"), teammate);
            case ALL -> assertThat(found).contains(own, teammate, outsider);
        }
    }

    /** The request the row describes, aimed at the target, with a body that the service would accept. */
    private static Response request(Permission row, String token, Target target, String account) {
        String teamId = target == Target.MANAGED_TEAM_MEMBER ? MANAGED_TEAM : OTHER_TEAM;
        String personId = switch (target) {
            case OWN -> platform.personIdOf(account);
            case MANAGED_TEAM_MEMBER -> row.method().equals("DELETE") ? disposable(MANAGED_TEAM) : teammate;
            case OTHER_TEAM_MEMBER, NONE -> row.method().equals("DELETE") ? disposable(OTHER_TEAM) : outsider;
        };
        String path = row.path().replace("{personId}", personId).replace("{teamId}", teamId).replace("{id}", importId)
                .replace("{sequenceId}", personId).replace("{letterId}", UUID.randomUUID().toString());
        if (path.contains("{token}")) {
            // made just before it is read: another row (DELETE /api/calendar-feed) revokes the accounts' feeds
            path = path.replace("{token}", newCalendarFeedToken());
        }
        if (path.contains("{webhookId}")) {
            // an endpoint of its own for each check (one check deletes it)
            path = path.replace("{webhookId}", send("query", "POST", "/api/webhooks", platform.signIn.accessToken("hana"),
                    "application/json", WEBHOOK).body().get("id").asText());
        }
        if (path.contains("{planId}")) {
            // a plan of the target's team, accepted by hana (who may plan any team)
            path = path.replace("{planId}", send("query", "POST", "/api/plans/accepted", platform.signIn.accessToken("hana"),
                    "application/json", acceptedPlan(teamId)).body().get("id").asText());
        }
        String body = null;
        String contentType = "application/json";
        switch (row.method() + " " + row.path()) {
            case "POST /api/people" -> body = "{\"displayName\": \"Newcomer\", \"teamId\": \"" + teamId + "\"}";
            case "POST /api/people/{personId}/career-events" -> body = "{\"type\": \"SKILL_ASSESSED\", \"effectiveDate\": \""
                    + LocalDate.of(2021, 1, 1).plusDays(DAYS.incrementAndGet()) + "\", \"skill\": \"DELIVERY_EXECUTION\", \"level\": 3}";
            case "POST /api/people/{personId}/what-if" -> body = "{\"kind\": \"PMO\", \"pmoType\": \"EXECUTIVE\", \"months\": 12}";
            case "POST /internal/person-keys" -> body = "{\"personIds\": [\"" + personId + "\"]}";
            case "POST /api/imports" -> {
                path = path + "?fileName=permissions.ndjson";
                contentType = "application/x-ndjson";
                body = "{\"personRef\": \"P-" + DAYS.incrementAndGet() + "\", \"type\": \"PERSON_REGISTERED\","
                        + " \"effectiveDate\": \"2020-01-01\", \"displayName\": \"Imported\", \"teamId\": \"" + OTHER_TEAM + "\"}\n";
            }
            case "POST /api/admin/read-models/rebuild" -> body = "";
            case "POST /api/webhooks" -> body = WEBHOOK;
            case "POST /api/plans" -> body = plan(teamId);
            case "POST /api/plans/accepted" -> body = acceptedPlan(teamId);
            default -> {
            }
        }
        return send(row.service(), row.method(), path, token, body == null ? null : contentType, body);
    }

    /** The token of a new calendar feed of hana's, from the address the API answers. */
    private static String newCalendarFeedToken() {
        Response created = send("query", "POST", "/api/calendar-feed", platform.signIn.accessToken("hana"), null, null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String url = created.body().get("url").asText();
        return url.substring(url.lastIndexOf('/') + 1, url.length() - ".ics".length());
    }

    /** A small planning problem for the team: one program-PMO seat over two quarters. */
    private static String plan(String teamId) {
        return "{\"teams\": [\"" + teamId + "\"], \"horizonQuarters\": 2,"
                + " \"seats\": [{\"kind\": \"PMO\", \"pmoType\": \"PROGRAM\"}]}";
    }

    /** Accepting the team's small plan as it stands, nobody placed (the rules then say what that costs). */
    private static String acceptedPlan(String teamId) {
        return "{\"problem\": " + plan(teamId) + ", \"assignments\": []}";
    }

    /** A receiver that refuses connections at once: a test send to it is answered quickly (as failed). */
    private static final String WEBHOOK = "{\"url\": \"http://127.0.0.1:9/hooks\", \"description\": \"permission table\"}";

    /** A person registered for being erased by one check. */
    private static String disposable(String teamId) {
        return platform.client.register("Dora Disposable", teamId, "2020-01-01");
    }

    record Response(int status, String contentType, JsonNode body, String text) {
        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    static Response send(String service, String method, String path, String token, String contentType, String body) {
        int port = service.equals("command") ? platform.services.commandPort() : platform.services.queryPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !response.body().isEmpty() ? JSON.readTree(response.body()) : JSON.nullNode();
            return new Response(response.statusCode(), type, json, response.body().length() > 400
                    ? response.body().substring(0, 400) + "..." : response.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }
}
