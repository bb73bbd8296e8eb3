package io.careerpath.command.person.api;

import io.careerpath.command.person.domain.PersonCommand;
import io.careerpath.command.person.domain.Recording;
import io.careerpath.command.person.domain.TakeTroubledProgram;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

@Schema(name = "TOOK_TROUBLED_PROGRAM", description = "The person took over a poorly performing program or"
        + " organization. It ends with ASSIGNMENT_ENDED and an outcome.")
record TookTroubledProgramRequest(
        @NotNull @Schema(allowableValues = "TOOK_TROUBLED_PROGRAM") String type,
        @NotNull @Schema(example = "2021-09-01") LocalDate effectiveDate,
        @NotBlank @Size(max = 200) @Schema(example = "ERP consolidation") String programName)
        implements CareerEventRequest {

    @Override
    public PersonCommand toCommand(String personId, Long expectedSequence, Recording recording) {
        return new TakeTroubledProgram(personId, expectedSequence, effectiveDate, recording, programName);
    }
}
