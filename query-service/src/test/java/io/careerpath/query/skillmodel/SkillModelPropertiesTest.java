package io.careerpath.query.skillmodel;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Laws the model keeps for any career. */
class SkillModelPropertiesTest {

    private static final LocalDate START = LocalDate.of(2001, 3, 5);
    private static final SkillModel MODEL = SkillModel.withDefaults();
    private static final SkillDynamics DYNAMICS = new SkillDynamics(MODEL.parameters());
    private static final Skill[] SKILLS = Skill.values();
    private static final double EPSILON = 1e-12;

    /**
     * One role in a generated career: {@code role} 0 is delivery, 1 a troubled program, 2–4 a PMO of
     * each type; it is followed by {@code gapMonths} without any role, assessed halfway through the
     * gap if {@code gapAssessmentLevel} is not 0.
     */
    record Stint(int role, DeliveryResponsibility deliveryResponsibility, int months, int loadPercent, int gapMonths,
                 int gapAssessmentLevel, Skill assessedSkill) {

        AssignmentKind kind() {
            return role == 0 ? AssignmentKind.DELIVERY : role == 1 ? AssignmentKind.TROUBLED_PROGRAM : AssignmentKind.PMO;
        }

        PmoType pmoType() {
            return role < 2 ? null : PmoType.values()[role - 2];
        }
    }

    /** A generated career and the periods in which nothing at all is practised. */
    record GeneratedCareer(CareerHistory history, List<LocalDate[]> idlePeriods, LocalDate end) {

        static GeneratedCareer of(List<Stint> stints) {
            List<AssignmentPeriod> assignments = new ArrayList<>();
            List<AdminLoadObservation> loads = new ArrayList<>();
            List<SkillAssessment> assessments = new ArrayList<>();
            List<LocalDate[]> idle = new ArrayList<>();
            LocalDate now = START;
            for (Stint s : stints) {
                LocalDate end = now.plusMonths(s.months());
                assignments.add(new AssignmentPeriod(now, end, s.kind(), s.pmoType(), s.deliveryResponsibility()));
                loads.add(new AdminLoadObservation(now, s.loadPercent()));
                if (s.loadPercent() == 100) {
                    idle.add(new LocalDate[] {now, end}); // administrative work displaces all practice
                }
                LocalDate resume = end.plusMonths(s.gapMonths());
                if (s.gapMonths() > 0) {
                    idle.add(new LocalDate[] {end, resume});
                    if (s.gapAssessmentLevel() > 0) {
                        LocalDate halfway = end.plusDays((resume.toEpochDay() - end.toEpochDay()) / 2);
                        assessments.add(new SkillAssessment(halfway, s.assessedSkill(), s.gapAssessmentLevel()));
                    }
                }
                now = resume;
            }
            return new GeneratedCareer(new CareerHistory(assignments, loads, assessments), idle, now);
        }

        boolean assessedOn(LocalDate day, Skill skill) {
            return history.assessments().stream().anyMatch(a -> a.date().equals(day) && a.skill() == skill);
        }
    }

    @Provide
    Arbitrary<List<Stint>> careers() {
        Arbitrary<Stint> stint = Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.of(DeliveryResponsibility.class),
                Arbitraries.integers().between(1, 48),
                Arbitraries.integers().between(0, 100).edgeCases(c -> c.add(100)),
                Arbitraries.integers().between(0, 18),
                Arbitraries.integers().between(0, SkillAssessment.MAX_LEVEL),
                Arbitraries.of(Skill.class)).as(Stint::new);
        return stint.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 200)
    void proficiencyStaysBetweenZeroAndOne(@ForAll("careers") List<Stint> stints) {
        GeneratedCareer career = GeneratedCareer.of(stints);
        List<LocalDate> weekly = START.datesUntil(career.end().plusYears(2), java.time.Period.ofWeeks(1)).toList();

        MODEL.sample(career.history(), weekly).values().forEach(curve -> {
            for (double value : curve.values()) {
                assertThat(value).isBetween(0.0, 1.0);
            }
        });
        MODEL.evaluate(career.history(), career.end()).skills().values().forEach(s -> {
            assertThat(s.peak()).isBetween(0.0, 1.0);
            assertThat(s.retention()).isBetween(0.0, 1.0);
        });
    }

    @Property(tries = 200)
    void proficiencyNeverRisesWithoutPractice(@ForAll("careers") List<Stint> stints) {
        GeneratedCareer career = GeneratedCareer.of(stints);

        for (LocalDate[] idle : career.idlePeriods()) {
            List<LocalDate> days = idle[0].datesUntil(idle[1].plusDays(1)).toList();
            Map<Skill, ProficiencyCurve> curves = MODEL.sample(career.history(), days);
            for (Skill skill : SKILLS) {
                double[] level = curves.get(skill).values();
                for (int d = 1; d < level.length; d++) {
                    if (!career.assessedOn(days.get(d), skill)) {
                        assertThat(level[d]).as("%s on %s", skill, days.get(d)).isLessThanOrEqualTo(level[d - 1]);
                    }
                }
            }
        }
    }

    @Property(tries = 200)
    void proficiencyDecaysMonotonicallyWhileIdle(@ForAll("careers") List<Stint> stints) {
        GeneratedCareer career = GeneratedCareer.of(stints);

        for (LocalDate[] idle : career.idlePeriods()) {
            List<LocalDate> days = idle[0].datesUntil(idle[1].plusDays(1)).toList();
            Map<Skill, ProficiencyCurve> curves = MODEL.sample(career.history(), days);
            SkillProfile atStart = MODEL.evaluate(career.history(), idle[0]);
            for (Skill skill : SKILLS) {
                double floor = DYNAMICS.floor(atStart.skill(skill).peak()); // no practice, no new peak
                double[] level = curves.get(skill).values();
                for (int d = 1; d < level.length; d++) {
                    if (career.assessedOn(days.get(d), skill)) {
                        break; // the observation re-anchors the curve, possibly above the old peak
                    }
                    if (level[d - 1] > floor + 1e-9) {
                        assertThat(level[d]).as("%s on %s", skill, days.get(d)).isLessThan(level[d - 1]);
                    } else {
                        assertThat(level[d]).as("%s on %s", skill, days.get(d)).isLessThanOrEqualTo(level[d - 1]);
                    }
                }
            }
        }
    }

    @Property(tries = 200)
    void proficiencyNeverFallsBelowItsFloor(@ForAll("careers") List<Stint> stints,
                                            @ForAll @IntRange(min = 0, max = 400) int weeksAfterStart) {
        GeneratedCareer career = GeneratedCareer.of(stints);
        LocalDate asOf = START.plusWeeks(weeksAfterStart);

        SkillProfile profile = MODEL.evaluate(career.history(), asOf);

        for (SkillStatus status : profile.skills().values()) {
            // an observation below the floor is believed: the floor then holds from the observed level
            double lowestObserved = career.history().assessments().stream()
                    .filter(a -> a.skill() == status.skill() && !a.date().isAfter(asOf))
                    .mapToDouble(SkillAssessment::proficiency).min().orElse(1);
            double floor = Math.min(DYNAMICS.floor(status.peak()), lowestObserved);
            assertThat(status.current()).as(status.skill().name()).isGreaterThanOrEqualTo(floor - EPSILON);
        }
    }

    @Property(tries = 100)
    void aSkillRecoversFasterTheSecondTime(@ForAll @IntRange(min = 0, max = 4) int role,
                                           @ForAll DeliveryResponsibility deliveryResponsibility,
                                           @ForAll @IntRange(min = 6, max = 60) int firstMonths,
                                           @ForAll @IntRange(min = 3, max = 36) int gapMonths,
                                           @ForAll @IntRange(min = 0, max = 70) int loadPercent) {
        Stint stint = new Stint(role, deliveryResponsibility, firstMonths, loadPercent, gapMonths, 0, Skill.LEADERSHIP);
        Stint again = new Stint(role, deliveryResponsibility, firstMonths + 60, loadPercent, 0, 0, Skill.LEADERSHIP);
        GeneratedCareer career = GeneratedCareer.of(List.of(stint, again));
        Skill skill = mostPractised(stint);
        List<LocalDate> days = START.datesUntil(career.end()).toList();
        double[] level = MODEL.sample(career.history(), days).get(skill).values();
        int firstEnd = days.indexOf(START.plusMonths(firstMonths));
        int secondStart = days.indexOf(START.plusMonths(firstMonths + gapMonths));
        double from = level[secondStart];
        double reached = level[firstEnd];
        Assume.that(reached - from > 0.01);
        double target = from + 0.9 * (reached - from);

        int firstTime = firstDayAtLeast(level, target, 0) - firstDayAtLeast(level, from, 0);
        int secondTime = firstDayAtLeast(level, target, secondStart) - secondStart;

        Assume.that(firstTime >= 10); // below that, days are too coarse to compare
        // counted in whole days: after a short gap the saving can be under a day and show as a tie
        // (seed -8918652524972115308: 45 days both times), never as a slower second time
        assertThat(secondTime).isLessThanOrEqualTo(firstTime);
    }

    @Property(tries = 200)
    void theBoardsDeliveryOutlookIsTheFullEvaluationsDeliveryFigures(@ForAll("careers") List<Stint> stints,
                                                                      @ForAll @IntRange(min = 0, max = 600) int weeksAfterStart) {
        GeneratedCareer career = GeneratedCareer.of(stints);
        LocalDate asOf = START.plusWeeks(weeksAfterStart);
        SkillProfile profile = MODEL.evaluate(career.history(), asOf);
        DeliveryOutlook outlook = MODEL.deliveryOutlook(career.history(), asOf);

        assertThat(outlook.deliveryPeak()).isEqualTo(profile.skill(Skill.DELIVERY_EXECUTION).peak());
        assertThat(outlook.deliveryRetention()).isEqualTo(profile.deliveryRetention());
        assertThat(outlook.monthsSinceLastDelivery()).isEqualTo(profile.monthsSinceLastDelivery());
        assertThat(outlook.rotateBackBy()).isEqualTo(profile.rotateBackBy());
    }

    @Property(tries = 100)
    void theSameHistoryGivesTheSameAnswer(@ForAll("careers") List<Stint> stints,
                                          @ForAll @IntRange(min = 0, max = 400) int weeksAfterStart) {
        LocalDate asOf = START.plusWeeks(weeksAfterStart);
        CareerHistory once = GeneratedCareer.of(stints).history();
        CareerHistory again = GeneratedCareer.of(stints).history();
        ProposedAssignment proposal = new ProposedAssignment(AssignmentKind.TROUBLED_PROGRAM, null, DeliveryResponsibility.NONE, 9, 40.0);

        assertThat(MODEL.evaluate(again, asOf)).isEqualTo(MODEL.evaluate(once, asOf));
        assertThat(SkillModel.withDefaults().whatIf(again, proposal, asOf)).isEqualTo(MODEL.whatIf(once, proposal, asOf));
    }

    @Property(tries = 100)
    void aLaterEvaluationNeverRewritesThePast(@ForAll("careers") List<Stint> stints,
                                              @ForAll @IntRange(min = 0, max = 300) int weeksAfterStart,
                                              @ForAll @IntRange(min = 1, max = 100) int weeksLater) {
        CareerHistory history = GeneratedCareer.of(stints).history();
        LocalDate asOf = START.plusWeeks(weeksAfterStart);

        SkillProfile then = MODEL.evaluate(history, asOf);
        Map<Skill, ProficiencyCurve> afterwards = MODEL.sample(history, List.of(asOf, asOf.plusWeeks(weeksLater)));

        for (Skill skill : SKILLS) {
            assertThat(afterwards.get(skill).value(0)).isEqualTo(then.skill(skill).current());
        }
    }

    /**
     * A partial delivery responsibility counts half the delivery practice that a full one adds (docs/skill-model.md):
     * the practice the currency rule sums is exactly halfway. (Proficiency itself need not be: reaching a new peak
     * restarts the disuse clock, so a little more practice followed by disuse can end a hair lower months later.)
     */
    @Property(tries = 100)
    void aPartialResponsibilityCountsHalfTheDeliveryPracticeAFullOneAdds(@ForAll("careers") List<Stint> stints,
                                                                        @ForAll @IntRange(min = 0, max = 400) int weeksAfterStart) {
        LocalDate asOf = START.plusWeeks(weeksAfterStart);
        double[] practice = new double[DeliveryResponsibility.values().length];
        for (DeliveryResponsibility responsibility : DeliveryResponsibility.values()) {
            List<Stint> same = stints.stream().map(s -> new Stint(s.role(), responsibility, s.months(), s.loadPercent(),
                    s.gapMonths(), s.gapAssessmentLevel(), s.assessedSkill())).toList();
            practice[responsibility.ordinal()] = MODEL.evaluate(GeneratedCareer.of(same).history(), asOf)
                    .deliveryCurrency().practiceMonths();
        }

        double none = practice[DeliveryResponsibility.NONE.ordinal()];
        double full = practice[DeliveryResponsibility.FULL.ordinal()];
        assertThat(practice[DeliveryResponsibility.PARTIAL.ordinal()]).isCloseTo(none + (full - none) / 2, within(1e-9));
        assertThat(full).isGreaterThanOrEqualTo(none);
    }

    private static Skill mostPractised(Stint stint) {
        Skill best = null;
        for (Skill skill : SKILLS) {
            double intensity = MODEL.matrix().intensity(stint.kind(), stint.pmoType(), stint.deliveryResponsibility(), skill);
            if (best == null || intensity > MODEL.matrix().intensity(stint.kind(), stint.pmoType(),
                    stint.deliveryResponsibility(), best)) {
                best = skill;
            }
        }
        return best;
    }

    private static int firstDayAtLeast(double[] level, double value, int from) {
        for (int day = from; day < level.length; day++) {
            if (level[day] >= value) {
                return day;
            }
        }
        throw new AssertionError("never reached " + value);
    }
}
