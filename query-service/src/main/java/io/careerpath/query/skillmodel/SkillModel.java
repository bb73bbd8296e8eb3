package io.careerpath.query.skillmodel;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.Skill;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * The skill-retention model: how practice builds each skill and disuse erodes it, over a career.
 *
 * <p>A pure function of its inputs. It reads no clock (the caller passes every date), writes
 * nothing, and gives the same answer for the same history. It is safe to share between threads.
 * The formulas, parameters and their sources are in docs/skill-model.md.
 */
public final class SkillModel {

    private static final Skill[] SKILLS = Skill.values();
    private static final int DELIVERY = Skill.DELIVERY_EXECUTION.ordinal();

    private final SkillModelParameters parameters;
    private final PracticeMatrix matrix;
    private final SkillDynamics dynamics;

    public SkillModel(SkillModelParameters parameters, PracticeMatrix matrix) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.matrix = Objects.requireNonNull(matrix, "matrix");
        this.dynamics = new SkillDynamics(parameters);
    }

    /** The model with {@link SkillModelParameters#defaults()} and {@link PracticeMatrix#defaultMatrix()}. */
    public static SkillModel withDefaults() {
        return new SkillModel(SkillModelParameters.defaults(), PracticeMatrix.defaultMatrix());
    }

    public SkillModelParameters parameters() {
        return parameters;
    }

    public PracticeMatrix matrix() {
        return matrix;
    }

    /**
     * Every skill of one person on {@code asOf}, from what is effective on or before that date.
     * The curves are sampled monthly, on {@code asOf} and the same day of earlier months.
     */
    public SkillProfile evaluate(CareerHistory history, LocalDate asOf) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(asOf, "asOf");
        Timeline timeline = Timeline.of(history, matrix, asOf);
        List<LocalDate> dates = monthlyDates(history.firstDate(), asOf);
        long asOfDay = asOf.toEpochDay();
        boolean delivering = history.assignments().stream()
                .anyMatch(a -> a.kind() == AssignmentKind.DELIVERY && a.isActiveOn(asOf));
        OptionalDouble monthsSinceLastDelivery = delivering
                ? OptionalDouble.of(0)
                : monthsSinceLastDeliveryEnded(history, asOf);

        Map<Skill, SkillStatus> skills = new EnumMap<>(Skill.class);
        Optional<LocalDate> rotateBackBy = Optional.empty();
        for (Skill skill : SKILLS) {
            SkillCursor cursor = new SkillCursor(dynamics, timeline, skill.ordinal());
            double[] values = new double[dates.size()];
            for (int i = 0; i < values.length - 1; i++) {
                values[i] = cursor.at(dates.get(i).toEpochDay()).level;
            }
            SkillDynamics.State now = cursor.at(asOfDay);
            int last = values.length - 1;
            values[last] = now.level;
            double retention = retention(now);
            double trend = (now.level - values[last - parameters.trendWindowMonths()]) / parameters.trendWindowMonths();
            skills.put(skill, new SkillStatus(skill, now.level, now.peak, retention, trend,
                    new ProficiencyCurve(dates, values)));
            if (skill.ordinal() == DELIVERY) {
                rotateBackBy = rotateBackBy(delivering, retention, cursor, timeline, history, asOf);
            }
        }
        return new SkillProfile(asOf, skills, monthsSinceLastDelivery, deliveryCurrency(timeline, asOf), rotateBackBy,
                deliveryHistory(history, asOf), delivering);
    }

    /**
     * The delivery figures of {@link #evaluate} alone, for the rotation board: one skill walked to
     * {@code asOf} instead of every skill sampled monthly, about a tenth of the work per member.
     */
    public DeliveryOutlook deliveryOutlook(CareerHistory history, LocalDate asOf) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(asOf, "asOf");
        Timeline timeline = Timeline.of(history, matrix, asOf);
        boolean delivering = history.assignments().stream()
                .anyMatch(a -> a.kind() == AssignmentKind.DELIVERY && a.isActiveOn(asOf));
        SkillCursor cursor = new SkillCursor(dynamics, timeline, DELIVERY);
        SkillDynamics.State now = cursor.at(asOf.toEpochDay());
        double peak = now.peak;
        double retention = retention(now);
        return new DeliveryOutlook(peak, retention,
                delivering ? OptionalDouble.of(0) : monthsSinceLastDeliveryEnded(history, asOf),
                rotateBackBy(delivering, retention, cursor, timeline, history, asOf),
                deliveryHistory(history, asOf), delivering);
    }

    /**
     * A role that answers for delivery (a delivery role, a troubled program, a PMO role with delivery
     * responsibility) started by {@code asOf}, or a delivery assessment by then. The little delivery
     * every PMO role practises (0.05 in the default matrix) is no history: it only keeps the skill
     * near the baseline, and its "retention" would be 100 % of nothing.
     */
    private static boolean deliveryHistory(CareerHistory history, LocalDate asOf) {
        for (AssignmentPeriod a : history.assignments()) {
            if (!a.start().isAfter(asOf) && (a.kind() == AssignmentKind.DELIVERY
                    || a.kind() == AssignmentKind.TROUBLED_PROGRAM
                    || a.deliveryResponsibility() != DeliveryResponsibility.NONE)) {
                return true;
            }
        }
        return history.assessments().stream()
                .anyMatch(a -> a.skill() == Skill.DELIVERY_EXECUTION && !a.date().isAfter(asOf));
    }

    private static double retention(SkillDynamics.State state) {
        return state.peak > 0 ? Math.min(1, state.level / state.peak) : 1;
    }

    /** Empty while delivering; the day retention crossed the threshold if it has; else the forecast. */
    private Optional<LocalDate> rotateBackBy(boolean delivering, double retention, SkillCursor deliveryCursor,
                                             Timeline timeline, CareerHistory history, LocalDate asOf) {
        if (delivering) {
            return Optional.empty();
        }
        return retention < parameters.rotateBackRetention()
                ? Optional.of(crossedSince(timeline, history, asOf))
                : forecastCrossing(deliveryCursor, asOf);
    }

    /**
     * Proficiency of every skill on the given dates (any order, duplicates ignored), returned in
     * ascending date order. What is effective after a date never changes its value.
     */
    public Map<Skill, ProficiencyCurve> sample(CareerHistory history, List<LocalDate> dates) {
        Objects.requireNonNull(history, "history");
        List<LocalDate> sorted = List.copyOf(new TreeSet<>(dates));
        Map<Skill, ProficiencyCurve> curves = new EnumMap<>(Skill.class);
        if (sorted.isEmpty()) {
            for (Skill skill : SKILLS) {
                curves.put(skill, new ProficiencyCurve(sorted, new double[0]));
            }
            return Collections.unmodifiableMap(curves);
        }
        Timeline timeline = Timeline.of(history, matrix, sorted.get(sorted.size() - 1));
        for (Skill skill : SKILLS) {
            SkillCursor cursor = new SkillCursor(dynamics, timeline, skill.ordinal());
            double[] values = new double[sorted.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = cursor.at(sorted.get(i).toEpochDay()).level;
            }
            curves.put(skill, new ProficiencyCurve(sorted, values));
        }
        return Collections.unmodifiableMap(curves);
    }

    /**
     * Runs the model forward from {@code from} over a proposed assignment, which replaces whatever
     * the history holds from that date on. Writes nothing.
     */
    public WhatIfProjection whatIf(CareerHistory history, ProposedAssignment proposal, LocalDate from) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(from, "from");
        LocalDate until = from.plusMonths(proposal.months());
        Map<Skill, ProficiencyCurve> curves = sample(history.replacedFrom(from, List.of(proposal)), List.of(from, until));
        Map<Skill, SkillChange> changes = new EnumMap<>(Skill.class);
        curves.forEach((skill, curve) -> changes.put(skill, new SkillChange(skill, curve.value(0), curve.value(1))));
        return new WhatIfProjection(from, until, changes);
    }

    /** {@code asOf} and the same day of each earlier month, back to the start of the history and at least the trend window. */
    private List<LocalDate> monthlyDates(LocalDate first, LocalDate asOf) {
        int months = parameters.trendWindowMonths();
        if (first != null) {
            months = (int) Math.max(months, ChronoUnit.MONTHS.between(first, asOf));
        }
        while (first != null && asOf.minusMonths(months).isAfter(first)) {
            months++;
        }
        List<LocalDate> dates = new ArrayList<>(months + 1);
        for (int k = months; k >= 0; k--) {
            dates.add(asOf.minusMonths(k));
        }
        return List.copyOf(dates);
    }

    private Optional<LocalDate> forecastCrossing(SkillCursor deliveryCursor, LocalDate asOf) {
        long from = asOf.toEpochDay();
        long until = asOf.plusMonths(parameters.forecastHorizonMonths()).toEpochDay();
        long day = deliveryCursor.firstDayBelow(parameters.rotateBackRetention(), from, until);
        return day < 0 ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(day));
    }

    /**
     * Retention is already below the threshold: the day it fell below it since the person left
     * delivery, so that the answer says how long the rotation has been overdue.
     */
    private LocalDate crossedSince(Timeline timeline, CareerHistory history, LocalDate asOf) {
        long leftDelivery = history.assignments().stream()
                .filter(a -> a.kind() == AssignmentKind.DELIVERY && a.end() != null && !a.end().isAfter(asOf))
                .mapToLong(a -> a.end().toEpochDay()).max()
                .orElse(history.firstDate().toEpochDay());
        SkillCursor cursor = new SkillCursor(dynamics, timeline, DELIVERY);
        cursor.at(leftDelivery);
        long day = cursor.firstDayBelow(parameters.rotateBackRetention(), leftDelivery, asOf.toEpochDay());
        return day < 0 ? asOf : LocalDate.ofEpochDay(day);
    }

    private DeliveryCurrency deliveryCurrency(Timeline timeline, LocalDate asOf) {
        LocalDate windowStart = asOf.minusMonths(parameters.currencyWindowMonths());
        double practice = timeline.practiceMonths(DELIVERY, windowStart.toEpochDay(), asOf.toEpochDay());
        return new DeliveryCurrency(practice >= parameters.currencyPracticeMonths(), practice,
                parameters.currencyPracticeMonths(), windowStart);
    }

    /** For someone not in a delivery role on {@code asOf}: every delivery role started by then has ended. */
    private static OptionalDouble monthsSinceLastDeliveryEnded(CareerHistory history, LocalDate asOf) {
        long lastDay = Long.MIN_VALUE; // first day out of the latest delivery role
        for (AssignmentPeriod a : history.assignments()) {
            if (a.kind() == AssignmentKind.DELIVERY && !a.start().isAfter(asOf)) {
                lastDay = Math.max(lastDay, a.end().toEpochDay());
            }
        }
        return lastDay == Long.MIN_VALUE
                ? OptionalDouble.empty()
                : OptionalDouble.of((asOf.toEpochDay() - lastDay) / SkillDynamics.DAYS_PER_MONTH);
    }
}
