package io.careerpath.command.person.domain;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A project professional becomes known to the platform. Creates the person. */
public record RegisterPerson(
        @TargetAggregateIdentifier String personId,
        LocalDate effectiveDate,
        Recording recording,
        String displayName,
        String teamId,
        String teamName) {
}
