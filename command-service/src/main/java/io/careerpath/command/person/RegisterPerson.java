package io.careerpath.command.person;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record RegisterPerson(
        @TargetAggregateIdentifier String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        String displayName,
        String teamId) {
}
