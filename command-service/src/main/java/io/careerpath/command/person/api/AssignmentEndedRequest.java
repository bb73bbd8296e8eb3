package io.careerpath.command.person.api;

import io.careerpath.command.person.domain.EndAssignment;
import io.careerpath.command.person.domain.PersonCommand;
import io.careerpath.command.person.domain.Recording;
import io.careerpath.events.AssignmentOutcome;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

@Schema(name = "ASSIGNMENT_ENDED", description = "The assignment held on effectiveDate ends then (the first day it"
        + " is no longer held). A troubled program needs an outcome (RESCUED, CANCELLED or HANDED_OVER); other"
        + " assignments end COMPLETED or without one.")
record AssignmentEndedRequest(
        @NotNull @Schema(allowableValues = "ASSIGNMENT_ENDED") String type,
        @NotNull @Schema(example = "2022-06-30") LocalDate effectiveDate,
        @Schema(example = "RESCUED") AssignmentOutcome outcome) implements CareerEventRequest {

    @Override
    public PersonCommand toCommand(String personId, Long expectedSequence, Recording recording) {
        return new EndAssignment(personId, expectedSequence, effectiveDate, recording, outcome);
    }
}
