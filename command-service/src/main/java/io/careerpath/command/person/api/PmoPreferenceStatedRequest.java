package io.careerpath.command.person.api;

import io.careerpath.command.person.domain.PersonCommand;
import io.careerpath.command.person.domain.Recording;
import io.careerpath.command.person.domain.StatePmoPreference;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

@Schema(name = "PMO_PREFERENCE_STATED", description = "Whether the person is willing to join a PMO, from effectiveDate"
        + " on, until they say otherwise. The person may state it themself; the rotation planner keeps someone unwilling"
        + " out of PMO seats unless nothing else works.")
record PmoPreferenceStatedRequest(
        @NotNull @Schema(allowableValues = "PMO_PREFERENCE_STATED") String type,
        @NotNull @Schema(example = "2025-03-01") LocalDate effectiveDate,
        @NotNull @Schema(description = "true: open to a PMO role; false: would rather not join one", example = "false")
        Boolean willing) implements CareerEventRequest {

    @Override
    public PersonCommand toCommand(String personId, Long expectedSequence, Recording recording) {
        return new StatePmoPreference(personId, expectedSequence, effectiveDate, recording, willing);
    }
}
