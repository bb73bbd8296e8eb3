package io.careerpath.command.person.api;

import io.careerpath.command.person.domain.PersonCommand;
import io.careerpath.command.person.domain.RecordAdministrativeLoad;
import io.careerpath.command.person.domain.Recording;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

@Schema(name = "ADMINISTRATIVE_LOAD_RECORDED", description = "The share of the person's time taken by clerical work"
        + " (moving desks, ordering supplies, organizing reviews), from effectiveDate on.")
record AdministrativeLoadRecordedRequest(
        @NotNull @Schema(allowableValues = "ADMINISTRATIVE_LOAD_RECORDED") String type,
        @NotNull @Schema(example = "2024-04-01") LocalDate effectiveDate,
        @NotNull @Min(0) @Max(100) @Schema(description = "whole percent, 0 to 100", example = "35")
        Integer percentOfTime) implements CareerEventRequest {

    @Override
    public PersonCommand toCommand(String personId, Long expectedSequence, Recording recording) {
        return new RecordAdministrativeLoad(personId, expectedSequence, effectiveDate, recording, percentOfTime);
    }
}
