package io.careerpath.query.team;

import io.careerpath.query.words.NaturalOrder;
import static io.careerpath.query.api.ApiFixture.A;
import static io.careerpath.query.api.ApiFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PmoType;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.security.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The attention list against the rotation boards of the same people: the same flags, retention and rotate-back
 * dates; who is on it for whom; its filters, window, order and per-team figures (withheld under 5); its CSV.
 */
@ApiTest
// its own application context: the teams added here must not show up in other tests' team lists
@TestPropertySource(properties = "careerpath.query.minimum-aggregate-size=5")
class AttentionListTest {

    private static final String BIG = "att-big";
    private static final String SMALL = "att-small";
    private static final Instant RECORDED = Instant.parse("2025-01-15T09:00:00Z");
    private static final Map<String, String> IDS = new HashMap<>();

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private ObjectMapper json;

    @BeforeEach
    void seed() {
        fixture.seeded();
        if (!IDS.isEmpty()) {
            return;
        }
        // long away from delivery: flagged on their board
        awayFromDelivery("Spine Probe 10", BIG, "2019-01-01", PmoType.PROGRAM);
        awayFromDelivery("Spine Probe 2", BIG, "2019-06-01", PmoType.EXECUTIVE);
        awayFromDelivery("Spine Probe 1", BIG, "2020-01-01", PmoType.ORGANIZATIONAL);
        awayFromDelivery("Zoë Ångström", BIG, "2018-01-01", PmoType.PROGRAM);
        awayFromDelivery("Ben Early", BIG, "2017-01-01", PmoType.PROGRAM);
        awayFromDelivery("=HYPERLINK(\"http://evil\",\"x\")", BIG, "2019-03-01", PmoType.PROGRAM);
        String delivering = person("Dee Delivering", BIG);
        fixture.record(new DeliveryRoleStarted(delivering, "dee-d1", LocalDate.parse("2015-01-01"), delivering, RECORDED,
                fixture.seal(delivering, "Gemini")));
        person("Nia Nothing", BIG);
        awayFromDelivery("Sam Small", SMALL, "2019-01-01", PmoType.PROGRAM);
        awayFromDelivery("Sue Soon", SMALL, "2025-03-01", PmoType.EXECUTIVE);
    }

    private String person(String name, String team) {
        String id = ApiFixture.newPersonId();
        IDS.put(name, id);
        fixture.person(id, name, team, "2010-01-01");
        return id;
    }

    private void awayFromDelivery(String name, String team, String pmoSince, PmoType type) {
        String id = person(name, team);
        fixture.record(new DeliveryRoleStarted(id, id + "-d", LocalDate.parse("2010-01-01"), id, RECORDED,
                fixture.seal(id, "Delivery project")));
        fixture.record(new JoinedPmo(id, id + "-p", LocalDate.parse(pmoSince), id, RECORDED, type,
                fixture.seal(id, "PMO " + name), DeliveryResponsibility.NONE));
    }

    private JsonNode read(MockHttpServletRequestBuilder request) throws Exception {
        return json.readTree(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private JsonNode attention(Role role, String... params) throws Exception {
        MockHttpServletRequestBuilder request = get("/api/attention").with(as(role));
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return read(request);
    }

    private static List<String> names(JsonNode answer) {
        List<String> names = new ArrayList<>();
        answer.get("people").forEach(person -> names.add(person.get("displayName").asText()));
        return names;
    }

    private JsonNode board(String team) throws Exception {
        return read(get("/api/teams/" + team + "/rotation-board").with(as(Role.PMO_LEAD)));
    }

    private static JsonNode byId(JsonNode people, String personId) {
        for (JsonNode person : people) {
            if (person.get("personId").asText().equals(personId)) {
                return person;
            }
        }
        return null;
    }

    @Test
    void everyoneFlaggedOnABoardOrDueWithinTheWindowIsListedWithTheBoardsFigures() throws Exception {
        LocalDate today = LocalDate.parse("2025-06-01");
        for (int months : new int[] {0, 3, 6, 36}) {
            JsonNode list = attention(Role.PMO_LEAD, "withinMonths", String.valueOf(months));
            int expected = 0;
            for (String team : List.of(BIG, SMALL, ApiFixture.T1, ApiFixture.T2, "mgmt")) {
                for (JsonNode member : board(team).get("members")) {
                    JsonNode listed = byId(list.get("people"), member.get("personId").asText());
                    boolean due = !member.get("rotateBackBy").isNull()
                            && !LocalDate.parse(member.get("rotateBackBy").asText()).isAfter(today.plusMonths(months));
                    boolean needsAttention = !member.get("flags").isEmpty() || due;
                    assertThat(listed).as(member.get("displayName") + " within " + months + " months")
                            .matches(found -> (found != null) == needsAttention);
                    if (listed != null) {
                        expected++;
                        assertThat(listed.get("teamId").asText()).isEqualTo(team);
                        for (String figure : List.of("flags", "deliveryRetention", "rotateBackBy", "deliveryVerdict",
                                "deliveryHistory", "currentAssignment", "displayName")) {
                            assertThat(listed.get(figure)).as(figure).isEqualTo(member.get(figure));
                        }
                        assertThat(listed.get("rotateBackWithinWindow").asBoolean()).isEqualTo(due);
                    }
                }
            }
            assertThat(list.get("count").asInt()).isEqualTo(expected).isEqualTo(list.get("people").size());
            assertThat(list.get("withinMonths").asInt()).isEqualTo(months);
        }
    }

    @Test
    void theWindowDecidesForSomeoneNotYetFlagged() throws Exception {
        // Sue Soon rotates back on 2025-11-27: in six months, not in three
        assertThat(names(attention(Role.PMO_LEAD))).doesNotContain("Sue Soon");
        assertThat(names(attention(Role.PMO_LEAD, "withinMonths", "6"))).contains("Sue Soon");
    }

    @Test
    void aWindowOutsideZeroTo36MonthsIsRefusedInWords() throws Exception {
        for (String months : List.of("-1", "37", "many")) {
            mvc.perform(get("/api/attention").param("withinMonths", months).with(as(Role.PMO_LEAD)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("withinMonths"));
        }
        mvc.perform(get("/api/attention").param("withinMonths", "37").with(as(Role.PMO_LEAD)))
                .andExpect(jsonPath("$.detail").value("withinMonths: must be from 0 to 36 months"));
        mvc.perform(get("/api/attention").param("flag", "SLEEPY").with(as(Role.PMO_LEAD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("flag: must be one of DELIVERY_AT_RISK, ADMIN_OVERLOAD, TROUBLED_PROGRAM_STREAK, OFF_PLAN"));
        mvc.perform(get("/api/attention").param("sort", "age").with(as(Role.PMO_LEAD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sort"));
    }

    @Test
    void eachRoleSeesTheTeamsItMaySeeAndNoOneElse() throws Exception {
        JsonNode manager = attention(Role.MANAGER, "withinMonths", "36");
        assertThat(names(manager)).containsExactly("Ada Lovelace");
        assertThat(manager.get("teams").findValuesAsText("teamId")).containsExactly(ApiFixture.T1);
        assertThat(manager.get("teams").get(0).get("members").asInt()).isEqualTo(4);

        JsonNode employee = attention(Role.EMPLOYEE, "withinMonths", "36");
        assertThat(employee.get("people")).isEmpty();
        assertThat(employee.get("teams")).isEmpty();

        assertThat(attention(Role.HR_ADMIN).get("teams").findValuesAsText("teamId"))
                .containsExactly(BIG, SMALL, "mgmt", ApiFixture.T1, ApiFixture.T2);
        mvc.perform(get("/api/attention").param("team", BIG).with(as(Role.MANAGER)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:careerpath:problem:team-not-permitted"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("You may not see team att-big")));
    }

    @Test
    void filtersNarrowTheListAndItsCounts() throws Exception {
        JsonNode small = attention(Role.PMO_LEAD, "team", SMALL);
        assertThat(names(small)).containsExactly("Sam Small");
        assertThat(small.get("teams").findValuesAsText("teamId")).containsExactly(SMALL);
        assertThat(small.get("teams").get(0).get("count").asInt()).isEqualTo(1);

        assertThat(names(attention(Role.PMO_LEAD, "team", SMALL, "team", ApiFixture.T1)))
                .containsExactlyInAnyOrder("Sam Small", "Ada Lovelace");
        assertThat(names(attention(Role.PMO_LEAD, "withinMonths", "36", "role", "PMO", "pmoType", "EXECUTIVE")))
                .containsExactlyInAnyOrder("Spine Probe 2", "Sue Soon");
        assertThat(names(attention(Role.PMO_LEAD, "withinMonths", "36", "pmoType", "ORGANIZATIONAL")))
                .containsExactly("Spine Probe 1");
        assertThat(names(attention(Role.PMO_LEAD, "withinMonths", "36", "role", "DELIVERY", "role", "NONE"))).isEmpty();
        assertThat(attention(Role.PMO_LEAD, "flag", "ADMIN_OVERLOAD").get("count").asInt()).isZero();
        assertThat(attention(Role.PMO_LEAD, "flag", "DELIVERY_AT_RISK").get("count").asInt()).isEqualTo(8);
    }

    @Test
    void namesSortNaturallyAndEmptyValuesLast() throws Exception {
        List<String> byName = names(attention(Role.PMO_LEAD, "sort", "name"));
        assertThat(byName).containsSubsequence("Ada Lovelace", "Ben Early", "Sam Small", "Spine Probe 1", "Spine Probe 2",
                "Spine Probe 10", "Zoë Ångström");
        List<String> descending = names(attention(Role.PMO_LEAD, "sort", "name", "direction", "desc"));
        assertThat(descending).containsSubsequence("Zoë Ångström", "Spine Probe 10", "Spine Probe 2", "Spine Probe 1");

        List<String> dates = new ArrayList<>();
        attention(Role.PMO_LEAD, "withinMonths", "36").get("people").forEach(p -> dates.add(p.get("rotateBackBy").asText()));
        assertThat(dates).isSorted();
        List<Double> retention = new ArrayList<>();
        attention(Role.PMO_LEAD, "sort", "retention", "direction", "desc").get("people")
                .forEach(p -> retention.add(p.get("deliveryRetention").asDouble()));
        assertThat(retention).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        List<String> teams = new ArrayList<>();
        attention(Role.PMO_LEAD, "sort", "team").get("people").forEach(p -> teams.add(p.get("teamId").asText()));
        assertThat(teams).isSortedAccordingTo(NaturalOrder.NAMES);
    }

    @Test
    void perTeamFiguresAreWithheldUnderFivePeople() throws Exception {
        JsonNode teams = attention(Role.PMO_LEAD).get("teams");
        JsonNode big = teams.get(0);
        assertThat(big.get("teamId").asText()).isEqualTo(BIG);
        assertThat(big.get("members").asInt()).isEqualTo(8);
        assertThat(big.get("count").asInt()).isEqualTo(6);
        assertThat(big.get("aggregates").get("people").asInt()).isEqualTo(6);
        assertThat(big.get("aggregates").get("averageDeliveryRetention").asDouble()).isBetween(0.3, 0.6);
        assertThat(big.get("aggregatesWithheld").isNull()).isTrue();

        JsonNode small = teams.get(1);
        assertThat(small.get("count").asInt()).isEqualTo(1);
        assertThat(small.get("aggregates").isNull()).isTrue();
        assertThat(small.get("aggregatesWithheld").asText()).contains("1 person, fewer than 5");
    }

    @Test
    void theCsvIsTheSameListSafeToOpenInASpreadsheet() throws Exception {
        JsonNode list = attention(Role.PMO_LEAD, "sort", "name");
        var response = mvc.perform(get("/api/attention").param("sort", "name").accept("text/csv").with(as(Role.PMO_LEAD)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse();
        assertThat(response.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"attention-2025-06-01.csv\"");
        byte[] csv = response.getContentAsByteArray();
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> read = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            rows = read.readAll();
        }
        assertThat(new String(csv, java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElseThrow()
                .replace("\"", "")).isEqualTo("Name,Team,Current role,Assignment,Delivery kept (%),Delivery verdict,Rotate back by,Flags");
        // the same people in the same order as the JSON answer
        assertThat(rows).extracting(row -> row.get("Name").replaceFirst("^'", "")).containsExactlyElementsOf(
                java.util.stream.StreamSupport.stream(list.get("people").spliterator(), false)
                        .map(p -> p.get("displayName").asText()).toList());
        // a name that a spreadsheet would run as a formula is defused
        assertThat(rows.get(0).get("Name")).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
        // by name and team name, in words, never an id
        assertThat(rows).anySatisfy(row -> assertThat(row).containsEntry("Name", "Zoë Ångström").containsEntry("Team", "Att big")
                .containsEntry("Current role", "Program PMO").containsEntry("Delivery kept (%)", "52")
                .containsEntry("Rotate back by", "2020-06-04").containsEntry("Flags", "Delivery at risk"));
        assertThat(new String(csv, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(IDS.get("Zoë Ångström"));

        // JSON for anyone who does not ask for CSV
        mvc.perform(get("/api/attention").accept(MediaType.ALL).with(as(Role.PMO_LEAD)))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        mvc.perform(get("/api/attention").with(as(Role.PMO_LEAD)))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        // and a refusal stays a problem detail
        mvc.perform(get("/api/attention").param("withinMonths", "99").accept("text/csv").with(as(Role.PMO_LEAD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
