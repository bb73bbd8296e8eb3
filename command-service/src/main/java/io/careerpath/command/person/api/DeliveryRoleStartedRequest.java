package io.careerpath.command.person.api;

import io.careerpath.command.person.domain.PersonCommand;
import io.careerpath.command.person.domain.Recording;
import io.careerpath.command.person.domain.StartDeliveryRole;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

@Schema(name = "DELIVERY_ROLE_STARTED", description = "A delivery role began: a first one, or a new project while"
        + " delivering. A return after time away from delivery is REGAINED_DELIVERY_ROLE.")
record DeliveryRoleStartedRequest(
        @NotNull @Schema(allowableValues = "DELIVERY_ROLE_STARTED") String type,
        @NotNull @Schema(example = "2016-01-04") LocalDate effectiveDate,
        @NotBlank @Size(max = 200) @Schema(example = "Billing platform migration") String projectName)
        implements CareerEventRequest {

    @Override
    public PersonCommand toCommand(String personId, Long expectedSequence, Recording recording) {
        return new StartDeliveryRole(personId, expectedSequence, effectiveDate, recording, projectName);
    }
}
