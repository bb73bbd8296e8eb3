package io.careerpath.command.person.api;

import io.careerpath.command.person.domain.ChangeTeam;
import io.careerpath.command.person.domain.PersonCommand;
import io.careerpath.command.person.domain.Recording;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

@Schema(name = "TEAM_CHANGED", description = "The person moved to another team, or got another manager.")
record TeamChangedRequest(
        @NotNull @Schema(allowableValues = "TEAM_CHANGED") String type,
        @NotNull @Schema(example = "2024-01-08") LocalDate effectiveDate,
        @NotBlank @Pattern(regexp = Limits.TEAM_ID, message = Limits.TEAM_ID_MESSAGE)
        @Schema(example = "team-gemini", pattern = Limits.TEAM_ID) String teamId,
        @Pattern(regexp = Limits.TEAM_ID, message = Limits.TEAM_ID_MESSAGE)
        @Schema(example = "manager-jane", pattern = Limits.TEAM_ID) String managerId,
        @Size(max = Limits.TEAM_NAME_MAX) @Pattern(regexp = Limits.TEAM_NAME, message = Limits.TEAM_NAME_MESSAGE)
        @Schema(description = "what people call the team (optional; the latest one recorded names it)",
                example = "Gemini") String teamName) implements CareerEventRequest {

    @Override
    public PersonCommand toCommand(String personId, Long expectedSequence, Recording recording) {
        return new ChangeTeam(personId, expectedSequence, effectiveDate, recording, teamId, managerId, teamName);
    }
}
