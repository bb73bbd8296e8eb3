package io.careerpath.query.history;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;
import io.careerpath.pipeline.upcasting.DeliveryResponsibilities;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.skillmodel.AdminLoadObservation;
import io.careerpath.query.skillmodel.AssignmentPeriod;
import io.careerpath.query.skillmodel.CareerHistory;
import io.careerpath.query.skillmodel.SkillAssessment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * What is known of one person's career from one {@link Viewpoint}: the events effective on or
 * before its day and recorded by the end of its knowledge day, with retracted events (and the
 * retractions themselves) removed, in the order they happened. Asking for a past day therefore
 * gives the answer the platform gave on that day, even though more events have been recorded since.
 *
 * @param sequence the person's last event known from the viewpoint (recorded by its knowledge day)
 */
public record PersonHistory(String personId, LocalDate asOf, long sequence, List<HistoryEntry> entries) {

    private static final String JOINED_PMO = "JOINED_PMO";
    private static final String PMO_PREFERENCE_STATED = "PMO_PREFERENCE_STATED";
    private static final String DELIVERY_RESPONSIBILITY = "deliveryResponsibility";
    private static final Comparator<HistoryEntry> CAREER_ORDER =
            Comparator.comparing(HistoryEntry::effectiveDate).thenComparingLong(HistoryEntry::sequence);

    static PersonHistory fromDocument(Document document, Viewpoint viewpoint) {
        return of(document.getString("_id"), storedEntries(document), viewpoint);
    }

    /** Every entry a stored history holds, in its current form, in no particular order. */
    static List<HistoryEntry> storedEntries(Document document) {
        return document.get("entries", Document.class).values().stream()
                .map(value -> inCurrentForm(HistoryEntry.fromDocument(PackedEntries.unpack(value))))
                .toList();
    }

    /** The history from the viewpoint, of every entry stored for the person ({@link #storedEntries}). */
    static PersonHistory of(String personId, List<HistoryEntry> stored, Viewpoint viewpoint) {
        LocalDate asOf = viewpoint.asOf();
        Instant endOfDay = viewpoint.knownOn().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<HistoryEntry> known = stored.stream()
                .filter(entry -> entry.recordedAt().isBefore(endOfDay))
                .toList();
        Set<String> retracted = new HashSet<>();
        known.stream().filter(entry -> entry.type().equals("EVENT_RETRACTED"))
                .forEach(retraction -> retracted.add(retraction.detail("retractedEventId")));
        List<HistoryEntry> entries = known.stream()
                .filter(entry -> !entry.type().equals("EVENT_RETRACTED") && !retracted.contains(entry.eventId()))
                .filter(entry -> !entry.effectiveDate().isAfter(asOf))
                .sorted(CAREER_ORDER)
                .toList();
        // the last event known from this viewpoint: a past day's answer names the sequence it named then
        long sequence = known.stream().mapToLong(HistoryEntry::sequence).max().orElse(-1);
        return new PersonHistory(personId, asOf, sequence, entries);
    }

    /**
     * The entry as today's events hold it. Documents projected before JOINED_PMO revision 2 keep
     * {@code deliveryResponsibility} as revision 1's boolean; it reads as the enum, with the meaning the
     * event's upcaster gives it, so that answers and the model see one form whatever the document holds.
     */
    static HistoryEntry inCurrentForm(HistoryEntry entry) {
        if (!entry.type().equals(JOINED_PMO) || !(entry.details().get(DELIVERY_RESPONSIBILITY) instanceof Boolean flag)) {
            return entry;
        }
        Map<String, Object> details = new LinkedHashMap<>(entry.details());
        details.put(DELIVERY_RESPONSIBILITY, DeliveryResponsibilities.ofRevision1(flag).name());
        return new HistoryEntry(entry.eventId(), entry.sequence(), entry.type(), entry.effectiveDate(),
                entry.recordedBy(), entry.recordedAt(), details);
    }

    /** Whether anything in it is sealed personal data, which only the person's key opens. */
    public boolean hasSealedValues() {
        return entries.stream().anyMatch(HistoryEntry::hasSealedDetails);
    }

    /**
     * This history with its personal data readable, for an answer: names and free text opened with
     * the person's key. Never written back anywhere.
     */
    public PersonHistory opened(byte[] key) {
        if (!hasSealedValues()) {
            return this;
        }
        return new PersonHistory(personId, asOf, sequence,
                entries.stream().map(entry -> entry.opened(key, personId)).toList());
    }

    public Optional<String> displayName() {
        return latest(List.of("PERSON_REGISTERED"), "displayName");
    }

    public Optional<String> teamId() {
        return latest(List.of("PERSON_REGISTERED", "TEAM_CHANGED"), "teamId");
    }

    public Optional<String> managerId() {
        return latest(List.of("TEAM_CHANGED"), "managerId");
    }

    private Optional<String> latest(Collection<String> types, String detail) {
        String value = null;
        for (HistoryEntry entry : entries) {
            if (types.contains(entry.type()) && entry.detail(detail) != null) {
                value = entry.detail(detail);
            }
        }
        return Optional.ofNullable(value);
    }

    /**
     * The primary assignments, one at a time: each new one ends the previous one on its own
     * effective date; a recorded "assignment ended" closes the assignment it names, with its outcome.
     */
    public List<Assignment> assignments() {
        List<Assignment> assignments = new ArrayList<>();
        Map<String, Integer> startedBy = new HashMap<>();
        for (HistoryEntry entry : entries) {
            Assignment started = switch (entry.type()) {
                case "DELIVERY_ROLE_STARTED" -> delivery(entry, false);
                case "REGAINED_DELIVERY_ROLE" -> delivery(entry, true);
                case JOINED_PMO -> new Assignment(AssignmentKind.PMO, PmoType.valueOf(entry.detail("pmoType")),
                        entry.detail("pmoName"), deliveryResponsibility(entry), entry.effectiveDate(), null, null, false);
                case "TOOK_TROUBLED_PROGRAM" -> new Assignment(AssignmentKind.TROUBLED_PROGRAM, null,
                        entry.detail("programName"), DeliveryResponsibility.NONE, entry.effectiveDate(), null, null, false);
                default -> null;
            };
            int last = assignments.size() - 1;
            if (started != null) {
                if (last >= 0 && assignments.get(last).ongoing()) {
                    assignments.set(last, assignments.get(last).endedOn(entry.effectiveDate(), null));
                }
                startedBy.put(entry.eventId(), assignments.size());
                assignments.add(started);
            } else if (entry.type().equals("ASSIGNMENT_ENDED") && entry.detail("supersededBy") == null) {
                // an end somebody recorded; ends the next assignment forced on its predecessor are
                // already implied by the order above (supersededBy), whatever order they were recorded in
                Integer ended = startedBy.getOrDefault(entry.detail("assignmentEventId"), last);
                if (ended >= 0 && (assignments.get(ended).ongoing() || ended != last)) {
                    assignments.set(ended, assignments.get(ended).endedOn(entry.effectiveDate(), entry.detail("outcome")));
                }
            }
        }
        return assignments;
    }

    /** A JOINED_PMO entry's, in its current form ({@link #inCurrentForm}); none recorded is NONE. */
    private static DeliveryResponsibility deliveryResponsibility(HistoryEntry entry) {
        String value = inCurrentForm(entry).detail(DELIVERY_RESPONSIBILITY);
        return value == null ? DeliveryResponsibility.NONE : DeliveryResponsibility.valueOf(value);
    }

    private static Assignment delivery(HistoryEntry entry, boolean regained) {
        return new Assignment(AssignmentKind.DELIVERY, null, entry.detail("projectName"), DeliveryResponsibility.NONE,
                entry.effectiveDate(), null, null, regained);
    }

    public Optional<Assignment> currentAssignment() {
        List<Assignment> assignments = assignments();
        return assignments.isEmpty() || !assignments.get(assignments.size() - 1).ongoing()
                ? Optional.empty()
                : Optional.of(assignments.get(assignments.size() - 1));
    }

    public List<AdminLoadObservation> adminLoad() {
        return entries.stream().filter(entry -> entry.type().equals("ADMINISTRATIVE_LOAD_RECORDED"))
                .map(entry -> new AdminLoadObservation(entry.effectiveDate(),
                        Double.parseDouble(entry.detail("percentOfTime"))))
                .toList();
    }

    /**
     * Whether the person is willing to join a PMO, as they last said effective by the viewpoint's day: their latest
     * {@code PMO_PREFERENCE_STATED} in career order (stated later wins on the same day), retractions applied, from
     * what was known on the viewpoint's knowledge day. Empty when they never said.
     */
    public Optional<Boolean> willingToJoinPmo() {
        Boolean willing = null;
        for (HistoryEntry entry : entries) {
            if (entry.type().equals(PMO_PREFERENCE_STATED) && entry.detail("willing") != null) {
                willing = Boolean.valueOf(entry.detail("willing"));
            }
        }
        return Optional.ofNullable(willing);
    }

    public List<SkillAssessment> assessments() {
        return entries.stream().filter(entry -> entry.type().equals("SKILL_ASSESSED"))
                .map(entry -> new SkillAssessment(entry.effectiveDate(), Skill.valueOf(entry.detail("skill")),
                        Integer.parseInt(entry.detail("level"))))
                .toList();
    }

    /** The skill model's view of this history. */
    public CareerHistory toCareerHistory() {
        List<AssignmentPeriod> periods = assignments().stream()
                .map(a -> new AssignmentPeriod(a.start(), a.end(), a.kind(), a.pmoType(), a.deliveryResponsibility()))
                .toList();
        return new CareerHistory(periods, adminLoad(), assessments());
    }
}
