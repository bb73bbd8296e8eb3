package io.careerpath.command.person.api;

import io.careerpath.command.person.domain.PersonCommand;
import io.careerpath.command.person.domain.Recording;
import io.careerpath.command.person.domain.RetractEvent;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

@Schema(name = "EVENT_RETRACTED", description = "Takes back an event recorded by mistake (and what followed from"
        + " it). The history is never edited: the retraction is an event of its own.")
record EventRetractedRequest(
        @NotNull @Schema(allowableValues = "EVENT_RETRACTED") String type,
        @NotNull @Schema(example = "2024-06-03") LocalDate effectiveDate,
        @NotBlank @Pattern(regexp = Limits.EVENT_ID, message = Limits.EVENT_ID_MESSAGE)
        @Schema(description = "the eventId of the event to retract",
                example = "69317b42-7a0e-4c55-9d0c-2f6a0f1d8e11") String eventId,
        @NotBlank @Size(max = 1000) @Schema(example = "Recorded for the wrong person") String reason)
        implements CareerEventRequest {

    @Override
    public PersonCommand toCommand(String personId, Long expectedSequence, Recording recording) {
        return new RetractEvent(personId, expectedSequence, effectiveDate, recording, eventId, reason);
    }
}
