package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every class of refusal: an RFC 9457 problem detail with a stable type, a detail that says why, the
 * offending field where there is one, and nothing recorded: no event, and not the Idempotency-Key
 * either (so a corrected retry is decided afresh).
 */
class RefusalsRecordNothingTest extends CommandApiTest {

    /** Delivering since 2014-02-03. */
    private String person;

    @BeforeEach
    void aPersonWhoIsDelivering() throws Exception {
        person = register();
        recorded(person, """
                {"type": "DELIVERY_ROLE_STARTED", "effectiveDate": "2014-02-03", "projectName": "Billing"}""");
    }

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                // not JSON, or not the expected shape
                refused("malformed JSON", "{\"type\": \"JOINED_PMO\",", 400, "malformed-body", null),
                refused("no body at all", "", 400, "malformed-body", null),
                refused("a number instead of an object", "42", 400, "unknown-event-type", "type"),
                refused("a key given twice", """
                        {"type": "SKILL_ASSESSED", "effectiveDate": "2024-01-01", "skill": "LEADERSHIP", "level": 2, "level": 5}""",
                        400, "malformed-body", null),
                refused("trailing content", """
                        {"type": "TEAM_CHANGED", "effectiveDate": "2024-01-01", "teamId": "t"} {}""", 400, "malformed-body", null),
                // the type discriminator
                refused("an unknown type", """
                        {"type": "PROMOTED", "effectiveDate": "2024-01-01"}""", 400, "unknown-event-type", "type"),
                refused("no type", """
                        {"effectiveDate": "2024-01-01", "pmoType": "PROGRAM"}""", 400, "unknown-event-type", "type"),
                // fields the type does not have
                refused("an unknown field", """
                        {"type": "JOINED_PMO", "effectiveDate": "2024-01-01", "pmoType": "PROGRAM", "colour": "red"}""",
                        400, "unknown-field", "colour"),
                refused("who recorded it, in the body", """
                        {"type": "JOINED_PMO", "effectiveDate": "2024-01-01", "pmoType": "PROGRAM", "recordedBy": "someone"}""",
                        400, "unknown-field", "recordedBy"),
                // missing fields
                refused("no effectiveDate", """
                        {"type": "JOINED_PMO", "pmoType": "PROGRAM"}""", 400, "validation", "effectiveDate"),
                refused("no pmoType", """
                        {"type": "JOINED_PMO", "effectiveDate": "2024-01-01"}""", 400, "validation", "pmoType"),
                refused("a blank projectName", """
                        {"type": "DELIVERY_ROLE_STARTED", "effectiveDate": "2024-01-01", "projectName": " "}""",
                        400, "validation", "projectName"),
                refused("no eventId to retract", """
                        {"type": "EVENT_RETRACTED", "effectiveDate": "2024-01-01", "reason": "oops"}""", 400, "validation", "eventId"),
                // wrong JSON types and formats
                refused("text for a number", """
                        {"type": "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate": "2024-01-01", "percentOfTime": "forty"}""",
                        400, "invalid-value", "percentOfTime"),
                refused("a number in a string", """
                        {"type": "SKILL_ASSESSED", "effectiveDate": "2024-01-01", "skill": "LEADERSHIP", "level": "3"}""",
                        400, "invalid-value", "level"),
                refused("a fraction for a whole number", """
                        {"type": "SKILL_ASSESSED", "effectiveDate": "2024-01-01", "skill": "LEADERSHIP", "level": 3.5}""",
                        400, "invalid-value", "level"),
                refused("an unknown delivery responsibility", """
                        {"type": "JOINED_PMO", "effectiveDate": "2024-01-01", "pmoType": "PROGRAM", "deliveryResponsibility": "yes"}""",
                        400, "invalid-value", "deliveryResponsibility"),
                refused("a number for text", """
                        {"type": "TOOK_TROUBLED_PROGRAM", "effectiveDate": "2024-01-01", "programName": 42}""",
                        400, "invalid-value", "programName"),
                refused("a date that does not exist", """
                        {"type": "TEAM_CHANGED", "effectiveDate": "2024-02-30", "teamId": "t"}""", 400, "invalid-value", "effectiveDate"),
                refused("a date as a number", """
                        {"type": "TEAM_CHANGED", "effectiveDate": 19000, "teamId": "t"}""", 400, "invalid-value", "effectiveDate"),
                // values out of range
                refused("an unknown PMO type", """
                        {"type": "JOINED_PMO", "effectiveDate": "2024-01-01", "pmoType": "DIVISIONAL"}""", 400, "invalid-value", "pmoType"),
                refused("an unknown skill", """
                        {"type": "SKILL_ASSESSED", "effectiveDate": "2024-01-01", "skill": "JUGGLING", "level": 3}""",
                        400, "invalid-value", "skill"),
                refused("an unknown outcome", """
                        {"type": "ASSIGNMENT_ENDED", "effectiveDate": "2024-01-01", "outcome": "SAVED"}""", 400, "invalid-value", "outcome"),
                refused("administrative load above 100 %", """
                        {"type": "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate": "2024-01-01", "percentOfTime": 101}""",
                        400, "validation", "percentOfTime"),
                refused("administrative load below 0 %", """
                        {"type": "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate": "2024-01-01", "percentOfTime": -1}""",
                        400, "validation", "percentOfTime"),
                refused("no answer to whether the person is willing to join a PMO", """
                        {"type": "PMO_PREFERENCE_STATED", "effectiveDate": "2024-01-01"}""", 400, "validation", "willing"),
                refused("a preference in words instead of true or false", """
                        {"type": "PMO_PREFERENCE_STATED", "effectiveDate": "2024-01-01", "willing": "no"}""",
                        400, "invalid-value", "willing"),
                refused("a preference with a reason (free text is not part of it)", """
                        {"type": "PMO_PREFERENCE_STATED", "effectiveDate": "2024-01-01", "willing": false, "note": "family"}""",
                        400, "unknown-field", "note"),
                refused("a preference from the future", """
                        {"type": "PMO_PREFERENCE_STATED", "effectiveDate": "2025-06-17", "willing": false}""",
                        422, "effective-date-out-of-range", "effectiveDate"),
                refused("a skill level above 5", """
                        {"type": "SKILL_ASSESSED", "effectiveDate": "2024-01-01", "skill": "LEADERSHIP", "level": 6}""",
                        400, "validation", "level"),
                // well-formed, but the history would break a rule
                refused("a date in the future", """
                        {"type": "TEAM_CHANGED", "effectiveDate": "2025-06-17", "teamId": "t"}""",
                        422, "effective-date-out-of-range", "effectiveDate"),
                refused("a date before 1950", """
                        {"type": "TEAM_CHANGED", "effectiveDate": "1949-12-31", "teamId": "t"}""",
                        422, "effective-date-out-of-range", "effectiveDate"),
                refused("a regained delivery role while delivering", """
                        {"type": "REGAINED_DELIVERY_ROLE", "effectiveDate": "2016-01-04", "projectName": "Portal"}""",
                        422, "regain-while-delivering", "type"),
                refused("a second assignment on the same day", """
                        {"type": "JOINED_PMO", "effectiveDate": "2014-02-03", "pmoType": "PROGRAM"}""", 422, "assignment-overlap", null),
                refused("a delivery outcome that only troubled programs have", """
                        {"type": "ASSIGNMENT_ENDED", "effectiveDate": "2016-01-04", "outcome": "RESCUED"}""",
                        422, "invalid-outcome", "outcome"),
                refused("a retraction of an event that does not exist", """
                        {"type": "EVENT_RETRACTED", "effectiveDate": "2024-01-01", "eventId": "no-such-event", "reason": "oops"}""",
                        422, "retracted-event-not-found", "eventId"));
    }

    private static Arguments refused(String what, String body, int status, String type, String field) {
        return Arguments.of(what, body, status, type, field);
    }

    @ParameterizedTest(name = "{0}: {2} {3}")
    @MethodSource("refusedBodies")
    void aRefusedBodyIsAnsweredWithAProblemAndRecordsNothing(String what, String body, int status, String type,
                                                             String field) throws Exception {
        String key = UUID.randomUUID().toString();

        JsonNode problem = problem(record(person, body).header("Idempotency-Key", key), status, type);

        if (field != null) {
            assertThat(problem.get("errors")).as("errors of %s", problem).isNotNull();
            assertThat(problem.get("errors").findValuesAsText("field")).contains(field);
        }
        assertThat(storedEvents(person)).hasSize(2);
        assertThat(storedIdempotencyKeys(key)).isZero();
    }

    @Test
    void aRefusedRuleSaysWhichEventFits() throws Exception {
        JsonNode problem = problem(record(person, """
                {"type": "REGAINED_DELIVERY_ROLE", "effectiveDate": "2016-01-04", "projectName": "Portal"}"""),
                422, "regain-while-delivering");

        assertThat(problem.get("title").asText()).isEqualTo("No time away from delivery");
        // in words for people (no type codes, no ids); clients branch on the type
        assertThat(problem.get("detail").asText()).isEqualTo("On 4 Jan 2016 the person is still in the delivery role"
                + " from 3 Feb 2014, with no time away from delivery: record a new project while delivering as a new"
                + " delivery role; a return to delivery is for coming back after time away.");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("type");
    }

    @Test
    void anUnknownPersonIsNotFoundAndNothingIsRecorded() throws Exception {
        long before = allStoredEvents();

        problem(record(UUID.randomUUID().toString(), """
                {"type": "JOINED_PMO", "effectiveDate": "2024-01-01", "pmoType": "PROGRAM"}"""), 404, "person-not-found");

        assertThat(allStoredEvents()).isEqualTo(before);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        String huge = "{\"type\": \"TEAM_CHANGED\", \"effectiveDate\": \"2024-01-01\", \"teamId\": \"" + "x".repeat(70_000) + "\"}";

        JsonNode problem = problem(record(person, huge), 413, "body-too-large");

        assertThat(problem.get("maxBytes").asLong()).isEqualTo(65_536);
        assertThat(storedEvents(person)).hasSize(2);
        problem(post("/api/people").contentType(MediaType.APPLICATION_JSON).content(huge), 413, "body-too-large");
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() throws Exception {
        problem(record(person, "type=JOINED_PMO").contentType(MediaType.TEXT_PLAIN), 415, "unsupported-media-type");

        assertThat(storedEvents(person)).hasSize(2);
    }

    @Test
    void aMalformedIfMatchOrIdempotencyKeyIsRefused() throws Exception {
        String body = """
                {"type": "TEAM_CHANGED", "effectiveDate": "2024-01-01", "teamId": "t"}""";

        problem(record(person, body).header("If-Match", "\"yesterday\""), 400, "invalid-header");
        problem(record(person, body).header("Idempotency-Key", "k".repeat(201)), 400, "invalid-header");

        assertThat(storedEvents(person)).hasSize(2);
    }

    @Test
    void aRegistrationIsValidatedLikeAnyEvent() throws Exception {
        long before = allStoredEvents();

        JsonNode invalid = problem(post("/api/people").contentType(MediaType.APPLICATION_JSON).content("""
                {"teamId": "team-apollo"}"""), 400, "validation");
        problem(post("/api/people").contentType(MediaType.APPLICATION_JSON).content("""
                {"displayName": "Ada", "teamId": "team-apollo", "effectiveDate": "2030-01-01"}"""),
                422, "effective-date-out-of-range");

        assertThat(invalid.get("errors").findValuesAsText("field")).containsExactly("displayName");
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    private JsonNode problem(MockHttpServletRequestBuilder request, int status, String type) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        String content = response.getContentAsString();
        assertThat(response.getStatus()).as("status of %s", content).isEqualTo(status);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = json.readTree(content);
        assertThat(problem.get("type").asText()).as("type of %s", content).isEqualTo("urn:careerpath:problem:" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }
}
