package io.careerpath.command.person.domain;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The person moves to another team, or gets another manager. */
public record ChangeTeam(
        @TargetAggregateIdentifier String personId,
        @TargetAggregateVersion Long expectedSequence,
        LocalDate effectiveDate,
        Recording recording,
        String teamId,
        String managerId,
        String teamName) implements PersonCommand {
}
