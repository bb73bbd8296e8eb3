package io.careerpath.command.person.domain;

import io.careerpath.events.Skill;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** An observed level of one skill. */
public record AssessSkill(
        @TargetAggregateIdentifier String personId,
        @TargetAggregateVersion Long expectedSequence,
        LocalDate effectiveDate,
        Recording recording,
        Skill skill,
        int level,
        String assessor) implements PersonCommand {
}
