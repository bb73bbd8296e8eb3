package io.careerpath.command.person;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;

/**
 * The body of {@code POST /api/people/{personId}/career-events}: one shape per event kind, told
 * apart by {@code type}. Field names are a contract with clients and the dashboards.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = JoinedPmoRequest.class, name = "JOINED_PMO"),
})
sealed interface CareerEventRequest permits JoinedPmoRequest {

    LocalDate effectiveDate();

    /** The command that records this event for {@code personId}. */
    Object toCommand(String personId, Recording recording);
}
