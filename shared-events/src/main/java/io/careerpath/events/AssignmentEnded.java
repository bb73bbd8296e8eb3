package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A primary assignment ended on the effective date (the first day the person no longer held it).
 *
 * @param assignmentEventId the event that began the assignment ({@link AssignmentStarted})
 * @param assignmentKind    the kind of that assignment, so that readers need not look it up
 * @param outcome           how it ended: for a troubled program {@code RESCUED}, {@code CANCELLED} or
 *                          {@code HANDED_OVER}; for other kinds {@code COMPLETED} or none; none when the
 *                          end follows from the next assignment and nobody recorded one
 * @param supersededBy      when the assignment ended because the next one began, that one's event id; the
 *                          platform records such an end itself, so that the history shows it. {@code null}
 *                          for an end somebody recorded.
 */
@Revision("1")
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssignmentEnded(
        String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        String assignmentEventId,
        AssignmentKind assignmentKind,
        AssignmentOutcome outcome,
        String supersededBy) implements CareerEvent {
}
