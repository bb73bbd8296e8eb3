package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.TeamChanged;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;

/**
 * Registering under the person id of a sign-in account, so that the account's own career is this one;
 * and who sees whom as people move between teams (a manager sees the people whose current team they
 * manage: the latest team fact effective today, retractions applied).
 */
class RegistrationTest extends CommandApiTest {

    @Test
    void aPersonIsRegisteredUnderTheGivenIdInLowerCaseAndOnlyOnce() throws Exception {
        String id = UUID.randomUUID().toString();

        MockHttpServletResponse first = register(id.toUpperCase(Locale.ROOT), "team-apollo");
        MockHttpServletResponse again = register(id, "team-apollo");

        assertThat(first.getStatus()).as(first.getContentAsString()).isEqualTo(201);
        assertThat(json.readTree(first.getContentAsString()).get("personId").asText()).isEqualTo(id);
        assertThat(first.getHeader("Location")).isEqualTo("/api/people/" + id);
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(json.readTree(again.getContentAsString()).get("type").asText())
                .isEqualTo("urn:careerpath:problem:person-already-exists");
        assertThat(storedEvents(id)).hasSize(1);
    }

    @Test
    void aRegistrationAndATeamChangeMayNameTheTeamInTheClearAndOnlyOnOneLine() throws Exception {
        MockHttpServletResponse registered = mvc.perform(post("/api/people").contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"displayName": "Ada Lovelace", "teamId": "team-apollo", "teamName": "Apollo"}""")).andReturn()
                .getResponse();
        String id = json.readTree(registered.getContentAsString()).get("personId").asText();
        recorded(id, """
                {"type": "TEAM_CHANGED", "effectiveDate": "2024-01-08", "teamId": "team-gemini", "teamName": "Gemini"}""");

        // a team's name is no personal data: stored in the clear, where the name of the person is sealed
        assertThat(((PersonRegistered) storedEvents(id).get(0)).teamName()).isEqualTo("Apollo");
        assertThat(((PersonRegistered) storedEvents(id).get(0)).displayName()).startsWith("sealed:");
        assertThat(((TeamChanged) storedEvents(id).get(1)).teamName()).isEqualTo("Gemini");
        for (String bad : new String[] {"\"\"", "\"  \"", "\"Two\\nlines\""}) {
            MockHttpServletResponse refused = mvc.perform(record(id, """
                    {"type": "TEAM_CHANGED", "effectiveDate": "2024-02-05", "teamId": "team-b", "teamName": %s}"""
                    .formatted(bad))).andReturn().getResponse();
            assertThat(refused.getStatus()).as(bad).isEqualTo(400);
            assertThat(refused.getContentAsString()).contains("teamName");
        }
        assertThat(storedEvents(id)).hasSize(2);
    }

    @Test
    void anErasedPersonsIdIsNotGivenOutAgain() throws Exception {
        String id = UUID.randomUUID().toString();
        register(id, "team-apollo");
        mvc.perform(delete("/api/people/{id}", id)).andReturn();

        assertThat(register(id, "team-apollo").getStatus()).isEqualTo(409);
    }

    @Test
    void theOwnCareerOfAnAccountIsTheOneRegisteredUnderItsPersonId() throws Exception {
        String id = UUID.randomUUID().toString();
        register(id, "team-apollo");
        JwtRequestPostProcessor employee = token("employee-" + id, id, List.of("EMPLOYEE"), List.of());

        assertThat(mvc.perform(history(id).with(employee)).andReturn().getResponse().getStatus()).isEqualTo(200);
        MockHttpServletResponse recorded = mvc.perform(record(id, """
                {"type": "SKILL_ASSESSED", "effectiveDate": "2024-01-01", "skill": "LEADERSHIP", "level": 2}""")
                .with(employee)).andReturn().getResponse();
        assertThat(recorded.getStatus()).isEqualTo(201);
        assertThat(storedEvents(id).get(1).recordedBy()).as("the account's person id").isEqualTo(id);
    }

    @Test
    void aManagerSeesThePeopleWhoseCurrentTeamTheyManage() throws Exception {
        String team = "team-" + UUID.randomUUID().toString().substring(0, 8);
        String person = json.readTree(register(null, team).getContentAsString()).get("personId").asText();
        JwtRequestPostProcessor manager = token("manager", null, List.of("MANAGER"), List.of(team));
        assertThat(status(person, manager)).isEqualTo(200);

        JsonNode moved = recorded(person, """
                {"type": "TEAM_CHANGED", "effectiveDate": "2024-01-01", "teamId": "team-elsewhere"}""");
        assertThat(status(person, manager)).as("moved on").isEqualTo(404);

        recorded(person, """
                {"type": "EVENT_RETRACTED", "effectiveDate": "2024-02-01", "eventId": "%s", "reason": "wrong person"}"""
                .formatted(moved.get("eventId").asText()));
        assertThat(status(person, manager)).as("the move was retracted").isEqualTo(200);

        recorded(person, """
                {"type": "TEAM_CHANGED", "effectiveDate": "2025-06-16", "teamId": "team-elsewhere"}""");
        assertThat(status(person, manager)).as("a move effective tomorrow (UTC) is not current yet").isEqualTo(200);
        assertThat(status(person, token("other-manager", null, List.of("MANAGER"), List.of("team-elsewhere"))))
                .isEqualTo(404);
    }

    @Test
    void anEmployeeMayNotRegisterAnyoneAndAManagerOnlyIntoTheirTeams() throws Exception {
        MockHttpServletResponse employee = mvc.perform(registration(null, "team-apollo")
                .with(token("e", null, List.of("EMPLOYEE"), List.of()))).andReturn().getResponse();
        MockHttpServletResponse manager = mvc.perform(registration(null, "team-apollo")
                .with(token("m", null, List.of("MANAGER"), List.of("team-gemini")))).andReturn().getResponse();

        assertThat(employee.getStatus()).isEqualTo(403);
        assertThat(manager.getStatus()).isEqualTo(403);
        assertThat(json.readTree(manager.getContentAsString()).get("detail").asText()).contains("team-apollo");
    }

    private int status(String person, JwtRequestPostProcessor token) throws Exception {
        return mvc.perform(history(person).with(token)).andReturn().getResponse().getStatus();
    }

    private MockHttpServletResponse register(String personId, String teamId) throws Exception {
        return mvc.perform(registration(personId, teamId)).andReturn().getResponse();
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder registration(String personId,
                                                                                                   String teamId) {
        Map<String, String> fields = new java.util.HashMap<>(Map.of("displayName", "Grace", "teamId", teamId,
                "effectiveDate", "2020-01-06"));
        if (personId != null) {
            fields.put("personId", personId);
        }
        return post("/api/people").contentType(MediaType.APPLICATION_JSON).content(body(fields));
    }
}
