package io.careerpath.command.person;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/people")
class PersonController {

    /** Who records the event. A stand-in until sign-in exists: the identity will come from the token. */
    static final String RECORDED_BY_HEADER = "X-Recorded-By";

    private final CommandGateway commands;
    private final Clock clock;

    PersonController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    record Registered(String personId, String eventId, long sequenceNumber) {
    }

    @PostMapping
    ResponseEntity<Registered> register(@Valid @RequestBody RegisterPersonRequest request,
                                        @RequestHeader(name = RECORDED_BY_HEADER, defaultValue = "anonymous") String recordedBy) {
        String personId = UUID.randomUUID().toString();
        Recording recording = recording(recordedBy);
        LocalDate effectiveDate = request.effectiveDate() != null
                ? request.effectiveDate()
                : LocalDate.ofInstant(recording.recordedAt(), ZoneOffset.UTC);
        commands.sendAndWait(new RegisterPerson(personId, recording.eventId(), effectiveDate, recording.recordedBy(),
                recording.recordedAt(), request.displayName(), request.teamId()));
        return ResponseEntity.created(URI.create("/api/people/" + personId))
                .body(new Registered(personId, recording.eventId(), 0));
    }

    @PostMapping("/{personId}/career-events")
    ResponseEntity<RecordedEvent> record(@PathVariable String personId,
                                         @Valid @RequestBody CareerEventRequest request,
                                         @RequestHeader(name = RECORDED_BY_HEADER, defaultValue = "anonymous") String recordedBy) {
        RecordedEvent recorded = commands.sendAndWait(request.toCommand(personId, recording(recordedBy)));
        return ResponseEntity.created(URI.create("/api/people/" + personId + "/career-events/" + recorded.eventId()))
                .body(recorded);
    }

    private Recording recording(String recordedBy) {
        return new Recording(UUID.randomUUID().toString(), recordedBy, clock.instant());
    }
}
