package io.careerpath.query.timeline;

import static io.careerpath.query.api.ApiFixture.A;
import static io.careerpath.query.api.ApiFixture.MANAGER;
import static io.careerpath.query.api.ApiFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.TeamChanged;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.query.history.TeamNames;
import io.careerpath.query.keys.TestKeys;
import io.careerpath.security.Role;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Recorders by name where the caller may see them, else by what they are; teams by their names. */
@ApiTest
class PeopleAndTeamsInWordsTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private TestKeys keys;

    @BeforeEach
    void seed() {
        fixture.seeded();
    }

    @Test
    void anEmployeeSeesHerOwnEntriesAsHersAndAManagerSheMayNotSeeByRole() throws Exception {
        JsonNode entries = answer("/api/people/" + A + "/timeline", Role.EMPLOYEE).get("entries");

        assertThat(recorderOf(entries, "a-d1").get("role").asText()).isEqualTo("you");
        JsonNode assessor = recorderOf(entries, "a-s1");
        assertThat(assessor.get("displayName").isNull()).isTrue();
        assertThat(assessor.get("role").asText()).isEqualTo("a manager or HR");
        // the stored recorder stays in the answer for audits; the words never hold it
        assertThat(entry(entries, "a-s1").get("recordedBy").asText()).isEqualTo(MANAGER);
        for (JsonNode entry : entries) {
            assertThat(entry.get("recorder").toString()).doesNotContain(MANAGER, A);
        }
    }

    @Test
    void aPmoLeadSeesRecordersByName() throws Exception {
        JsonNode entries = answer("/api/people/" + A + "/timeline", Role.PMO_LEAD).get("entries");

        assertThat(recorderOf(entries, "a-s1").get("displayName").asText()).isEqualTo("Mia Manager");
        JsonNode own = recorderOf(entries, "a-d1");
        assertThat(own.get("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(own.get("role").asText()).isEqualTo("the person themselves");
    }

    @Test
    void aTeamIsCalledByTheLatestNameRecordedForItWhateverOrderTheNamesArriveIn() throws Exception {
        String first = ApiFixture.newPersonId();
        String second = ApiFixture.newPersonId();
        fixture.person(second, "Sid Second", "t1", "2019-01-01");
        // the later name arrives first: the latest recorded wins, not the latest to arrive
        fixture.record(new TeamChanged(second, "named-later", LocalDate.parse("2020-01-01"), "hr",
                Instant.parse("2025-03-01T00:00:00Z"), "team-zeta", null, "Zeta Two"));
        keys.newKeyFor(first);
        fixture.record(new PersonRegistered(first, "named-first", LocalDate.parse("2019-01-01"), "hr",
                Instant.parse("2025-02-01T00:00:00Z"), fixture.seal(first, "Fia First"), "team-zeta", "Zeta"));

        JsonNode zeta = null;
        for (JsonNode team : answer("/api/teams", Role.HR_ADMIN)) {
            if (team.get("teamId").asText().equals("team-zeta")) {
                zeta = team;
            }
        }
        assertThat(zeta).isNotNull();
        assertThat(zeta.get("teamName").asText()).isEqualTo("Zeta Two");
        JsonNode board = answer("/api/teams/team-zeta/rotation-board", Role.HR_ADMIN);
        assertThat(board.get("teamName").asText()).isEqualTo("Zeta Two");
        // the start page and the board count the same people
        assertThat(zeta.get("members").asInt()).isEqualTo(board.get("members").size());
        assertThat(answer("/api/people/" + second + "/timeline", Role.HR_ADMIN).get("teamName").asText())
                .isEqualTo("Zeta Two");
    }

    @Test
    void aTeamNobodyNamedIsCalledByItsIdReadAsAName() throws Exception {
        assertThat(TeamNames.readable("team-apollo")).isEqualTo("Apollo");
        assertThat(TeamNames.readable("platform_ops")).isEqualTo("Platform ops");
        assertThat(answer("/api/teams/t2/rotation-board", Role.HR_ADMIN).get("teamName").asText()).isEqualTo("T2");
    }

    @Test
    void theStartPageCountsWhoIsOnTheBoardTodayNotEveryoneWhoEverBelonged() throws Exception {
        // C left t1 for t2 in 2024: t1 has had more people than are on its board now
        for (JsonNode team : answer("/api/teams", Role.HR_ADMIN)) {
            int onBoard = answer("/api/teams/" + team.get("teamId").asText() + "/rotation-board", Role.HR_ADMIN)
                    .get("members").size();
            assertThat(team.get("members").asInt()).as(team.toString()).isEqualTo(onBoard);
        }
    }

    private JsonNode answer(String path, Role role) throws Exception {
        return json.readTree(mvc.perform(get(path).with(as(role)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static JsonNode entry(JsonNode entries, String eventId) {
        for (JsonNode entry : entries) {
            if (entry.get("eventId").asText().equals(eventId)) {
                return entry;
            }
        }
        throw new AssertionError("no entry " + eventId + " in " + entries);
    }

    private static JsonNode recorderOf(JsonNode entries, String eventId) {
        return entry(entries, eventId).get("recorder");
    }
}
