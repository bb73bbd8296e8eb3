package io.careerpath.query.access;

import static io.careerpath.query.api.ApiFixture.A;
import static io.careerpath.query.api.ApiFixture.B;
import static io.careerpath.query.api.ApiFixture.C;
import static io.careerpath.query.api.ApiFixture.E;
import static io.careerpath.query.api.ApiFixture.F;
import static io.careerpath.query.api.ApiFixture.T1;
import static io.careerpath.query.api.ApiFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.security.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Who is on a team's board for whom, and that the aggregates describe exactly those people. */
@ApiTest
class RotationBoardAccessTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private ObjectMapper json;

    @BeforeEach
    void seed() {
        fixture.seeded();
    }

    /** The board of t1 on a day, with everything known today (the fixture's events were recorded in 2025). */
    private JsonNode board(Role role, String asOf) throws Exception {
        return json.readTree(mvc.perform(get("/api/teams/" + T1 + "/rotation-board").param("asOf", asOf)
                        .param("knownOn", "2025-06-01").with(as(role)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static List<String> members(JsonNode board) {
        List<String> ids = new ArrayList<>();
        board.get("members").forEach(member -> ids.add(member.get("personId").asText()));
        return ids;
    }

    @Test
    void aManagerDoesNotSeeSomeoneWhoMovedAwayNotEvenOnPastBoards() throws Exception {
        JsonNode past = board(Role.MANAGER, "2023-06-01");

        // C was in t1 then, but is in t2 now: not the manager's to see any more
        assertThat(members(past)).containsExactlyInAnyOrder(A, B, E, F);
        // E moves to t2 only in September: still the manager's today
        assertThat(members(board(Role.MANAGER, "2025-06-01"))).containsExactlyInAnyOrder(A, B, E, F);
    }

    @Test
    void everyoneWhoBelongedIsOnThePastBoardForThoseWhoSeeEveryone() throws Exception {
        assertThat(members(board(Role.PMO_LEAD, "2023-06-01"))).containsExactlyInAnyOrder(A, B, C, E, F);
        assertThat(members(board(Role.HR_ADMIN, "2025-06-01"))).containsExactlyInAnyOrder(A, B, E, F);
    }

    @Test
    void theAggregatesDescribeOnlyTheMembersTheCallerSees() throws Exception {
        JsonNode forPmoLead = board(Role.PMO_LEAD, "2023-06-01");
        JsonNode forManager = board(Role.MANAGER, "2023-06-01");

        assertThat(forPmoLead.get("aggregates").get("members").asInt()).isEqualTo(5);
        // four visible people: fewer than five, so withheld, and nothing about C leaks through them
        assertThat(forManager.get("aggregates").isNull()).isTrue();
        assertThat(forManager.get("aggregatesWithheld").asText()).contains("4 people");
        forManager.get("rotationsLastYear").forEach(rotation ->
                assertThat(rotation.get("personId").asText()).isNotEqualTo(C));
    }

    @Test
    void namesOnTheBoardAreOpenedForTheAnswer() throws Exception {
        JsonNode board = board(Role.MANAGER, "2025-06-01");

        List<String> names = new ArrayList<>();
        board.get("members").forEach(member -> names.add(member.get("displayName").asText()));
        assertThat(names).containsExactly("Ada Lovelace", "Bob Byte", "Eve Future", "Fay Fifth");
        JsonNode ada = board.get("members").get(0);
        assertThat(ada.get("currentAssignment").get("name").asText()).isEqualTo("PMO North");
        assertThat(board.toString()).doesNotContain("sealed:v1:");
    }

    @Test
    void aManagerMayNotOpenABoardOfATeamTheyDoNotManage() throws Exception {
        mvc.perform(get("/api/teams/t2/rotation-board").with(as(Role.MANAGER))).andExpect(status().isForbidden());
        mvc.perform(get("/api/teams/" + T1 + "/rotation-board").with(as(Role.EMPLOYEE))).andExpect(status().isForbidden());
    }
}
