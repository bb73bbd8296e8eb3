package io.careerpath.command.person.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.careerpath.command.person.domain.JoinPmo;
import io.careerpath.command.person.domain.PersonCommand;
import io.careerpath.command.person.domain.Recording;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import io.careerpath.pipeline.upcasting.DeliveryResponsibilityJson;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * @param deliveryResponsibility {@code NONE}, {@code PARTIAL} or {@code FULL}; the boolean of JOINED_PMO
 *                               revision 1 is still taken while it is deprecated (docs/events.md)
 */
@Schema(name = "JOINED_PMO", description = "The person took a staff role in a PMO.")
record JoinedPmoRequest(
        @NotNull @Schema(allowableValues = "JOINED_PMO") String type,
        @NotNull @Schema(example = "2024-03-01") LocalDate effectiveDate,
        @NotNull @Schema(example = "ORGANIZATIONAL") PmoType pmoType,
        @Size(max = 200) @Schema(example = "Enterprise PMO") String pmoName,
        @JsonDeserialize(using = DeliveryResponsibilityJson.class)
        @Schema(implementation = DeliveryResponsibilityJson.Documented.class)
        DeliveryResponsibility deliveryResponsibility) implements CareerEventRequest {

    @Override
    public PersonCommand toCommand(String personId, Long expectedSequence, Recording recording) {
        return new JoinPmo(personId, expectedSequence, effectiveDate, recording, pmoType, pmoName,
                deliveryResponsibility == null ? DeliveryResponsibility.NONE : deliveryResponsibility);
    }
}
