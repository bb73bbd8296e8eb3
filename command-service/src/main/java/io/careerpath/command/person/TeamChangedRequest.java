package io.careerpath.command.person;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

@Schema(name = "TEAM_CHANGED", description = "The person moved to another team, or got another manager.")
record TeamChangedRequest(
        @NotNull @Schema(allowableValues = "TEAM_CHANGED") String type,
        @NotNull @Schema(example = "2024-01-08") LocalDate effectiveDate,
        @NotBlank @Size(max = 100) @Schema(example = "team-gemini") String teamId,
        @Size(max = 100) @Schema(example = "manager-jane") String managerId) implements CareerEventRequest {

    @Override
    public PersonCommand toCommand(String personId, Long expectedSequence, Recording recording) {
        return new ChangeTeam(personId, expectedSequence, effectiveDate, recording, teamId, managerId);
    }
}
