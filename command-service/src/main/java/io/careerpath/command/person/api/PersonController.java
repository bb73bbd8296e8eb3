package io.careerpath.command.person.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.command.idempotency.IdempotentRequests.Answer;
import io.careerpath.command.idempotency.IdempotentRequests;
import io.careerpath.command.person.audit.CareerEventLog;
import io.careerpath.command.person.domain.PersonCommand;
import io.careerpath.command.person.domain.RecordedEvent;
import io.careerpath.command.person.domain.Recording;
import io.careerpath.command.person.domain.RegisterPerson;
import io.careerpath.command.web.Ids;
import io.careerpath.command.web.Problems;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The people's careers. Who records is the caller of the access token ({@link Caller}); what they may do
 * follows the permission table (docs/security.md): registering into a team the caller may not access,
 * erasing and importing without the role answer 403; a person the caller may not see answers 404
 * exactly as an unknown one does ({@code PersonAccess} decides that, for the aggregate and the audit view).
 * Erasing a person ({@code DELETE /api/people/{personId}}) is {@code erasure.ErasureController}.
 */
@RestController
@RequestMapping("/api/people")
class PersonController {

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final Clock clock;
    private final IdempotentRequests idempotency;
    private final CareerEventLog log;

    PersonController(CommandGateway commands, EventStore eventStore, Clock clock, IdempotentRequests idempotency,
                     CareerEventLog log) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.clock = clock;
        this.idempotency = idempotency;
        this.log = log;
    }

    record Registered(String personId, String eventId, long sequenceNumber) {
    }

    @Operation(summary = "Register a person")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Registered.class)))
    @ApiResponse(responseCode = "400", description = "invalid body or header",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "the caller may not register people into this team",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "a person with this personId exists, or the Idempotency-Key"
            + " was used for another request", content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "effectiveDate out of range",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping
    ResponseEntity<JsonNode> register(
            @Valid @RequestBody RegisterPersonRequest request,
            Caller caller,
            @Parameter(description = "makes a retry safe: the same key returns the first answer and records nothing")
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        if (!caller.mayAccessTeam(request.teamId())) {
            throw Problems.forbidden("This account may not register people into team " + request.teamId());
        }
        String requestedId = request.personId() == null ? null : request.personId().toLowerCase(Locale.ROOT);
        return idempotency.answer(idempotencyKey, List.of("POST /api/people", caller.recorder(), request), () -> {
            String personId = requestedId != null ? requestedId : UUID.randomUUID().toString();
            if (requestedId != null && eventStore.lastSequenceNumberFor(personId).isPresent()) {
                throw Problems.refusal(HttpStatus.CONFLICT, "person-already-exists", "Person already exists",
                        "A person with id " + personId + " is already registered (or was, and was erased);"
                                + " nothing was recorded");
            }
            Recording recording = Recording.by(caller, clock.instant());
            LocalDate effectiveDate = request.effectiveDate() != null
                    ? request.effectiveDate()
                    : LocalDate.ofInstant(recording.recordedAt(), ZoneOffset.UTC);
            commands.sendAndWait(new RegisterPerson(personId, effectiveDate, recording, request.displayName(),
                    request.teamId(), request.teamName()));
            return new Answer(HttpStatus.CREATED, URI.create("/api/people/" + personId), personId,
                    new Registered(personId, recording.eventId(), 0));
        });
    }

    @Operation(summary = "Record a career event", description = "One body shape per `type`; see the examples."
            + " Rule violations answer 422 with a problem type per rule; nothing of a refused request is recorded.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = RecordedEvent.class)))
    @ApiResponse(responseCode = "400", description = "malformed JSON, unknown type or field, missing or invalid value",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "unknown person, or one the caller may not see",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "If-Match is stale, another writer was faster, or the"
            + " Idempotency-Key was used for another request",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "body over the size limit",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "the history would break a rule",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping("/{personId}/career-events")
    ResponseEntity<JsonNode> record(
            @PathVariable String personId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = CareerEventRequest.class), examples = {
                    @ExampleObject(name = "DELIVERY_ROLE_STARTED", value = """
                            {"type": "DELIVERY_ROLE_STARTED", "effectiveDate": "2016-01-04", "projectName": "Billing platform migration"}"""),
                    @ExampleObject(name = "JOINED_PMO", value = """
                            {"type": "JOINED_PMO", "effectiveDate": "2019-03-01", "pmoType": "ORGANIZATIONAL", "pmoName": "Enterprise PMO", "deliveryResponsibility": "PARTIAL"}"""),
                    @ExampleObject(name = "TOOK_TROUBLED_PROGRAM", value = """
                            {"type": "TOOK_TROUBLED_PROGRAM", "effectiveDate": "2021-09-01", "programName": "ERP consolidation"}"""),
                    @ExampleObject(name = "ASSIGNMENT_ENDED", value = """
                            {"type": "ASSIGNMENT_ENDED", "effectiveDate": "2022-06-30", "outcome": "RESCUED"}"""),
                    @ExampleObject(name = "REGAINED_DELIVERY_ROLE", value = """
                            {"type": "REGAINED_DELIVERY_ROLE", "effectiveDate": "2023-02-01", "projectName": "Customer portal relaunch"}"""),
                    @ExampleObject(name = "ADMINISTRATIVE_LOAD_RECORDED", value = """
                            {"type": "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate": "2019-06-01", "percentOfTime": 35}"""),
                    @ExampleObject(name = "PMO_PREFERENCE_STATED", value = """
                            {"type": "PMO_PREFERENCE_STATED", "effectiveDate": "2025-03-01", "willing": false}"""),
                    @ExampleObject(name = "SKILL_ASSESSED", value = """
                            {"type": "SKILL_ASSESSED", "effectiveDate": "2024-05-15", "skill": "DELIVERY_EXECUTION", "level": 3}"""),
                    @ExampleObject(name = "TEAM_CHANGED", value = """
                            {"type": "TEAM_CHANGED", "effectiveDate": "2024-01-08", "teamId": "team-gemini", "managerId": "manager-jane"}"""),
                    @ExampleObject(name = "EVENT_RETRACTED", value = """
                            {"type": "EVENT_RETRACTED", "effectiveDate": "2024-06-03", "eventId": "69317b42-7a0e-4c55-9d0c-2f6a0f1d8e11", "reason": "Recorded for the wrong person"}"""),
            }))
            @Valid @RequestBody CareerEventRequest request,
            Caller caller,
            @Parameter(description = "record only if the person's last event is still this sequence number"
                    + " (from an answer's sequenceNumber or the ETag of GET .../career-events), else 409")
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Parameter(description = "makes a retry safe: the same key returns the first answer and records nothing")
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        String id = Ids.uuid(personId, "personId");
        Long expectedSequence = expectedSequence(ifMatch);
        String path = "/api/people/" + id + "/career-events";
        return idempotency.answer(idempotencyKey, List.of("POST " + path, caller.recorder(), request), () -> {
            RecordedEvent recorded = send(request.toCommand(id, expectedSequence, Recording.by(caller, clock.instant())),
                    caller);
            return new Answer(HttpStatus.CREATED, URI.create(path + "/" + recorded.eventId()), id, recorded);
        });
    }

    /**
     * Axon refuses an {@code If-Match} ahead of the person's history when it loads the person, before the
     * aggregate can check the caller: only a caller who may see the person learns of the conflict.
     */
    private RecordedEvent send(PersonCommand command, Caller caller) {
        try {
            return commands.sendAndWait(command);
        } catch (ConflictingAggregateVersionException conflict) {
            if (!log.visibleTo(command.personId(), caller)) {
                throw new AggregateNotFoundException(command.personId(), "hidden from the caller");
            }
            throw conflict;
        }
    }

    @Operation(summary = "Every event recorded for a person, in recording order (the audit view)",
            description = "Read from the event store itself. Retracted events stay, marked with `retractedBy`."
                    + " The ETag is the person's last sequence number, for If-Match.")
    @ApiResponse(responseCode = "200")
    @ApiResponse(responseCode = "404", description = "unknown person",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/{personId}/career-events")
    ResponseEntity<CareerEventLog.PersonEvents> events(@PathVariable String personId, Caller caller) {
        String id = Ids.uuid(personId, "personId");
        return log.of(id, caller)
                .map(events -> ResponseEntity.ok().eTag(String.valueOf(events.sequence())).body(events))
                .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.personNotFound(id), null));
    }

    /** {@code If-Match: "7"} (an ETag) or {@code 7}; {@code *} or none means "whatever the person's state". */
    static Long expectedSequence(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long sequence = Long.parseLong(value);
            if (sequence >= 0) {
                return sequence;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Problems.refusal(HttpStatus.BAD_REQUEST, "invalid-header", "Invalid header",
                "If-Match must be the sequence number of the person's last event, e.g. \"7\"");
    }
}
