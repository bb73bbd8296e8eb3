package io.careerpath.command.person.api;

import io.careerpath.command.person.domain.PersonCommand;
import io.careerpath.command.person.domain.Recording;
import io.careerpath.command.person.domain.RegainDeliveryRole;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

@Schema(name = "REGAINED_DELIVERY_ROLE", description = "A return to a delivery role after time away from delivery."
        + " Refused while delivering and for someone who never delivered: both are DELIVERY_ROLE_STARTED.")
record RegainedDeliveryRoleRequest(
        @NotNull @Schema(allowableValues = "REGAINED_DELIVERY_ROLE") String type,
        @NotNull @Schema(example = "2023-02-01") LocalDate effectiveDate,
        @NotBlank @Size(max = 200) @Schema(example = "Customer portal relaunch") String projectName)
        implements CareerEventRequest {

    @Override
    public PersonCommand toCommand(String personId, Long expectedSequence, Recording recording) {
        return new RegainDeliveryRole(personId, expectedSequence, effectiveDate, recording, projectName);
    }
}
