package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The person said whether they are willing to join a project management office, from the effective date on,
 * until they say otherwise. A wish, not an assignment: the rotation planner keeps someone unwilling out of PMO
 * seats unless nothing else works. No free text: a reason would be personal data to seal, and the yes or no is
 * what the planner needs.
 *
 * @param willing true: open to a PMO role; false: would rather not join one
 */
@Revision("1")
@JsonIgnoreProperties(ignoreUnknown = true)
public record PmoPreferenceStated(
        String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        boolean willing) implements CareerEvent {
}
