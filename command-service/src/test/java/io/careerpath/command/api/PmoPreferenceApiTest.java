package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.events.EventRetracted;
import io.careerpath.events.PmoPreferenceStated;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * {@code PMO_PREFERENCE_STATED}: whether a person is willing to join a PMO. The person states it themself (the
 * permission table's "own" on recording career events), or whoever may record their career does; a colleague may not.
 * Like every event it can be retracted, and a bulk import takes it with a {@code willing} column.
 */
class PmoPreferenceApiTest extends CommandApiTest {

    /** The person's own account: an employee whose {@code person_id} is theirs. */
    private static org.springframework.test.web.servlet.request.RequestPostProcessor as(String personId) {
        return token("account-" + personId, personId, List.of("EMPLOYEE"), List.of());
    }

    @Test
    void aPersonStatesTheirOwnPreferenceAndItIsRecordedAsTheirs() throws Exception {
        String person = register();

        MockHttpServletResponse response = mvc.perform(record(person, """
                {"type": "PMO_PREFERENCE_STATED", "effectiveDate": "2025-03-01", "willing": false}""").with(as(person)))
                .andReturn().getResponse();

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        String eventId = json.readTree(response.getContentAsString()).get("eventId").asText();
        assertThat(storedEvents(person).get(1)).isInstanceOfSatisfying(PmoPreferenceStated.class, stated -> {
            assertThat(stated.willing()).isFalse();
            assertThat(stated.effectiveDate()).hasToString("2025-03-01");
            assertThat(stated.recordedBy()).as("who stated it, from the token").isEqualTo(person);
            assertThat(stated.eventId()).isEqualTo(eventId);
        });
    }

    @Test
    void aColleagueMayNotStateSomeoneElsesPreference() throws Exception {
        String person = register();
        String colleague = register();

        MockHttpServletResponse response = mvc.perform(record(person, """
                {"type": "PMO_PREFERENCE_STATED", "effectiveDate": "2025-03-01", "willing": true}""").with(as(colleague)))
                .andReturn().getResponse();

        // as for any career event: someone the caller may not see is not found
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(404);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(storedEvents(person)).hasSize(1);
    }

    @Test
    void aPreferenceIsRetractedLikeAnyEvent() throws Exception {
        String person = register();
        JsonNode stated = recorded(person, """
                {"type": "PMO_PREFERENCE_STATED", "effectiveDate": "2025-03-01", "willing": false}""");

        recorded(person, """
                {"type": "EVENT_RETRACTED", "effectiveDate": "2025-06-15", "eventId": "%s", "reason": "Said the opposite"}"""
                .formatted(stated.get("eventId").asText()));

        assertThat(openedEvents(person).get(2)).isInstanceOfSatisfying(EventRetracted.class, retraction -> {
            assertThat(retraction.retractedEventId()).isEqualTo(stated.get("eventId").asText());
            assertThat(retraction.retractedEventType()).isEqualTo("PMO_PREFERENCE_STATED");
        });
    }

    @Test
    void aBulkImportTakesThePreferenceFromItsWillingColumn() throws Exception {
        String ref = "P" + UUID.randomUUID().toString().substring(0, 8);
        String file = String.join("\n",
                "personRef,type,effectiveDate,displayName,teamId,willing",
                ref + ",PERSON_REGISTERED,2014-01-06,Ada Lovelace,team-apollo,",
                ref + ",PMO_PREFERENCE_STATED,2024-01-01,,,false",
                ref + ",PMO_PREFERENCE_STATED,2025-01-01,,,true",
                ref + ",PMO_PREFERENCE_STATED,2025-02-01,,,perhaps") + "\n";

        JsonNode done = awaitEnd(upload(file, MediaType.parseMediaType("text/csv")));

        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("failed").asLong()).isEqualTo(1);
        // "perhaps" stays text, and the API's rules refuse it as a value of the wrong type
        assertThat(done.at("/failures/0/line").asLong()).isEqualTo(5);
        assertThat(done.at("/failures/0/problem").asText()).isEqualTo("urn:careerpath:problem:invalid-value");
        assertThat(storedEvents(importedPersonId(ref))).filteredOn(PmoPreferenceStated.class::isInstance)
                .extracting(event -> ((PmoPreferenceStated) event).willing()).containsExactly(false, true);
    }
}
