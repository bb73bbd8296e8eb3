package io.careerpath.command.person.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.careerpath.command.person.domain.PersonCommand;
import io.careerpath.command.person.domain.Recording;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/**
 * The body of {@code POST /api/people/{personId}/career-events}: one shape per event kind, told
 * apart by {@code type}. Field names are a contract with clients and the dashboards. Each type name
 * is the recorded event's {@code CareerEvent.typeOf} name (checked by a test).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
@JsonSubTypes({
        @JsonSubTypes.Type(value = DeliveryRoleStartedRequest.class, name = "DELIVERY_ROLE_STARTED"),
        @JsonSubTypes.Type(value = JoinedPmoRequest.class, name = "JOINED_PMO"),
        @JsonSubTypes.Type(value = TookTroubledProgramRequest.class, name = "TOOK_TROUBLED_PROGRAM"),
        @JsonSubTypes.Type(value = RegainedDeliveryRoleRequest.class, name = "REGAINED_DELIVERY_ROLE"),
        @JsonSubTypes.Type(value = AssignmentEndedRequest.class, name = "ASSIGNMENT_ENDED"),
        @JsonSubTypes.Type(value = AdministrativeLoadRecordedRequest.class, name = "ADMINISTRATIVE_LOAD_RECORDED"),
        @JsonSubTypes.Type(value = PmoPreferenceStatedRequest.class, name = "PMO_PREFERENCE_STATED"),
        @JsonSubTypes.Type(value = SkillAssessedRequest.class, name = "SKILL_ASSESSED"),
        @JsonSubTypes.Type(value = TeamChangedRequest.class, name = "TEAM_CHANGED"),
        @JsonSubTypes.Type(value = EventRetractedRequest.class, name = "EVENT_RETRACTED"),
})
@Schema(description = "A career event to record; `type` decides which other fields it has.",
        oneOf = {DeliveryRoleStartedRequest.class, JoinedPmoRequest.class, TookTroubledProgramRequest.class,
                RegainedDeliveryRoleRequest.class, AssignmentEndedRequest.class,
                AdministrativeLoadRecordedRequest.class, PmoPreferenceStatedRequest.class, SkillAssessedRequest.class,
                TeamChangedRequest.class, EventRetractedRequest.class},
        discriminatorProperty = "type",
        discriminatorMapping = {
                @DiscriminatorMapping(value = "DELIVERY_ROLE_STARTED", schema = DeliveryRoleStartedRequest.class),
                @DiscriminatorMapping(value = "JOINED_PMO", schema = JoinedPmoRequest.class),
                @DiscriminatorMapping(value = "TOOK_TROUBLED_PROGRAM", schema = TookTroubledProgramRequest.class),
                @DiscriminatorMapping(value = "REGAINED_DELIVERY_ROLE", schema = RegainedDeliveryRoleRequest.class),
                @DiscriminatorMapping(value = "ASSIGNMENT_ENDED", schema = AssignmentEndedRequest.class),
                @DiscriminatorMapping(value = "ADMINISTRATIVE_LOAD_RECORDED",
                        schema = AdministrativeLoadRecordedRequest.class),
                @DiscriminatorMapping(value = "PMO_PREFERENCE_STATED", schema = PmoPreferenceStatedRequest.class),
                @DiscriminatorMapping(value = "SKILL_ASSESSED", schema = SkillAssessedRequest.class),
                @DiscriminatorMapping(value = "TEAM_CHANGED", schema = TeamChangedRequest.class),
                @DiscriminatorMapping(value = "EVENT_RETRACTED", schema = EventRetractedRequest.class),
        })
public sealed interface CareerEventRequest
        permits DeliveryRoleStartedRequest, JoinedPmoRequest, TookTroubledProgramRequest, RegainedDeliveryRoleRequest,
        AssignmentEndedRequest, AdministrativeLoadRecordedRequest, PmoPreferenceStatedRequest, SkillAssessedRequest,
        TeamChangedRequest, EventRetractedRequest {

    String type();

    LocalDate effectiveDate();

    /** The command that records this event for {@code personId}. */
    PersonCommand toCommand(String personId, Long expectedSequence, Recording recording);
}
