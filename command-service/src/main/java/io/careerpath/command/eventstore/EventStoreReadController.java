package io.careerpath.command.eventstore;

import io.careerpath.security.web.ProblemDetails;
import io.careerpath.command.web.BodyProblems;
import io.careerpath.command.web.Ids;
import io.careerpath.command.web.Problems;
import io.careerpath.pipeline.eventstore.EventStoreReads.Events;
import io.careerpath.pipeline.eventstore.EventStoreReads.Heads;
import io.careerpath.pipeline.eventstore.EventStoreReads.PersonEvents;
import io.careerpath.pipeline.eventstore.EventStoreReads.StoredEvent;
import io.careerpath.pipeline.eventstore.EventStoreReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read side's paths into the event store ({@link EventStoreReads}): where every person's history
 * stands, and whole histories exactly as stored (personal data still sealed), so that the query service
 * checks its read models against the source of truth and repairs or rebuilds from it. Only the query
 * service's own client may call (scope {@value io.careerpath.security.Caller#KEYS_SCOPE}, enforced by the
 * security configuration).
 */
@RestController
class EventStoreReadController {

    record EventsRequest(
            @NotNull @Size(min = 1, max = EventStoreReads.MAX_PEOPLE_PER_REQUEST) @Schema(description = "1 to 500 person ids")
            List<@NotNull @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
                    message = "must be a UUID") String> personIds) {
    }

    private record PersonsEvent(String personId, StoredEvent event) {
    }

    private final StoredHeads heads;
    private final StoredEvents storedEvents;

    EventStoreReadController(StoredHeads heads, StoredEvents storedEvents) {
        this.heads = heads;
        this.storedEvents = storedEvents;
    }

    @Operation(summary = "Where each person's history stands, in person id order (query service only, scope careerpath.keys)",
            description = "Keyset pages: pass the answer's next as after for the following page; next is null on the last.")
    @GetMapping(EventStoreReads.HEADS_PATH)
    ResponseEntity<Heads> heads(
            @Parameter(description = "the last person id of the previous page; none for the first page")
            @RequestParam(required = false) String after,
            @Parameter(description = "people per page, 1 to 1000 (default 1000)")
            @RequestParam(required = false) String limit) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(heads.page(after == null ? null : Ids.uuid(after, "after"), limit(limit)));
    }

    @Operation(summary = "Every stored event of up to 500 people, as stored (query service only, scope careerpath.keys)",
            description = "Payloads and meta data as the serializer wrote them, personal data sealed; people in the"
                    + " order asked, each person's events in sequence order; a person the store does not know has none.")
    @PostMapping(EventStoreReads.EVENTS_PATH)
    ResponseEntity<Events> events(@Valid @RequestBody EventsRequest request) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        request.personIds().forEach(id -> ids.add(id.toLowerCase(Locale.ROOT)));
        Map<String, List<StoredEvent>> byPerson = new HashMap<>();
        storedEvents.read(ids, StoredEvents.ENTRY_COLUMNS, (row, n) -> new PersonsEvent(row.getString(2),
                        new StoredEvent(row.getString(1), row.getLong(3), row.getString(4), row.getString(5),
                                row.getString(6), row.getString(7), text(row.getBytes(8)), text(row.getBytes(9)))))
                .forEach(stored -> byPerson.computeIfAbsent(stored.personId(), id -> new ArrayList<>()).add(stored.event()));
        List<PersonEvents> people = ids.stream()
                .map(id -> new PersonEvents(id, byPerson.getOrDefault(id, List.of()))).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Events(people));
    }

    private static String text(byte[] serialized) {
        return serialized == null ? null : new String(serialized, StandardCharsets.UTF_8);
    }

    private static int limit(String value) {
        if (value == null) {
            return EventStoreReads.MAX_HEADS_PER_PAGE;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= EventStoreReads.MAX_HEADS_PER_PAGE) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, like a number out of range
        }
        String message = "must be a whole number from 1 to " + EventStoreReads.MAX_HEADS_PER_PAGE;
        ProblemDetail problem = ProblemDetails.problem(HttpStatus.BAD_REQUEST, "invalid-value", "Invalid value",
                "Parameter 'limit' " + message);
        problem.setProperty("errors", List.of(new BodyProblems.FieldError("limit", message)));
        throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
