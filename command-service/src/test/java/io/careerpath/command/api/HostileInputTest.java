package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Hostile values in paths and bodies are refused with 400 problem details naming the field, before
 * anything reaches a query or the event store, and without being echoed back.
 */
class HostileInputTest extends CommandApiTest {

    static List<String> hostileIds() {
        return List.of("{\"$gt\":\"\"}", "../../etc/passwd", "' OR '1'='1", "x".repeat(10_000),
                "00000000-0000-0000-0000-00000000000g", "person-ada");
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void aPersonIdThatIsNoUuidIsRefusedOnEveryPersonEndpoint(String id) throws Exception {
        long before = allStoredEvents();

        for (MockHttpServletRequestBuilder request : List.of(
                record("{id}", "{\"type\": \"TEAM_CHANGED\", \"effectiveDate\": \"2024-01-01\", \"teamId\": \"t\"}"),
                history("{id}"), delete("/api/people/{id}", "{id}"))) {
            MockHttpServletResponse response = mvc.perform(withId(request, id)).andReturn().getResponse();
            JsonNode problem = problem(response, 400);
            assertThat(problem.get("type").asText()).isIn("urn:careerpath:problem:invalid-value",
                    "urn:careerpath:problem:rejected-request");
            if (problem.get("type").asText().endsWith("invalid-value")) {
                assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("personId");
            }
            // the detail does not echo the value (the instance is the request's own path, as RFC 9457 has it)
            assertThat(problem.get("detail").asText()).doesNotContain(id.length() > 20 ? id.substring(0, 20) : "$gt");
        }
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void anImportIdThatIsNoUuidIsRefused(String id) throws Exception {
        JsonNode problem = problem(mvc.perform(withId(get("/api/imports/{id}", "{id}"), id)).andReturn().getResponse(), 400);

        assertThat(problem.get("detail").asText()).doesNotContain("$gt");
        if (problem.get("type").asText().endsWith("invalid-value")) {
            assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("id");
        } else {
            // encoded slashes: Spring Security's firewall refuses the URL before any controller
            assertThat(problem.get("type").asText()).isEqualTo("urn:careerpath:problem:rejected-request");
        }
    }

    @org.junit.jupiter.api.Test
    void encodedSlashesAndDotsInThePathAreRejected() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/api/people/..%2F..%2Fetc/career-events")).andReturn()
                .getResponse();

        JsonNode problem = problem(response, 400);
        assertThat(problem.get("type").asText()).isIn("urn:careerpath:problem:rejected-request",
                "urn:careerpath:problem:invalid-value");
    }

    @org.junit.jupiter.api.Test
    void hostileOrOversizedValuesInABodyAreRefusedNamingTheField() throws Exception {
        long before = allStoredEvents();
        Map<String, Map<String, String>> bodies = Map.of(
                "teamId", Map.of("displayName", "Eve", "teamId", "{\"$gt\":\"\"}"),
                "displayName", Map.of("displayName", "E".repeat(10_000), "teamId", "team-a"),
                "personId", Map.of("displayName", "Eve", "teamId", "team-a", "personId", "../../etc"));

        for (var body : bodies.entrySet()) {
            MockHttpServletResponse response = mvc.perform(post("/api/people").contentType(MediaType.APPLICATION_JSON)
                    .content(body(body.getValue()))).andReturn().getResponse();
            JsonNode problem = problem(response, 400);
            assertThat(problem.get("errors").findValuesAsText("field")).as(body.getKey()).contains(body.getKey());
        }
        String person = register();
        JsonNode team = problem(mvc.perform(record(person, """
                {"type": "TEAM_CHANGED", "effectiveDate": "2024-01-01", "teamId": "a/b", "managerId": "x".repeat(65)}"""
                .replace("\"x\".repeat(65)", "\"" + "x".repeat(65) + "\""))).andReturn().getResponse(), 400);
        assertThat(team.get("errors").findValuesAsText("field")).contains("teamId", "managerId");
        JsonNode retraction = problem(mvc.perform(record(person, """
                {"type": "EVENT_RETRACTED", "effectiveDate": "2024-01-01", "eventId": "{\\"$ne\\": null}", "reason": "x"}"""))
                .andReturn().getResponse(), 400);
        assertThat(retraction.get("errors").findValuesAsText("field")).contains("eventId");
        assertThat(allStoredEvents()).isEqualTo(before + 1);
    }

    /** The id goes into the path encoded, exactly as a client would send it. */
    private static MockHttpServletRequestBuilder withId(MockHttpServletRequestBuilder request, String id) {
        return request.with(r -> {
            String encoded = org.springframework.web.util.UriUtils.encodePathSegment(id, "UTF-8");
            String uri = r.getRequestURI().replace("%7Bid%7D", encoded).replace("{id}", encoded);
            r.setRequestURI(uri);
            r.setPathInfo(null);
            return r;
        });
    }

    private JsonNode problem(MockHttpServletResponse response, int status) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }
}
