package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The person returned to a delivery role after time away from delivery (a PMO role, a troubled
 * program, or a gap). A first-class event: the return is where skills come back, faster than they
 * were first learnt.
 */
@Revision("1")
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegainedDeliveryRole(
        String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        String projectName) implements AssignmentStarted {

    @Override
    public AssignmentKind assignmentKind() {
        return AssignmentKind.DELIVERY;
    }
}
