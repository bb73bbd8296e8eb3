package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The person took a staff role in a project management office. Some PMOs keep their project
 * managers delivering: {@code deliveryResponsibility} records that, since it changes which skills
 * stay in practice.
 */
@Revision("1")
@JsonIgnoreProperties(ignoreUnknown = true)
public record JoinedPmo(
        String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        PmoType pmoType,
        String pmoName,
        boolean deliveryResponsibility) implements AssignmentStarted {

    @Override
    public AssignmentKind assignmentKind() {
        return AssignmentKind.PMO;
    }
}
