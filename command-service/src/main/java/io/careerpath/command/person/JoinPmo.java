package io.careerpath.command.person;

import io.careerpath.events.PmoType;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record JoinPmo(
        @TargetAggregateIdentifier String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        PmoType pmoType,
        String pmoName,
        boolean deliveryResponsibility) {
}
