package io.careerpath.command.person.domain;

import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The person takes a staff role in a project management office. */
public record JoinPmo(
        @TargetAggregateIdentifier String personId,
        @TargetAggregateVersion Long expectedSequence,
        LocalDate effectiveDate,
        Recording recording,
        PmoType pmoType,
        String pmoName,
        DeliveryResponsibility deliveryResponsibility) implements PersonCommand {
}
