package io.careerpath.query.access;

import static io.careerpath.query.api.ApiFixture.A;
import static io.careerpath.query.api.ApiFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.query.api.ApiTestSetup;
import io.careerpath.security.Role;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Input that could reach a query in another shape (operators, path tricks, huge values) is refused
 * with 400 problem details naming the parameter, before anything is sent to MongoDB.
 */
@ApiTest
class HostileInputTest {

    private static final String HUGE = "x".repeat(10_000);

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private ApiTestSetup.MongoCommands mongo;

    @BeforeEach
    void seed() {
        fixture.seeded();
    }

    /** Refused as bad input naming the field, and MongoDB never asked. */
    private void refused(MockHttpServletRequestBuilder request, String field) throws Exception {
        mongo.clear();
        ResultActions result = mvc.perform(request.with(as(Role.HR_ADMIN)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        if (field != null) {
            result.andExpect(jsonPath("$.errors[0].field").value(field));
        }
        // named, not echoed (the problem's "instance" is the request's own path, as RFC 9457 has it)
        com.fasterxml.jackson.databind.JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(result.andReturn().getResponse().getContentAsString());
        assertThat(problem.path("detail").asText() + problem.path("errors")).doesNotContain(HUGE);
        assertThat(mongo.sent()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"$gt\":\"\"}", "$where", "' || 1==1", "not-a-uuid", "aaaaaaaa-0000-4000-8000-00000000000"})
    void aPersonIdThatIsNoUuid(String personId) throws Exception {
        refused(get("/api/people/{id}/timeline", personId), "personId");
        refused(get("/api/people/{id}/skills", personId), "personId");
        refused(post("/api/people/{id}/what-if", personId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"DELIVERY\",\"months\":6}"), "personId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"$gt\":\"\"}", "$where", ".hidden", "a b", "t1'drop"})
    void aTeamIdOfAnotherShape(String teamId) throws Exception {
        refused(get("/api/teams/{id}/rotation-board", teamId), "teamId");
    }

    @org.junit.jupiter.api.Test
    void hugeValues() throws Exception {
        refused(get("/api/people/{id}/timeline", HUGE), "personId");
        refused(get("/api/teams/{id}/rotation-board", HUGE), "teamId");
        refused(get("/api/people/{id}/timeline", A).param("asOf", HUGE), "asOf");
        refused(get("/api/people/{id}/timeline", A).param("minSequence", HUGE), "minSequence");
        refused(post("/api/people/{id}/what-if", A).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"" + HUGE + "\",\"months\":6}"), "kind");
    }

    @org.junit.jupiter.api.Test
    void pathTraversal() throws Exception {
        refused(get(URI.create("/api/people/..%2F..%2Fetc%2Fpasswd/timeline")), null);
        refused(get(URI.create("/api/people/../../etc/passwd/timeline")), null);
        refused(get(URI.create("/api/teams/%2e%2e%2f%2e%2e/rotation-board")), null);
        refused(get(URI.create("/api/teams/t1;drop/rotation-board")), null);
    }

    @org.junit.jupiter.api.Test
    void queryParametersOutOfBounds() throws Exception {
        refused(get("/api/people/{id}/timeline", A).param("asOf", "{\"$gt\":\"\"}"), "asOf");
        refused(get("/api/people/{id}/timeline", A).param("asOf", "1899-12-31"), "asOf");
        refused(get("/api/people/{id}/timeline", A).param("asOf", "2999-01-01"), "asOf");
        refused(get("/api/people/{id}/skills", A).param("knownOn", "$where"), "knownOn");
        refused(get("/api/people/{id}/skills", A).param("curves", "$where"), "curves");
        refused(get("/api/people/{id}/timeline", A).param("minSequence", "-1"), "minSequence");
        refused(get("/api/people/{id}/timeline", A).param("minSequence", "99999999999999"), "minSequence");
        refused(get("/api/teams/t1/rotation-board").param("knownOn", "../../etc/passwd"), "knownOn");
    }

    @org.junit.jupiter.api.Test
    void whatIfBodiesOfAnotherShape() throws Exception {
        for (List<String> body : List.of(
                List.of("{\"kind\":{\"$gt\":\"\"},\"months\":6}", "kind"),
                List.of("{\"kind\":\"PMO\",\"pmoType\":\"$where\",\"months\":6}", "pmoType"),
                List.of("{\"kind\":\"DELIVERY\",\"months\":10000}", "months"),
                List.of("{\"kind\":\"DELIVERY\",\"months\":{\"$gt\":0}}", "months"),
                List.of("{\"kind\":\"DELIVERY\",\"months\":6,\"adminLoadPercent\":1e9}", "adminLoadPercent"),
                List.of("[1,2,3]", "body"),
                List.of("not json", "body"))) {
            refused(post("/api/people/{id}/what-if", A).contentType(MediaType.APPLICATION_JSON).content(body.get(0)),
                    body.get(1));
        }
    }
}
