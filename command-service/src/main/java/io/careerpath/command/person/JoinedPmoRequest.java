package io.careerpath.command.person;

import io.careerpath.events.PmoType;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

@Schema(name = "JOINED_PMO", description = "The person took a staff role in a PMO.")
record JoinedPmoRequest(
        @NotNull @Schema(allowableValues = "JOINED_PMO") String type,
        @NotNull @Schema(example = "2024-03-01") LocalDate effectiveDate,
        @NotNull @Schema(example = "ORGANIZATIONAL") PmoType pmoType,
        @Size(max = 200) @Schema(example = "Enterprise PMO") String pmoName,
        @Schema(description = "Whether the PMO role still carries delivery responsibility", defaultValue = "false")
        Boolean deliveryResponsibility) implements CareerEventRequest {

    @Override
    public PersonCommand toCommand(String personId, Long expectedSequence, Recording recording) {
        return new JoinPmo(personId, expectedSequence, effectiveDate, recording, pmoType, pmoName,
                Boolean.TRUE.equals(deliveryResponsibility));
    }
}
