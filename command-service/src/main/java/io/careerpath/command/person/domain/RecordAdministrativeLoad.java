package io.careerpath.command.person.domain;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The share of the person's time taken by clerical work, from the effective date on. */
public record RecordAdministrativeLoad(
        @TargetAggregateIdentifier String personId,
        @TargetAggregateVersion Long expectedSequence,
        LocalDate effectiveDate,
        Recording recording,
        int percentOfTime) implements PersonCommand {
}
