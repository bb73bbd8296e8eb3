package io.careerpath.query.skills;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.Skill;
import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.IdPatterns;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.Assignment;
import io.careerpath.query.history.HistoryEntry;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.skills.SkillsController.SkillsAnswer;
import io.careerpath.query.skills.SkillsController.SkillView;
import io.careerpath.query.summary.CareerSummary;
import io.careerpath.query.summary.CareerSummary.EventRow;
import io.careerpath.query.summary.CareerSummary.Fact;
import io.careerpath.query.summary.CareerSummary.Point;
import io.careerpath.query.summary.CareerSummary.SkillRow;
import io.careerpath.query.summary.CareerSummaryPdf;
import io.careerpath.query.words.CareerWords;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One click on the career page: the person's career on at most two A4 pages for a review conversation,
 * rendered on the server. The figures are the skills answer's (so the verdict reads as the career page's
 * key figures do), the events the timeline's; who may have it is who may see the timeline.
 */
@RestController
@RequestMapping("/api/people")
class CareerSummaryController {

    private final PeopleAccess people;
    private final AsOf asOf;
    private final SkillsController skills;
    private final HistoryReads histories;
    private final CareerSummaryPdf pdf = new CareerSummaryPdf();

    CareerSummaryController(PeopleAccess people, AsOf asOf, SkillsController skills, HistoryReads histories) {
        this.people = people;
        this.asOf = asOf;
        this.skills = skills;
        this.histories = histories;
    }

    @Operation(summary = "The career summary as a PDF (at most two A4 pages) for a review conversation",
            description = "Who may see the person's timeline may have it; anyone else answers 404 like an unknown person. "
                    + "An attachment named after the person (ASCII letters only).")
    @GetMapping("/{personId}/summary.pdf")
    ResponseEntity<byte[]> summary(
            @Parameter(hidden = true) Caller caller,
            @PathVariable @Pattern(regexp = IdPatterns.PERSON, message = "must be a person id (UUID)") String personId,
            @Parameter(description = "the day to look from (default today)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = "what the platform knew (default: asOf)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate knownOn) {
        Viewpoint viewpoint = this.asOf.resolve(asOf, knownOn);
        PersonHistory history = people.history(caller, personId, viewpoint, null);
        SkillsAnswer answer = skills.answer(history, viewpoint, true);
        String name = history.displayName().orElse("Someone not registered by then");
        String team = history.teamId().map(histories::teamName).orElse("No team");
        byte[] document = pdf.render(summary(name, team, history, answer));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .headers(headers -> headers.setContentDisposition(ContentDisposition.attachment()
                        .filename("career-summary-" + CareerWords.fileName(name) + "-" + viewpoint.asOf() + ".pdf").build()))
                .body(document);
    }

    private static CareerSummary summary(String name, String team, PersonHistory history, SkillsAnswer answer) {
        LocalDate day = answer.asOf();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Team", team));
        Assignment current = history.currentAssignment().orElse(null);
        facts.add(new Fact("Current role", current == null ? "No current role on this day"
                : CareerWords.role(current.kind(), current.pmoType())
                + (current.name() == null ? "" : ", " + current.name())
                + responsibility(current)
                + ", since " + CareerWords.day(current.start())
                + String.format(Locale.ROOT, " (%.1f months)", current.durationMonths(day))));
        double retention = answer.deliveryRetention() == null ? 0 : answer.deliveryRetention();
        facts.add(new Fact("Delivery", CareerWords.verdictSentence(answer.deliveryVerdict(), retention,
                answer.rotateBackThreshold(), answer.rotateBackBy())));
        facts.add(new Fact("Rotate back by", answer.rotateBackBy() != null ? !answer.rotateBackBy().isAfter(day)
                ? "Now: the date passed on " + CareerWords.day(answer.rotateBackBy())
                : CareerWords.day(answer.rotateBackBy())
                : switch (answer.deliveryVerdict()) {
                    case NO_DELIVERY_HISTORY -> "No rotate-back date: no delivery history yet";
                    case DELIVERING -> "No rotate-back date: not needed while delivering";
                    case BELOW_THRESHOLD -> "Now: delivery is already below the threshold";
                    default -> "No rotate-back date: the forecast stays above the threshold for two years";
                }));
        facts.add(new Fact("Months since delivery", current != null && current.kind() == AssignmentKind.DELIVERY
                ? "Delivering now" : answer.monthsSinceDelivery() == null ? "Never delivered"
                : String.format(Locale.ROOT, "%.1f months since the last delivery role ended", answer.monthsSinceDelivery())));

        List<Point> retentionSoFar = new ArrayList<>();
        List<Point> forecast = new ArrayList<>();
        List<SkillRow> skillRows = new ArrayList<>();
        for (SkillView skill : answer.skills()) {
            boolean delivery = skill.skill() == Skill.DELIVERY_EXECUTION;
            if (delivery && answer.deliveryHistory()) {
                // share of the peak so far, as the career page draws it (js/charts.js retentionHistory)
                double peak = 0;
                for (SkillsController.Point point : skill.curve()) {
                    peak = Math.max(peak, point.value());
                    retentionSoFar.add(new Point(point.date(), peak > 0 ? Math.min(1, point.value() / peak) : 1));
                }
                answer.deliveryForecast().forEach(point -> forecast.add(new Point(point.date(), point.value())));
            }
            skillRows.add(new SkillRow(CareerWords.skill(skill.skill()), skill.current(), skill.peak(),
                    delivery && !answer.deliveryHistory() ? "—" : CareerWords.percent(skill.retention()), skill.trend()));
        }
        List<EventRow> events = new ArrayList<>();
        List<HistoryEntry> entries = history.entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            events.add(new EventRow(entries.get(i).effectiveDate(), CareerWords.event(entries.get(i))));
        }
        return new CareerSummary(name, day, facts, retentionSoFar, forecast, answer.rotateBackThreshold(),
                answer.rotateBackBy(), skillRows, events);
    }

    private static String responsibility(Assignment assignment) {
        if (assignment.kind() != AssignmentKind.PMO) {
            return "";
        }
        String words = CareerWords.deliveryResponsibility(assignment.deliveryResponsibility());
        return words.isEmpty() ? "" : ", " + words;
    }
}
