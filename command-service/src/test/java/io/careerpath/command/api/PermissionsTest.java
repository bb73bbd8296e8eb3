package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.security.PermissionTable;
import io.careerpath.security.PermissionTable.Permission;
import io.careerpath.security.PermissionTable.Scope;
import io.careerpath.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The command rows of the permission table (shared-security's permissions.csv, docs/security.md), each
 * against every role and a caller without one, on the caller's own person, a person of a team they
 * manage and anybody else (or a managed team and another one). Allowed requests succeed; refused ones
 * answer 403 (the role may not do it at all, or not for this team) or 404 exactly like an unknown person
 * (a person the caller may not see), and record nothing. A row this test does not know fails it: every
 * endpoint in the table is exercised.
 */
class PermissionsTest extends CommandApiTest {

    private enum Target { OWN, TEAM, OTHER }

    /** The caller's world: their own person (in a team they do not manage), one in their team, one elsewhere. */
    private record World(String own, String team, String other, String managedTeam, String otherTeam,
                         JwtRequestPostProcessor token) {

        String person(Target target) {
            return switch (target) {
                case OWN -> own;
                case TEAM -> team;
                case OTHER -> other;
            };
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCommandRowForEveryRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Permission row : PermissionTable.load()) {
            if (!row.service().equals("command")) {
                continue;
            }
            List<Role> roles = new ArrayList<>(List.of(Role.values()));
            roles.add(null);
            for (Role role : roles) {
                Scope scope = role == null ? Scope.NONE : row.scope(role);
                String who = role == null ? "a caller without a role" : role.name();
                switch (row.kind()) {
                    case PERSON -> {
                        for (Target target : Target.values()) {
                            tests.add(DynamicTest.dynamicTest(row + " as " + who + " on " + target + " person",
                                    () -> onPerson(row, role, scope, target)));
                        }
                    }
                    case TEAM -> {
                        tests.add(DynamicTest.dynamicTest(row + " as " + who + " into a managed team",
                                () -> intoTeam(row, role, scope, true)));
                        tests.add(DynamicTest.dynamicTest(row + " as " + who + " into another team",
                                () -> intoTeam(row, role, scope, false)));
                    }
                    case ADMIN, CLIENT -> tests.add(DynamicTest.dynamicTest(row + " as " + who,
                            () -> administrative(row, role, scope)));
                    case OPEN -> tests.add(DynamicTest.dynamicTest(row + " as " + who, () -> open(row, role)));
                    default -> throw new AssertionError("a command endpoint of kind " + row.kind() + ": " + row);
                }
            }
        }
        return tests.stream();
    }

    @Test
    void theKeyPathAnswersTheQueryServicesClient() throws Exception {
        World world = world(Role.HR_ADMIN);

        MockHttpServletResponse response = mvc.perform(keysRequest(world).with(token("careerpath-query", null,
                List.of(), List.of()).authorities(new SimpleGrantedAuthority("SCOPE_careerpath.keys"))))
                .andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json.readTree(response.getContentAsString()).get("keys").has(world.own())).isTrue();
    }

    private void onPerson(Permission row, Role role, Scope scope, Target target) throws Exception {
        World world = world(role);
        String person = world.person(target);
        boolean allowed = switch (scope) {
            case ALL -> true;
            case TEAM -> target != Target.OTHER;
            case OWN -> target == Target.OWN;
            case NONE -> false;
        };
        int events = storedEvents(person).size();
        MockHttpServletRequestBuilder request = switch (row.method() + " " + row.path()) {
            case "POST /api/people/{personId}/career-events" -> record(person, """
                    {"type": "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate": "2024-01-01", "percentOfTime": 10}""");
            case "GET /api/people/{personId}/career-events" -> history(person);
            case "DELETE /api/people/{personId}" -> delete("/api/people/{id}", person);
            default -> throw new AssertionError("no request for " + row);
        };

        MockHttpServletResponse response = mvc.perform(request.with(world.token())).andReturn().getResponse();

        if (allowed) {
            assertThat(response.getStatus()).as(response.getContentAsString())
                    .isEqualTo(switch (row.method()) {
                        case "POST" -> 201;
                        case "DELETE" -> 204;
                        default -> 200;
                    });
            return;
        }
        if (row.method().equals("DELETE")) {
            // erasing is decided by role alone
            assertProblem(response, 403, "forbidden");
        } else {
            // someone the caller may not see is answered exactly like someone who does not exist
            JsonNode problem = assertProblem(response, 404, "person-not-found");
            assertThat(problem.get("title").asText()).isEqualTo("Unknown person");
            assertThat(problem.get("detail").asText()).isEqualTo("No person with id " + person + " is registered");
        }
        assertThat(storedEvents(person)).hasSize(events);
    }

    private void intoTeam(Permission row, Role role, Scope scope, boolean managed) throws Exception {
        assertThat(row.method() + " " + row.path()).isEqualTo("POST /api/people");
        World world = world(role);
        String team = managed ? world.managedTeam() : world.otherTeam();
        boolean allowed = scope == Scope.ALL || scope == Scope.TEAM && managed;
        long events = allStoredEvents();

        MockHttpServletResponse response = mvc.perform(post("/api/people").contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of("displayName", "Someone", "teamId", team))).with(world.token()))
                .andReturn().getResponse();

        if (allowed) {
            assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        } else {
            assertProblem(response, 403, "forbidden");
            assertThat(allStoredEvents()).isEqualTo(events);
        }
    }

    /** Open to anyone: answered alike with any token and without one. */
    private void open(Permission row, Role role) throws Exception {
        MockHttpServletRequestBuilder request = switch (row.method() + " " + row.path()) {
            case "GET /asyncapi.yaml" -> get("/asyncapi.yaml");
            default -> throw new AssertionError("no request for " + row);
        };
        if (role != null) {
            request.with(token("user-" + UUID.randomUUID(), null, List.of(role.name()), List.of()));
        }

        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    }

    private void administrative(Permission row, Role role, Scope scope) throws Exception {
        World world = world(role);
        String anImport = anImport();
        MockHttpServletRequestBuilder request = switch (row.method() + " " + row.path()) {
            case "POST /api/imports" -> post("/api/imports").contentType(MediaType.parseMediaType("text/csv"))
                    .content("personRef,type,effectiveDate,displayName,teamId\nperm-" + UUID.randomUUID()
                            + ",PERSON_REGISTERED,2020-01-06,Someone,team-p\n");
            case "GET /api/imports" -> get("/api/imports");
            case "GET /api/imports/{id}" -> get("/api/imports/{id}", anImport);
            case "POST /internal/person-keys" -> keysRequest(world);
            case "GET /internal/event-store/people" -> get("/internal/event-store/people");
            case "POST /internal/event-store/events" -> post("/internal/event-store/events")
                    .contentType(MediaType.APPLICATION_JSON).content("{\"personIds\": [\"" + world.own() + "\"]}");
            case "GET /api/admin/dead-letters" -> get("/api/admin/dead-letters");
            case "POST /api/admin/dead-letters/{sequenceId}/retry" -> post("/api/admin/dead-letters/{s}/retry", world.own());
            case "DELETE /api/admin/dead-letters/{sequenceId}/letters/{letterId}" ->
                    delete("/api/admin/dead-letters/{s}/letters/{l}", world.own(), UUID.randomUUID());
            default -> throw new AssertionError("no request for " + row);
        };

        MockHttpServletResponse response = mvc.perform(request.with(world.token())).andReturn().getResponse();

        if (scope != Scope.ALL) {
            assertProblem(response, 403, "forbidden");
        } else if (row.path().contains("{sequenceId}")) {
            // allowed, and answered: nothing is parked here (the publisher is off in these tests; parking,
            // retrying and evicting for real are PublisherDeadLettersTest's)
            assertProblem(response, 404, "dead-letter-sequence-not-found");
        } else {
            assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(row.method().equals("POST") ? 202 : 200);
        }
    }

    private MockHttpServletRequestBuilder keysRequest(World world) {
        return post("/internal/person-keys").contentType(MediaType.APPLICATION_JSON)
                .content("{\"personIds\": [\"" + world.own() + "\"]}");
    }

    private String anImport() throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/api/imports").contentType(MediaType.parseMediaType("text/csv"))
                .content("personRef,type\n")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(202);
        String location = response.getHeader("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Registered by the (default) HR administrator. */
    private World world(Role role) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String managed = "team-m-" + suffix;
        String elsewhere = "team-o-" + suffix;
        String own = registerInto(elsewhere, UUID.randomUUID().toString());
        String team = registerInto(managed, null);
        String other = registerInto(elsewhere, null);
        return new World(own, team, other, managed, elsewhere, token("user-" + suffix, own,
                role == null ? List.of() : List.of(role.name()), List.of(managed)));
    }

    private String registerInto(String teamId, String personId) throws Exception {
        Map<String, String> fields = new java.util.HashMap<>(Map.of("displayName", "Person of " + teamId,
                "teamId", teamId, "effectiveDate", "2020-01-06"));
        if (personId != null) {
            fields.put("personId", personId);
        }
        MockHttpServletResponse response = mvc.perform(post("/api/people").contentType(MediaType.APPLICATION_JSON)
                .content(body(fields))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return json.readTree(response.getContentAsString()).get("personId").asText();
    }

    private JsonNode assertProblem(MockHttpServletResponse response, int status, String type) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:careerpath:problem:" + type);
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }
}
