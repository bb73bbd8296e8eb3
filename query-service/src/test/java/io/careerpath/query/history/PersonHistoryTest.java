package io.careerpath.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.careerpath.query.api.Viewpoint;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class PersonHistoryTest {

    private final List<HistoryEntry> recorded = new ArrayList<>();

    private HistoryEntry record(String type, String effective, String recordedOn, Map<String, Object> details) {
        HistoryEntry entry = new HistoryEntry("e" + recorded.size(), recorded.size(), type, LocalDate.parse(effective),
                "manager", Instant.parse(recordedOn + "T12:00:00Z"), new LinkedHashMap<>(details));
        recorded.add(entry);
        return entry;
    }

    private PersonHistory asOf(String day) {
        return PersonHistory.fromDocument(stored(true), new Viewpoint(LocalDate.parse(day), LocalDate.parse(day)));
    }

    /** The person's document as the projection writes it: each entry packed (layout 4), or unpacked as layouts up to 3 kept it. */
    private Document stored(boolean packed) {
        Document entries = new Document();
        recorded.forEach(entry -> entries.append(String.valueOf(entry.sequence()),
                packed ? entry.packed("m" + entry.sequence()) : entry.toDocument().append("messageId", "m" + entry.sequence())));
        return new Document("_id", "p1").append("lastSequence", recorded.size() - 1).append("entries", entries);
    }

    @Test
    void aDocumentWithUnpackedEntriesFromBeforeLayout4ReadsAsThePackedOne() {
        record("PERSON_REGISTERED", "2015-01-01", "2024-01-01", Map.of("displayName", "Ada", "teamId", "t1"));
        record("JOINED_PMO", "2018-01-01", "2024-01-01", Map.of("pmoType", "ORGANIZATIONAL", "deliveryResponsibility", true));
        record("ADMINISTRATIVE_LOAD_RECORDED", "2018-06-01", "2024-02-01", Map.of("percentOfTime", 35.5));
        Viewpoint today = new Viewpoint(LocalDate.parse("2024-06-01"), LocalDate.parse("2024-06-01"));

        PersonHistory packed = PersonHistory.fromDocument(stored(true), today);

        assertThat(stored(true).get("entries", Document.class).get("0")).isInstanceOf(org.bson.types.Binary.class);
        assertThat(packed).isEqualTo(PersonHistory.fromDocument(stored(false), today));
        assertThat(packed.entries()).extracting(HistoryEntry::details).containsExactly(
                Map.of("displayName", "Ada", "teamId", "t1"),
                Map.of("pmoType", "ORGANIZATIONAL", "deliveryResponsibility", "FULL"),
                Map.of("percentOfTime", 35.5));
    }

    @Test
    void eachNewAssignmentEndsThePreviousOneOnItsOwnEffectiveDate() {
        record("PERSON_REGISTERED", "2015-01-01", "2024-01-01", Map.of("displayName", "Ada", "teamId", "t1"));
        record("DELIVERY_ROLE_STARTED", "2015-01-01", "2024-01-01", Map.of("projectName", "Apollo"));
        record("JOINED_PMO", "2018-01-01", "2024-01-01", Map.of("pmoType", "ORGANIZATIONAL", "deliveryResponsibility", false));
        record("TOOK_TROUBLED_PROGRAM", "2020-01-01", "2024-01-01", Map.of("programName", "Phoenix"));
        record("ASSIGNMENT_ENDED", "2021-01-01", "2024-01-01", Map.of("outcome", "RESCUED"));
        record("REGAINED_DELIVERY_ROLE", "2021-02-01", "2024-01-01", Map.of("projectName", "Gemini"));

        List<Assignment> assignments = asOf("2024-06-01").assignments();

        assertThat(assignments).extracting(Assignment::kind).containsExactly(AssignmentKind.DELIVERY, AssignmentKind.PMO,
                AssignmentKind.TROUBLED_PROGRAM, AssignmentKind.DELIVERY);
        assertThat(assignments.get(0).end()).isEqualTo(LocalDate.parse("2018-01-01"));
        assertThat(assignments.get(1).pmoType()).isEqualTo(PmoType.ORGANIZATIONAL);
        assertThat(assignments.get(1).end()).isEqualTo(LocalDate.parse("2020-01-01"));
        assertThat(assignments.get(2).outcome()).isEqualTo("RESCUED");
        assertThat(assignments.get(2).end()).isEqualTo(LocalDate.parse("2021-01-01"));
        assertThat(assignments.get(3).regained()).isTrue();
        assertThat(assignments.get(3).ongoing()).isTrue();
    }

    @Test
    void endsThePlatformRecordsForASupersededAssignmentDoNotEndItsSuccessor() {
        HistoryEntry delivery = record("DELIVERY_ROLE_STARTED", "2015-01-01", "2024-01-01", Map.of("projectName", "Apollo"));
        HistoryEntry pmo = record("JOINED_PMO", "2018-01-01", "2024-01-01", Map.of("pmoType", "PROGRAM"));
        record("ASSIGNMENT_ENDED", "2018-01-01", "2024-01-01",
                Map.of("assignmentEventId", delivery.eventId(), "supersededBy", pmo.eventId()));
        HistoryEntry troubled = record("TOOK_TROUBLED_PROGRAM", "2020-01-01", "2024-01-01", Map.of("programName", "Phoenix"));
        record("ASSIGNMENT_ENDED", "2020-01-01", "2024-01-01",
                Map.of("assignmentEventId", pmo.eventId(), "supersededBy", troubled.eventId()));
        record("ASSIGNMENT_ENDED", "2021-03-01", "2024-01-01",
                Map.of("assignmentEventId", troubled.eventId(), "outcome", "CANCELLED"));

        List<Assignment> assignments = asOf("2024-06-01").assignments();

        assertThat(assignments).extracting(Assignment::end).containsExactly(LocalDate.parse("2018-01-01"),
                LocalDate.parse("2020-01-01"), LocalDate.parse("2021-03-01"));
        assertThat(assignments.get(2).outcome()).isEqualTo("CANCELLED");
        assertThat(asOf("2024-06-01").currentAssignment()).isEmpty();
    }

    @Test
    void aDeliveryRoleRecordedAfterThePmoRoleThatFollowedItEndsWhereThePmoRoleBegins() {
        record("JOINED_PMO", "2019-06-01", "2024-01-01", Map.of("pmoType", "PROGRAM"));
        record("DELIVERY_ROLE_STARTED", "2016-03-01", "2024-02-01", Map.of("projectName", "Late entry"));

        List<Assignment> assignments = asOf("2024-06-01").assignments();

        assertThat(assignments).extracting(Assignment::kind).containsExactly(AssignmentKind.DELIVERY, AssignmentKind.PMO);
        assertThat(assignments.get(0).end()).isEqualTo(LocalDate.parse("2019-06-01"));
    }

    @Test
    void retractedEventsAndTheirRetractionsAreGoneFromTheHistory() {
        record("DELIVERY_ROLE_STARTED", "2016-03-01", "2024-01-01", Map.of("projectName", "Apollo"));
        HistoryEntry mistake = record("JOINED_PMO", "2019-06-01", "2024-01-01", Map.of("pmoType", "EXECUTIVE"));
        record("EVENT_RETRACTED", "2024-01-02", "2024-01-02", Map.of("retractedEventId", mistake.eventId(), "reason", "typo"));

        PersonHistory history = asOf("2024-06-01");

        assertThat(history.entries()).extracting(HistoryEntry::type).containsExactly("DELIVERY_ROLE_STARTED");
        assertThat(history.assignments()).singleElement().satisfies(a -> assertThat(a.ongoing()).isTrue());
    }

    @Test
    void aPastDayShowsOnlyWhatWasRecordedAndEffectiveByThen() {
        record("DELIVERY_ROLE_STARTED", "2016-03-01", "2020-01-01", Map.of("projectName", "Apollo"));
        HistoryEntry laterRetracted = record("JOINED_PMO", "2019-06-01", "2020-01-01", Map.of("pmoType", "PROGRAM"));
        // recorded after the day we look from: a late entry and a retraction
        record("TOOK_TROUBLED_PROGRAM", "2019-01-01", "2021-05-01", Map.of("programName", "Phoenix"));
        record("EVENT_RETRACTED", "2021-05-02", "2021-05-02", Map.of("retractedEventId", laterRetracted.eventId()));
        // effective after the day we look from
        record("REGAINED_DELIVERY_ROLE", "2020-09-01", "2020-01-01", Map.of("projectName", "Planned"));

        PersonHistory asKnownThen = asOf("2020-06-30");

        assertThat(asKnownThen.entries()).extracting(HistoryEntry::type)
                .containsExactly("DELIVERY_ROLE_STARTED", "JOINED_PMO");
        assertThat(asOf("2021-06-01").entries()).extracting(HistoryEntry::type)
                .containsExactly("DELIVERY_ROLE_STARTED", "TOOK_TROUBLED_PROGRAM", "REGAINED_DELIVERY_ROLE");
    }

    @Test
    void aPastDaySeenWithTodaysKnowledgeIncludesLateRecordings() {
        record("DELIVERY_ROLE_STARTED", "2016-03-01", "2020-01-01", Map.of("projectName", "Apollo"));
        record("JOINED_PMO", "2019-06-01", "2022-01-01", Map.of("pmoType", "PROGRAM"));

        Document entries = new Document();
        recorded.forEach(entry -> entries.append(String.valueOf(entry.sequence()), entry.toDocument()));
        Document document = new Document("_id", "p1").append("lastSequence", 1).append("entries", entries);
        PersonHistory history = PersonHistory.fromDocument(document,
                new Viewpoint(LocalDate.parse("2020-06-30"), LocalDate.parse("2024-06-01")));

        assertThat(history.entries()).extracting(HistoryEntry::type).containsExactly("DELIVERY_ROLE_STARTED", "JOINED_PMO");
    }

    @Test
    void teamAndNameFollowTheLatestChangeEffectiveByTheDay() {
        record("PERSON_REGISTERED", "2015-01-01", "2015-01-01", Map.of("displayName", "Ada", "teamId", "t1"));
        record("TEAM_CHANGED", "2022-01-01", "2022-01-01", Map.of("teamId", "t2", "managerId", "m2"));

        assertThat(asOf("2021-12-31").teamId()).contains("t1");
        assertThat(asOf("2022-01-01").teamId()).contains("t2");
        assertThat(asOf("2022-01-01").managerId()).contains("m2");
        assertThat(asOf("2022-01-01").displayName()).contains("Ada");
    }

    @Test
    void thePmoPreferenceInForceIsTheLatestStatedByTheDayAsKnownThen() {
        record("PERSON_REGISTERED", "2015-01-01", "2015-01-01", Map.of("displayName", "Ada", "teamId", "t1"));
        record("PMO_PREFERENCE_STATED", "2020-01-01", "2020-01-01", Map.of("willing", true));
        record("PMO_PREFERENCE_STATED", "2022-01-01", "2022-01-01", Map.of("willing", false));
        // stated on the same day, later: it wins
        record("PMO_PREFERENCE_STATED", "2022-01-01", "2022-01-02", Map.of("willing", true));
        // recorded late: effective in 2023, known only from 2024-03-01
        record("PMO_PREFERENCE_STATED", "2023-01-01", "2024-03-01", Map.of("willing", false));

        assertThat(asOf("2019-12-31").willingToJoinPmo()).isEmpty();
        assertThat(asOf("2021-06-01").willingToJoinPmo()).contains(true);
        assertThat(PersonHistory.fromDocument(stored(true), new Viewpoint(LocalDate.parse("2022-01-01"),
                LocalDate.parse("2022-01-01"))).willingToJoinPmo()).as("before the second statement was known").contains(false);
        assertThat(asOf("2022-01-02").willingToJoinPmo()).contains(true);
        // 2023 as known on 2024-01-01, and as known today
        assertThat(PersonHistory.fromDocument(stored(true), new Viewpoint(LocalDate.parse("2023-06-01"),
                LocalDate.parse("2024-01-01"))).willingToJoinPmo()).contains(true);
        assertThat(PersonHistory.fromDocument(stored(true), new Viewpoint(LocalDate.parse("2023-06-01"),
                LocalDate.parse("2024-06-01"))).willingToJoinPmo()).contains(false);
    }

    @Test
    void aRetractedPmoPreferenceNoLongerCounts() {
        record("PMO_PREFERENCE_STATED", "2020-01-01", "2020-01-01", Map.of("willing", true));
        HistoryEntry unwilling = record("PMO_PREFERENCE_STATED", "2022-01-01", "2022-01-01", Map.of("willing", false));
        record("EVENT_RETRACTED", "2022-02-01", "2022-02-01", Map.of("retractedEventId", unwilling.eventId(),
                "retractedEventType", "PMO_PREFERENCE_STATED"));

        assertThat(asOf("2022-01-15").willingToJoinPmo()).contains(false);
        assertThat(asOf("2022-02-01").willingToJoinPmo()).contains(true);
    }

    @Test
    void theSkillModelSeesTheAssignmentsLoadsAndAssessments() {
        record("JOINED_PMO", "2019-06-01", "2024-01-01", Map.of("pmoType", "PROGRAM", "deliveryResponsibility", true));
        record("ADMINISTRATIVE_LOAD_RECORDED", "2019-07-01", "2024-01-01", Map.of("percentOfTime", 35));
        record("SKILL_ASSESSED", "2020-01-01", "2024-01-01", Map.of("skill", "LEADERSHIP", "level", 4));

        var career = asOf("2024-06-01").toCareerHistory();

        assertThat(career.assignments()).singleElement().satisfies(a -> assertThat(a.deliveryResponsibility()).isEqualTo(DeliveryResponsibility.FULL));
        assertThat(career.adminLoad()).singleElement().satisfies(l -> assertThat(l.percent()).isEqualTo(35.0));
        assertThat(career.assessments()).singleElement().satisfies(s -> assertThat(s.level()).isEqualTo(4));
    }

    /**
     * Documents projected before JOINED_PMO revision 2 hold revision 1's boolean; both forms read as the
     * enum, for the answer's entries and for the assignments the model sees.
     */
    @Test
    void aDocumentsOlderBooleanAndTheNewValueBothReadAsTheValue() {
        record("JOINED_PMO", "2016-01-01", "2024-01-01", Map.of("pmoType", "PROGRAM", "deliveryResponsibility", true));
        record("JOINED_PMO", "2018-01-01", "2024-01-01", Map.of("pmoType", "PROGRAM", "deliveryResponsibility", false));
        record("JOINED_PMO", "2020-01-01", "2024-01-01", Map.of("pmoType", "PROGRAM", "deliveryResponsibility", "PARTIAL"));
        record("JOINED_PMO", "2022-01-01", "2024-01-01", Map.of("pmoType", "PROGRAM"));

        PersonHistory history = asOf("2024-06-01");

        assertThat(history.entries()).extracting(entry -> entry.details().get("deliveryResponsibility"))
                .containsExactly("FULL", "NONE", "PARTIAL", null);
        assertThat(history.assignments()).extracting(Assignment::deliveryResponsibility).containsExactly(
                DeliveryResponsibility.FULL, DeliveryResponsibility.NONE, DeliveryResponsibility.PARTIAL,
                DeliveryResponsibility.NONE);
        assertThat(history.toCareerHistory().assignments()).extracting(a -> a.deliveryResponsibility()).containsExactly(
                DeliveryResponsibility.FULL, DeliveryResponsibility.NONE, DeliveryResponsibility.PARTIAL,
                DeliveryResponsibility.NONE);
    }
}
