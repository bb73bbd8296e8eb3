package io.careerpath.command.person;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

@Schema(description = "A person to register. effectiveDate defaults to today; it may lie in the past for imported"
        + " histories, never in the future.")
record RegisterPersonRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Ada Lovelace") String displayName,
        @NotBlank @Size(max = 100) @Schema(example = "team-apollo") String teamId,
        @Schema(example = "2019-01-07") LocalDate effectiveDate) {
}
