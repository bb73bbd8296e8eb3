package io.careerpath.query.api;

import static io.careerpath.query.api.ApiFixture.A;
import static io.careerpath.query.api.ApiFixture.T1;
import static io.careerpath.query.api.ApiFixture.T2;
import static io.careerpath.query.api.ApiFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.PmoType;
import io.careerpath.query.skillmodel.DeliveryVerdict;
import io.careerpath.query.words.CareerWords;
import io.careerpath.security.Role;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The rotation board and a career's events as CSV: the same endpoints asked with {@code Accept: text/csv},
 * the same answer as the JSON one in a spreadsheet's words, the same permissions, no formula a
 * spreadsheet would run.
 */
@ApiTest
// adds people (and teams) of its own: the next test class gets the fixture as it documents it
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CsvExportTest {

    private static final String HOSTILE_TEAM = "t-csv";
    private static final String HOSTILE = "c5c5c5c5-0000-4000-8000-0000000000c5";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private ObjectMapper json;

    private static boolean hostileSeeded;

    @BeforeEach
    void seed() {
        fixture.seeded();
        synchronized (CsvExportTest.class) {
            if (!hostileSeeded) {
                hostileSeeded = true;
                fixture.person(HOSTILE, "=HYPERLINK(\"http://evil.example\",\"click\")", HOSTILE_TEAM, "2019-01-01");
                fixture.record(new DeliveryRoleStarted(HOSTILE, "h-d1", LocalDate.parse("2019-01-01"), HOSTILE,
                        Instant.parse("2025-01-15T09:00:00Z"), fixture.seal(HOSTILE, "+cmd|' /C calc'!A0, \"quoted\"\nnext line")));
            }
        }
    }

    @Test
    void theBoardAsCsvSaysWhatItsJsonSaysInWords() throws Exception {
        JsonNode board = json.readTree(mvc.perform(get("/api/teams/" + T1 + "/rotation-board").with(as(Role.MANAGER)))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn().getResponse().getContentAsString());

        MvcResult csv = mvc.perform(get("/api/teams/" + T1 + "/rotation-board").accept("text/csv").with(as(Role.MANAGER)))
                .andExpect(status().isOk()).andReturn();
        assertThat(csv.getResponse().getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.getResponse().getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"rotation-board-T1-2025-06-01.csv\"");
        byte[] body = csv.getResponse().getContentAsByteArray();
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith("Name,\"Current role\"").contains("\r\n");
        List<Map<String, String>> rows = rows(body);

        assertThat(rows).hasSize(board.get("members").size()).isNotEmpty();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode member = board.get("members").get(i);
            Map<String, String> row = rows.get(i);
            assertThat(row.get("Name")).isEqualTo(member.get("displayName").asText());
            JsonNode current = member.get("currentAssignment");
            assertThat(row.get("Current role")).isEqualTo(current.isNull() ? "No current role"
                    : CareerWords.role(AssignmentKind.valueOf(current.get("kind").asText()),
                    current.get("pmoType").isNull() ? null : PmoType.valueOf(current.get("pmoType").asText())));
            assertThat(row.get("In the role since")).isEqualTo(current.isNull() ? "" : current.get("since").asText());
            assertThat(row.get("Delivery kept (%)")).isEqualTo(member.get("deliveryRetention").isNull() ? ""
                    : String.valueOf(Math.round(member.get("deliveryRetention").asDouble() * 100)));
            assertThat(row.get("Delivery verdict"))
                    .isEqualTo(CareerWords.verdict(DeliveryVerdict.valueOf(member.get("deliveryVerdict").asText())));
            assertThat(row.get("Rotate back by")).isEqualTo(member.get("rotateBackBy").isNull() ? "" : member.get("rotateBackBy").asText());
            assertThat(row.get("Flags")).doesNotContain("_");
        }
        // Ada (delivery, then a program PMO) and someone who never delivered, in the page's words
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get("Name")).isEqualTo("Ada Lovelace");
            assertThat(row.get("Current role")).isEqualTo("Program PMO");
            assertThat(row.get("Assignment")).isEqualTo("PMO North");
            assertThat(row.get("In the role since")).isEqualTo("2021-01-01");
        });
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get("Name")).isEqualTo("Fay Fifth");
            assertThat(row.get("Delivery kept (%)")).isEmpty();
            assertThat(row.get("Delivery verdict")).isEqualTo("No delivery history yet");
        });
    }

    @Test
    void aCareersEventsAsCsvAreTheTimelinesEntriesInWords() throws Exception {
        JsonNode timeline = json.readTree(mvc.perform(get("/api/people/" + A + "/timeline").with(as(Role.EMPLOYEE)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

        MvcResult csv = mvc.perform(get("/api/people/" + A + "/timeline").accept("text/csv").with(as(Role.EMPLOYEE)))
                .andExpect(status().isOk()).andReturn();
        assertThat(csv.getResponse().getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"career-events-Ada-Lovelace-2025-06-01.csv\"");
        List<Map<String, String>> rows = rows(csv.getResponse().getContentAsByteArray());

        JsonNode entries = timeline.get("entries");
        assertThat(rows).hasSize(entries.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).get("Effective date")).isEqualTo(entries.get(i).get("effectiveDate").asText());
            assertThat(Instant.parse(rows.get(i).get("Recorded at (UTC)")))
                    .isEqualTo(Instant.parse(entries.get(i).get("recordedAt").asText()));
            JsonNode recorder = entries.get(i).get("recorder");
            assertThat(rows.get(i).get("Recorded by")).isNotBlank().isEqualTo(recorder.hasNonNull("displayName")
                    ? recorder.get("displayName").asText() : recorder.get("role").asText());
        }
        assertThat(rows).extracting(row -> row.get("What happened")).containsExactly(
                "Registered in team T1", "Started delivery: Apollo", "Joined PMO North (Program PMO)",
                "Leadership assessed at level 4");
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasStayText() throws Exception {
        byte[] board = mvc.perform(get("/api/teams/" + HOSTILE_TEAM + "/rotation-board").accept("text/csv").with(as(Role.PMO_LEAD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        Map<String, String> row = rows(board).get(0);
        assertThat(row.get("Name")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")");
        assertThat(row.get("Assignment")).isEqualTo("'+cmd|' /C calc'!A0, \"quoted\"\nnext line");

        byte[] events = mvc.perform(get("/api/people/" + HOSTILE + "/timeline").accept("text/csv").with(as(Role.PMO_LEAD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(rows(events)).extracting(r -> r.get("What happened"))
                .contains("Started delivery: +cmd|' /C calc'!A0, \"quoted\"\nnext line");
        assertThat(new String(events, StandardCharsets.UTF_8)).contains("\"Started delivery: +cmd|' /C calc'!A0, \"\"quoted\"\"\nnext line\"");
    }

    @Test
    void theCsvHasTheJsonsPermissionsAndRefusals() throws Exception {
        mvc.perform(get("/api/teams/" + T2 + "/rotation-board").accept("text/csv").with(as(Role.MANAGER)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:careerpath:problem:team-not-permitted"));
        mvc.perform(get("/api/people/" + ApiFixture.D + "/timeline").accept("text/csv").with(as(Role.MANAGER)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:careerpath:problem:person-not-found"));
        mvc.perform(get("/api/teams/" + T1 + "/rotation-board").param("asOf", "yesterday").accept("text/csv").with(as(Role.MANAGER)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        // without Accept, as every page asks: JSON as before
        mvc.perform(get("/api/teams/" + T1 + "/rotation-board").with(as(Role.MANAGER)))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
    }

    private static List<Map<String, String>> rows(byte[] csv) throws Exception {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll();
        }
    }
}
