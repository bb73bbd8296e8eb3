package io.careerpath.query.skills;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;
import io.careerpath.pipeline.upcasting.DeliveryResponsibilityJson;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.InvalidInput;
import io.careerpath.query.api.QueryProperties;
import io.careerpath.query.api.IdPatterns;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.skillmodel.CareerHistory;
import io.careerpath.query.skillmodel.DeliveryVerdict;
import io.careerpath.query.skillmodel.ProficiencyCurve;
import io.careerpath.query.skillmodel.ProposedAssignment;
import io.careerpath.query.skillmodel.SkillModel;
import io.careerpath.query.skillmodel.SkillProfile;
import io.careerpath.query.skillmodel.SkillStatus;
import io.careerpath.query.skillmodel.WhatIfProjection;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a person stands, skill by skill, and where a proposed role would take them. Both run the
 * one skill model over the person's history at query time: a change of its parameters or of the
 * practice matrix shows in the next answer.
 */
@RestController
@RequestMapping("/api/people")
class SkillsController {

    private static final int FORECAST_MONTHS = 24;

    private final PeopleAccess people;
    private final SkillModel model;
    private final AsOf asOf;
    private final QueryProperties properties;

    SkillsController(PeopleAccess people, SkillModel model, AsOf asOf, QueryProperties properties) {
        this.people = people;
        this.model = model;
        this.asOf = asOf;
        this.properties = properties;
    }

    record Point(LocalDate date, double value) {
    }

    record SkillView(Skill skill, double current, double peak, double retention,
                     @Schema(description = "change of proficiency per month over the recent months") double trend,
                     List<Point> curve) {
    }

    record Currency(boolean current, double practiceMonths, double requiredPracticeMonths, LocalDate windowStart) {
    }

    record SkillsAnswer(String personId, LocalDate asOf, LocalDate knownOn, long sequence, String modelVersion, List<SkillView> skills,
                        @Schema(description = "delivery level / peak; null without delivery history (see deliveryHistory)")
                        Double deliveryRetention, Double monthsSinceDelivery, Currency deliveryCurrency,
                        @Schema(description = "when delivery retention falls below the threshold if the current assignment goes on")
                        LocalDate rotateBackBy,
                        double rotateBackThreshold,
                        @Schema(description = "delivery retention month by month if the current assignment goes on (with curves=true)")
                        List<Point> deliveryForecast,
                        @Schema(description = "whether anything in delivery was practised or assessed by asOf")
                        boolean deliveryHistory,
                        @Schema(description = "the one verdict all delivery figures follow (the board's DELIVERY_AT_RISK flag too)")
                        DeliveryVerdict deliveryVerdict,
                        @Schema(description = "whether the verdict asks for attention: BELOW_THRESHOLD or ROTATE_BACK_SOON")
                        boolean deliveryAttention) {
    }

    @Operation(summary = "Proficiency per skill now and at its peak, delivery currency and the rotate-back forecast")
    @GetMapping("/{personId}/skills")
    SkillsAnswer skills(@Parameter(hidden = true) Caller caller,
                        @PathVariable @Pattern(regexp = IdPatterns.PERSON, message = "must be a person id (UUID)") String personId,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                        @Parameter(description = "what the platform knew: events recorded after this day are left out (default: asOf)")
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate knownOn,
                        @RequestParam(required = false) @PositiveOrZero @Max(Integer.MAX_VALUE) Long minSequence,
                        @Parameter(description = "include monthly curves per skill and the delivery forecast")
                        @RequestParam(defaultValue = "false") boolean curves) {
        Viewpoint viewpoint = this.asOf.resolve(asOf, knownOn);
        return answer(people.history(caller, personId, viewpoint, minSequence), viewpoint, curves);
    }

    /** The skills answer for a history the caller may see: the API's, and the career summary's figures. */
    SkillsAnswer answer(PersonHistory history, Viewpoint viewpoint, boolean curves) {
        LocalDate day = viewpoint.asOf();
        CareerHistory career = history.toCareerHistory();
        SkillProfile profile = model.evaluate(career, day);
        List<SkillView> skills = new ArrayList<>();
        for (Skill skill : Skill.values()) {
            SkillStatus status = profile.skill(skill);
            skills.add(new SkillView(skill, round(status.current()), round(status.peak()), round(status.retention()),
                    round(status.trendPerMonth()), curves ? points(status.curve()) : null));
        }
        DeliveryVerdict verdict = DeliveryVerdict.of(profile.deliveryHistory(), profile.delivering(),
                profile.deliveryRetention(), profile.rotateBackBy(), day, model.parameters().rotateBackRetention(),
                properties.rotateBackWarningMonths());
        return new SkillsAnswer(history.personId(), day, viewpoint.knownOn(), history.sequence(), modelVersion(), skills,
                profile.deliveryHistory() ? round(profile.deliveryRetention()) : null,
                profile.monthsSinceLastDelivery().isPresent() ? round(profile.monthsSinceLastDelivery().getAsDouble()) : null,
                new Currency(profile.deliveryCurrency().current(), round(profile.deliveryCurrency().practiceMonths()),
                        profile.deliveryCurrency().requiredPracticeMonths(), profile.deliveryCurrency().windowStart()),
                profile.rotateBackBy().orElse(null), model.parameters().rotateBackRetention(),
                curves ? deliveryForecast(career, day, profile.skill(Skill.DELIVERY_EXECUTION).peak()) : null,
                profile.deliveryHistory(), verdict, verdict.attention());
    }

    @Schema(description = "A proposed assignment, run through the model from today; nothing is recorded")
    record WhatIfRequest(
            @NotNull @Schema(example = "PMO") AssignmentKind kind,
            @Schema(example = "EXECUTIVE") PmoType pmoType,
            @NotNull @Min(1) @Max(120) @Schema(example = "12") Integer months,
            @JsonDeserialize(using = DeliveryResponsibilityJson.class)
            @Schema(implementation = DeliveryResponsibilityJson.Documented.class)
            DeliveryResponsibility deliveryResponsibility,
            @DecimalMin("0") @DecimalMax("100") @Schema(description = "administrative load during it; default: the current one")
            Double adminLoadPercent) {
    }

    record SkillChangeView(Skill skill, double atStart, double atEnd, double change) {
    }

    record WhatIfAnswer(String personId, long sequence, LocalDate from, LocalDate until, List<SkillChangeView> skills,
                        List<Skill> gained, List<Skill> lost) {
    }

    @Operation(summary = "What-if: skills gained and lost if the person took this role for N months; writes nothing")
    @PostMapping("/{personId}/what-if")
    WhatIfAnswer whatIf(@Parameter(hidden = true) Caller caller,
                        @PathVariable @Pattern(regexp = IdPatterns.PERSON, message = "must be a person id (UUID)") String personId,
                        @Valid @RequestBody WhatIfRequest request,
                        @RequestParam(required = false) @PositiveOrZero @Max(Integer.MAX_VALUE) Long minSequence) {
        if ((request.kind() == AssignmentKind.PMO) != (request.pmoType() != null)) {
            throw new InvalidInput("pmoType", "pmoType is required for a PMO role and allowed for no other");
        }
        LocalDate today = asOf.today();
        PersonHistory history = people.history(caller, personId, new Viewpoint(today, today), minSequence);
        WhatIfProjection projection = model.whatIf(history.toCareerHistory(),
                new ProposedAssignment(request.kind(), request.pmoType(), request.deliveryResponsibility(),
                        request.months(), request.adminLoadPercent()), today);
        List<SkillChangeView> changes = new ArrayList<>();
        List<Skill> gained = new ArrayList<>();
        List<Skill> lost = new ArrayList<>();
        for (Skill skill : Skill.values()) {
            var change = projection.skill(skill);
            changes.add(new SkillChangeView(skill, round(change.atStart()), round(change.atEnd()), round(change.change())));
            if (change.change() >= 0.01) {
                gained.add(skill);
            } else if (change.change() <= -0.01) {
                lost.add(skill);
            }
        }
        return new WhatIfAnswer(personId, history.sequence(), projection.from(), projection.until(), changes, gained, lost);
    }

    private List<Point> deliveryForecast(CareerHistory career, LocalDate day, double peak) {
        List<LocalDate> months = new ArrayList<>();
        for (int month = 0; month <= FORECAST_MONTHS; month++) {
            months.add(day.plusMonths(month));
        }
        Map<Skill, ProficiencyCurve> sampled = model.sample(career, months);
        ProficiencyCurve delivery = sampled.get(Skill.DELIVERY_EXECUTION);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < delivery.size(); i++) {
            double value = delivery.value(i);
            points.add(new Point(delivery.date(i), round(peak > 0 ? Math.min(1, value / Math.max(peak, value)) : 1)));
        }
        return points;
    }

    private String modelVersion() {
        return "matrix " + model.matrix().version() + ", parameters " + Integer.toHexString(model.parameters().hashCode());
    }

    private static List<Point> points(ProficiencyCurve curve) {
        List<Point> points = new ArrayList<>(curve.size());
        for (int i = 0; i < curve.size(); i++) {
            points.add(new Point(curve.date(i), round(curve.value(i))));
        }
        return points;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
