package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The person began managing the delivery of a project: the integrator who answers for time, quality
 * and budget. Recorded for a first delivery role and for a new project while delivering; a return to
 * delivery after time away is {@link RegainedDeliveryRole}.
 */
@Revision("1")
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryRoleStarted(
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
