package io.careerpath.command.person.domain;

import io.careerpath.events.AssignmentOutcome;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The assignment the person holds on the effective date ends then. */
public record EndAssignment(
        @TargetAggregateIdentifier String personId,
        @TargetAggregateVersion Long expectedSequence,
        LocalDate effectiveDate,
        Recording recording,
        AssignmentOutcome outcome) implements PersonCommand {
}
