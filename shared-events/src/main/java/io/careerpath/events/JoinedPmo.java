package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The person took a staff role in a project management office. Some PMOs keep their project
 * managers delivering, wholly or in part: {@code deliveryResponsibility} records how much, since it
 * changes which skills stay in practice.
 *
 * <p>Revision 2 (docs/events.md): revision 1 held {@code deliveryResponsibility} as a boolean; its
 * upcaster (shared-pipeline, {@code JoinedPmoRevision2Upcaster}) reads {@code false} or no value as
 * {@link DeliveryResponsibility#NONE} and {@code true} as {@link DeliveryResponsibility#FULL}.
 *
 * @param deliveryResponsibility never null: none given reads as {@link DeliveryResponsibility#NONE}
 */
@Revision("2")
@JsonIgnoreProperties(ignoreUnknown = true)
public record JoinedPmo(
        String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        PmoType pmoType,
        String pmoName,
        DeliveryResponsibility deliveryResponsibility) implements AssignmentStarted {

    public JoinedPmo {
        if (deliveryResponsibility == null) {
            deliveryResponsibility = DeliveryResponsibility.NONE;
        }
    }

    @Override
    public AssignmentKind assignmentKind() {
        return AssignmentKind.PMO;
    }
}
