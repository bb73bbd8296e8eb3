package io.careerpath.query.timeline;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.IdPatterns;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.history.Assignment;
import io.careerpath.query.history.HistoryEntry;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/people")
class TimelineController {

    private final PeopleAccess people;
    private final AsOf asOf;
    private final Recorders recorders;
    private final HistoryReads histories;

    TimelineController(PeopleAccess people, AsOf asOf, HistoryReads histories) {
        this.people = people;
        this.asOf = asOf;
        this.recorders = new Recorders(people, asOf);
        this.histories = histories;
    }

    /**
     * @param displayName the person's name (opened from its sealed form for this answer)
     * @param sequence the person's last event the stored history reflects
     * @param teamName what people call the person's team ({@link HistoryReads#teamName})
     * @param entries  every event in effective-date order (retracted ones and retractions left out)
     */
    record CareerTimeline(String personId, String displayName, String teamId, String teamName, String managerId,
                          LocalDate asOf, LocalDate knownOn, long sequence, List<AssignmentView> assignments,
                          List<Entry> entries) {
    }

    /**
     * An event with who recorded it in words: {@code recordedBy} stays the stored pseudonymous id (for
     * audits and clients), {@code recorder} is what a page shows.
     */
    record Entry(@JsonUnwrapped HistoryEntry event, Recorders.Recorder recorder) {
    }

    /** @param deliveryResponsibility NONE, PARTIAL or FULL: how much of the delivery of projects a PMO role answers for */
    record AssignmentView(AssignmentKind kind, PmoType pmoType, String name, DeliveryResponsibility deliveryResponsibility,
                          boolean regained, LocalDate start, LocalDate end, boolean ongoing, long durationDays,
                          double durationMonths, String outcome) {

        static AssignmentView of(Assignment a, LocalDate asOf) {
            return new AssignmentView(a.kind(), a.pmoType(), a.name(), a.deliveryResponsibility(), a.regained(),
                    a.start(), a.end(), a.ongoing(), a.durationDays(asOf), a.durationMonths(asOf), a.outcome());
        }
    }

    @Operation(summary = "A person's career in the order it happened, as known on a day",
            description = "The caller's own career, a person whose current team they manage, or anyone for PMO leads "
                    + "and HR administrators; anyone else answers 404 like an unknown person.")
    @GetMapping("/{personId}/timeline")
    CareerTimeline timeline(
            @Parameter(hidden = true) Caller caller,
            @PathVariable @Pattern(regexp = IdPatterns.PERSON, message = "must be a person id (UUID)") String personId,
            @Parameter(description = "the day to look from (default today): only events recorded and effective by then")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = "what the platform knew: events recorded after this day are left out (default: asOf, i.e. the answer given on that day)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate knownOn,
            @Parameter(description = "wait (boundedly) until the answer includes this event sequence of the person")
            @RequestParam(required = false) @PositiveOrZero @Max(Integer.MAX_VALUE) Long minSequence) {
        Viewpoint viewpoint = this.asOf.resolve(asOf, knownOn);
        LocalDate day = viewpoint.asOf();
        PersonHistory history = people.history(caller, personId, viewpoint, minSequence);
        List<HistoryEntry> entries = history.entries();
        Map<String, Recorders.Recorder> recordedBy = recorders.of(caller, history, entries);
        String teamId = history.teamId().orElse(null);
        return new CareerTimeline(personId, history.displayName().orElse(null), teamId,
                teamId == null ? null : histories.teamName(teamId), history.managerId().orElse(null), day,
                viewpoint.knownOn(), history.sequence(),
                history.assignments().stream().map(a -> AssignmentView.of(a, day)).toList(),
                entries.stream().map(e -> new Entry(e, recordedBy.get(e.recordedBy()))).toList());
    }
}
