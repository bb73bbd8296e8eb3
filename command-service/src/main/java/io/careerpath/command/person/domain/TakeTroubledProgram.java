package io.careerpath.command.person.domain;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The person takes over a poorly performing program. */
public record TakeTroubledProgram(
        @TargetAggregateIdentifier String personId,
        @TargetAggregateVersion Long expectedSequence,
        LocalDate effectiveDate,
        Recording recording,
        String programName) implements PersonCommand {
}
