package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.events.AdministrativeLoadRecorded;
import io.careerpath.events.AssignmentEnded;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.AssignmentOutcome;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.EventRetracted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.PmoType;
import io.careerpath.events.RegainedDeliveryRole;
import io.careerpath.events.Skill;
import io.careerpath.events.SkillAssessed;
import io.careerpath.events.TeamChanged;
import io.careerpath.events.TookTroubledProgram;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every event type can be recorded through the API, lands in the event store as sent, and shows in the audit view. */
class RecordingEveryEventTypeTest extends CommandApiTest {

    @Test
    void everyEventTypeIsRecordedWithTheFieldsSentAndTheRecordersIdentity() throws Exception {
        String person = register();
        recorded(person, """
                {"type": "DELIVERY_ROLE_STARTED", "effectiveDate": "2014-02-03", "projectName": "Billing platform migration"}""");
        recorded(person, """
                {"type": "TEAM_CHANGED", "effectiveDate": "2015-01-05", "teamId": "team-gemini", "managerId": "manager-joan"}""");
        recorded(person, """
                {"type": "JOINED_PMO", "effectiveDate": "2016-03-01", "pmoType": "PROGRAM", "pmoName": "Mars program office", "deliveryResponsibility": "PARTIAL"}""");
        JsonNode load = recorded(person, """
                {"type": "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate": "2016-06-01", "percentOfTime": 40}""");
        recorded(person, """
                {"type": "SKILL_ASSESSED", "effectiveDate": "2016-09-01", "skill": "PROGRAM_MANAGEMENT", "level": 4}""");
        recorded(person, """
                {"type": "TOOK_TROUBLED_PROGRAM", "effectiveDate": "2018-01-08", "programName": "ERP consolidation"}""");
        recorded(person, """
                {"type": "ASSIGNMENT_ENDED", "effectiveDate": "2019-06-28", "outcome": "RESCUED"}""");
        recorded(person, """
                {"type": "REGAINED_DELIVERY_ROLE", "effectiveDate": "2019-09-02", "projectName": "Customer portal relaunch"}""");
        JsonNode retraction = recorded(person, """
                {"type": "EVENT_RETRACTED", "effectiveDate": "2025-06-15", "eventId": "%s", "reason": "Was another person's load"}"""
                .formatted(load.get("eventId").asText()));

        List<CareerEvent> stored = openedEvents(person);
        assertThat(stored).extracting(event -> CareerEvent.typeOf(event.getClass())).containsExactly(
                "PERSON_REGISTERED", "DELIVERY_ROLE_STARTED", "TEAM_CHANGED",
                "ASSIGNMENT_ENDED", "JOINED_PMO", // joining the PMO ended the delivery role
                "ADMINISTRATIVE_LOAD_RECORDED", "SKILL_ASSESSED",
                "ASSIGNMENT_ENDED", "TOOK_TROUBLED_PROGRAM", // taking the program ended the PMO role
                "ASSIGNMENT_ENDED", "REGAINED_DELIVERY_ROLE", "EVENT_RETRACTED");
        assertThat(stored).allSatisfy(event -> {
            assertThat(event.personId()).isEqualTo(person);
            assertThat(event.recordedAt()).isEqualTo(NOW);
        });
        assertThat(stored.subList(1, stored.size())).allSatisfy(event ->
                assertThat(event.recordedBy()).isEqualTo(RECORDER));
        assertThat(stored.get(0)).isEqualTo(new PersonRegistered(person, stored.get(0).eventId(),
                LocalDate.of(2014, 1, 6), RECORDER, NOW, "Ada Lovelace", "team-apollo"));
        assertThat(stored.get(1)).isInstanceOfSatisfying(DeliveryRoleStarted.class,
                e -> assertThat(e.projectName()).isEqualTo("Billing platform migration"));
        assertThat(stored.get(2)).isInstanceOfSatisfying(TeamChanged.class, e -> {
            assertThat(e.teamId()).isEqualTo("team-gemini");
            assertThat(e.managerId()).isEqualTo("manager-joan");
        });
        assertThat(stored.get(3)).isInstanceOfSatisfying(AssignmentEnded.class, e -> {
            assertThat(e.assignmentEventId()).isEqualTo(stored.get(1).eventId());
            assertThat(e.effectiveDate()).isEqualTo(LocalDate.of(2016, 3, 1));
            assertThat(e.supersededBy()).isEqualTo(stored.get(4).eventId());
        });
        assertThat(stored.get(4)).isInstanceOfSatisfying(JoinedPmo.class, e -> {
            assertThat(e.pmoType()).isEqualTo(PmoType.PROGRAM);
            assertThat(e.pmoName()).isEqualTo("Mars program office");
            assertThat(e.deliveryResponsibility()).isEqualTo(DeliveryResponsibility.PARTIAL);
        });
        assertThat(stored.get(5)).isInstanceOfSatisfying(AdministrativeLoadRecorded.class,
                e -> assertThat(e.percentOfTime()).isEqualTo(40));
        assertThat(stored.get(6)).isInstanceOfSatisfying(SkillAssessed.class, e -> {
            assertThat(e.skill()).isEqualTo(Skill.PROGRAM_MANAGEMENT);
            assertThat(e.level()).isEqualTo(4);
            assertThat(e.assessor()).as("defaults to who recorded it").isEqualTo(RECORDER);
        });
        assertThat(stored.get(8)).isInstanceOfSatisfying(TookTroubledProgram.class,
                e -> assertThat(e.programName()).isEqualTo("ERP consolidation"));
        assertThat(stored.get(9)).isInstanceOfSatisfying(AssignmentEnded.class, e -> {
            assertThat(e.assignmentKind()).isEqualTo(AssignmentKind.TROUBLED_PROGRAM);
            assertThat(e.outcome()).isEqualTo(AssignmentOutcome.RESCUED);
            assertThat(e.supersededBy()).isNull();
        });
        assertThat(stored.get(10)).isInstanceOfSatisfying(RegainedDeliveryRole.class,
                e -> assertThat(e.projectName()).isEqualTo("Customer portal relaunch"));
        assertThat(stored.get(11)).isInstanceOfSatisfying(EventRetracted.class, e -> {
            assertThat(e.retractedEventId()).isEqualTo(load.get("eventId").asText());
            assertThat(e.retractedEventType()).isEqualTo("ADMINISTRATIVE_LOAD_RECORDED");
            assertThat(e.reason()).isEqualTo("Was another person's load");
        });
        assertThat(retraction.get("eventId").asText()).isEqualTo(stored.get(11).eventId());
        assertThat(retraction.get("sequenceNumber").asLong()).isEqualTo(11);
    }

    @Test
    void theAnswerNamesTheEventAndThePersonsSequenceAfterIt() throws Exception {
        String person = register();
        JsonNode first = recorded(person, """
                {"type": "DELIVERY_ROLE_STARTED", "effectiveDate": "2014-02-03", "projectName": "A"}""");
        JsonNode second = recorded(person, """
                {"type": "JOINED_PMO", "effectiveDate": "2016-03-01", "pmoType": "EXECUTIVE"}""");

        assertThat(first.get("sequenceNumber").asLong()).isEqualTo(1);
        // the PMO role ended the delivery role first: the answer's sequence covers both events
        assertThat(second.get("sequenceNumber").asLong()).isEqualTo(3);
        assertThat(storedEvents(person).get(3).eventId()).isEqualTo(second.get("eventId").asText());
    }

    @Test
    void theAuditViewListsEveryEventInRecordingOrderAndMarksRetractedOnes() throws Exception {
        String person = register();
        JsonNode assessed = recorded(person, """
                {"type": "SKILL_ASSESSED", "effectiveDate": "2024-05-15", "skill": "LEADERSHIP", "level": 2, "assessor": "self"}""");
        JsonNode retraction = recorded(person, """
                {"type": "EVENT_RETRACTED", "effectiveDate": "2024-05-16", "eventId": "%s", "reason": "typo"}"""
                .formatted(assessed.get("eventId").asText()));

        mvc.perform(history(person))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.personId").value(person))
                .andExpect(jsonPath("$.sequence").value(2))
                .andExpect(jsonPath("$.events[0].type").value("PERSON_REGISTERED"))
                .andExpect(jsonPath("$.events[1].type").value("SKILL_ASSESSED"))
                .andExpect(jsonPath("$.events[1].sequenceNumber").value(1))
                .andExpect(jsonPath("$.events[1].recordedBy").value(RECORDER))
                .andExpect(jsonPath("$.events[1].details.skill").value("LEADERSHIP"))
                .andExpect(jsonPath("$.events[1].details.assessor").value("self"))
                .andExpect(jsonPath("$.events[1].retractedBy").value(retraction.get("eventId").asText()))
                .andExpect(jsonPath("$.events[2].type").value("EVENT_RETRACTED"))
                .andExpect(jsonPath("$.events[2].details.reason").value("typo"))
                .andExpect(jsonPath("$.events[0].retractedBy").doesNotExist());
    }

    @Test
    void theAuditViewOfAnUnknownPersonIsNotFound() throws Exception {
        mvc.perform(history(java.util.UUID.randomUUID().toString()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:careerpath:problem:person-not-found"));
    }
}
