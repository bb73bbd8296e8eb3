package io.careerpath.command.person.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * @param personId the id to register the person under: the {@code person_id} of their sign-in account, so
 *                 that the account's own career is this one. Optional; a new random id without it.
 * @param teamName what people call the team, optional
 */
@Schema(description = "A person to register. effectiveDate defaults to today; it may lie in the past for imported"
        + " histories, never in the future.")
public record RegisterPersonRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Ada Lovelace") String displayName,
        @NotBlank @Pattern(regexp = Limits.TEAM_ID, message = Limits.TEAM_ID_MESSAGE)
        @Schema(example = "team-apollo", pattern = Limits.TEAM_ID) String teamId,
        @Schema(example = "2019-01-07") LocalDate effectiveDate,
        @Pattern(regexp = Limits.UUID, message = "must be a UUID")
        @Schema(description = "the person id of the person's sign-in account (a UUID); a new one if absent",
                example = "3f2b8c1e-9d4a-4f6b-8e2d-1a7c5b9e0f31") String personId,
        @Size(max = Limits.TEAM_NAME_MAX) @Pattern(regexp = Limits.TEAM_NAME, message = Limits.TEAM_NAME_MESSAGE)
        @Schema(description = "what people call the team; the team's display name is the latest one recorded for"
                + " its id (absent: the id read as a name)", example = "Apollo") String teamName) {
}
