package io.careerpath.query.skillmodel;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.careerpath.events.Skill.DELIVERY_EXECUTION;
import static io.careerpath.events.Skill.PROCESS_GOVERNANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SkillModelTest {

    private static final LocalDate START = LocalDate.of(2015, 1, 1);
    private static final SkillModel MODEL = SkillModel.withDefaults();
    private static final SkillModelParameters DEFAULTS = SkillModelParameters.defaults();

    /** Three years of delivery, then the given role from {@link #pmoStart()} on. */
    private static CareerFixture threeYearsOfDeliveryThen(PmoType type, DeliveryResponsibility deliveryResponsibility) {
        return CareerFixture.startingOn(START).adminLoad(10).delivery(36).adminLoad(30)
                .role(AssignmentKind.PMO, type, deliveryResponsibility, 240);
    }

    private static LocalDate pmoStart() {
        return START.plusMonths(36);
    }

    @Test
    void organizationalPmoErodesDeliveryWithinTheResearchedHalfLifeBand() {
        CareerHistory history = threeYearsOfDeliveryThen(PmoType.ORGANIZATIONAL, DeliveryResponsibility.NONE).history();

        double monthsToHalf = monthsUntilHalfTheGainIsLost(history, DELIVERY_EXECUTION, pmoStart());

        // Tatel & Ackerman (2025): half of the gain is gone after 6.5 (accuracy) to 13 (speed) months.
        assertThat(monthsToHalf).isBetween(6.5, 13.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {6.5, 11, 13})
    void completeDisuseLosesHalfTheGainAfterTheConfiguredHalfLife(double halfLife) {
        SkillModel model = new SkillModel(withHalfLife(halfLife), PracticeMatrix.defaultMatrix());
        CareerHistory history = CareerFixture.startingOn(START).delivery(36).history(); // then nothing at all

        double monthsToHalf = monthsUntilHalfTheGainIsLost(model, history, DELIVERY_EXECUTION, pmoStart());

        assertThat(monthsToHalf).isCloseTo(halfLife, within(1.5 / SkillDynamics.DAYS_PER_MONTH));
    }

    @Test
    void rotateBackDateIsForecastWhileInPmo() {
        CareerHistory history = threeYearsOfDeliveryThen(PmoType.ORGANIZATIONAL, DeliveryResponsibility.NONE).history();
        LocalDate asOf = pmoStart().plusMonths(3);

        LocalDate rotateBackBy = MODEL.evaluate(history, asOf).rotateBackBy().orElseThrow();

        assertThat(rotateBackBy).isAfter(asOf).isBefore(pmoStart().plusMonths(13));
        // the forecast agrees with evaluating the same career on those dates
        double threshold = DEFAULTS.rotateBackRetention();
        assertThat(MODEL.evaluate(history, rotateBackBy.minusDays(1)).deliveryRetention()).isGreaterThanOrEqualTo(threshold);
        assertThat(MODEL.evaluate(history, rotateBackBy).deliveryRetention()).isLessThan(threshold);
        assertThat(MODEL.evaluate(history, pmoStart()).rotateBackBy()).contains(rotateBackBy);
    }

    @Test
    void onceRetentionIsBelowTheThresholdTheRotateBackDateIsTheDayItFellBelow() {
        CareerHistory history = threeYearsOfDeliveryThen(PmoType.ORGANIZATIONAL, DeliveryResponsibility.NONE).history();
        LocalDate asOf = pmoStart().plusMonths(24);
        double threshold = DEFAULTS.rotateBackRetention();

        SkillProfile profile = MODEL.evaluate(history, asOf);
        LocalDate overdueSince = profile.rotateBackBy().orElseThrow();

        assertThat(profile.deliveryRetention()).isLessThan(threshold);
        assertThat(overdueSince).isAfter(pmoStart()).isBefore(asOf);
        assertThat(MODEL.evaluate(history, overdueSince.minusDays(1)).deliveryRetention()).isGreaterThanOrEqualTo(threshold);
        assertThat(MODEL.evaluate(history, overdueSince).deliveryRetention()).isLessThan(threshold);
        // the same day the forecast gave while there was still time
        assertThat(MODEL.evaluate(history, pmoStart()).rotateBackBy()).contains(overdueSince);
    }

    @Test
    void noRotateBackDateWhileDelivering() {
        CareerHistory history = CareerFixture.startingOn(START).delivery(36).history();

        assertThat(MODEL.evaluate(history, START.plusMonths(20)).rotateBackBy()).isEmpty();
    }

    @Test
    void noRotateBackDateWhenThePmoRoleKeepsDeliveryAlive() {
        CareerHistory history = threeYearsOfDeliveryThen(PmoType.ORGANIZATIONAL, DeliveryResponsibility.FULL).history();

        assertThat(MODEL.evaluate(history, pmoStart().plusMonths(1)).rotateBackBy()).isEmpty();
    }

    @Test
    void deliveryResponsibilityInAPmoSlowsTheLossOfDelivery() {
        LocalDate asOf = pmoStart().plusMonths(12);

        double without = MODEL.evaluate(threeYearsOfDeliveryThen(PmoType.ORGANIZATIONAL, DeliveryResponsibility.NONE).history(), asOf)
                .deliveryRetention();
        double with = MODEL.evaluate(threeYearsOfDeliveryThen(PmoType.ORGANIZATIONAL, DeliveryResponsibility.FULL).history(), asOf)
                .deliveryRetention();

        assertThat(with).isGreaterThan(without + 0.1);
    }

    @Test
    void aPartialDeliveryResponsibilityKeepsDeliveryBetweenNoneAndFull() {
        LocalDate asOf = pmoStart().plusMonths(12);

        double none = MODEL.evaluate(threeYearsOfDeliveryThen(PmoType.ORGANIZATIONAL, DeliveryResponsibility.NONE)
                .history(), asOf).deliveryRetention();
        double partial = MODEL.evaluate(threeYearsOfDeliveryThen(PmoType.ORGANIZATIONAL, DeliveryResponsibility.PARTIAL)
                .history(), asOf).deliveryRetention();
        double full = MODEL.evaluate(threeYearsOfDeliveryThen(PmoType.ORGANIZATIONAL, DeliveryResponsibility.FULL)
                .history(), asOf).deliveryRetention();

        assertThat(partial).isGreaterThan(none).isLessThan(full);
    }

    @Test
    void assessmentReanchorsTheCurve() {
        CareerFixture career = CareerFixture.startingOn(START).delivery(36).pmo(PmoType.ORGANIZATIONAL, 6);
        LocalDate assessed = career.now();
        CareerHistory unobserved = career.ongoing(AssignmentKind.PMO, PmoType.ORGANIZATIONAL).history();
        CareerHistory observed = new CareerHistory(unobserved.assignments(), unobserved.adminLoad(),
                List.of(new SkillAssessment(assessed, DELIVERY_EXECUTION, 5)));

        SkillStatus onTheDay = MODEL.evaluate(observed, assessed).skill(DELIVERY_EXECUTION);
        SkillStatus dayBefore = MODEL.evaluate(observed, assessed.minusDays(1)).skill(DELIVERY_EXECUTION);
        SkillStatus later = MODEL.evaluate(observed, assessed.plusMonths(6)).skill(DELIVERY_EXECUTION);
        SkillStatus laterUnobserved = MODEL.evaluate(unobserved, assessed.plusMonths(6)).skill(DELIVERY_EXECUTION);

        assertThat(dayBefore.current()).isLessThan(0.6);
        assertThat(onTheDay.current()).isEqualTo(0.9); // level 5
        assertThat(onTheDay.peak()).isEqualTo(0.9);
        assertThat(later.current()).isLessThan(0.9).isGreaterThan(laterUnobserved.current());
    }

    @Test
    void anAssessmentThatAgreesWithTheModelDoesNotMoveTheCurve() {
        // issue 15: three years of delivery reach about 0.75, inside level 4's band [0.6, 0.8]; recording
        // level 4 while still delivering used to pull the curve down to the band's middle, 0.7
        LocalDate assessed = START.plusMonths(36);
        CareerHistory unobserved = CareerFixture.startingOn(START).ongoing(AssignmentKind.DELIVERY, null).history();
        CareerHistory observed = new CareerHistory(unobserved.assignments(), unobserved.adminLoad(),
                List.of(new SkillAssessment(assessed, DELIVERY_EXECUTION, 4)));

        double modelled = MODEL.evaluate(unobserved, assessed).skill(DELIVERY_EXECUTION).current();
        double dayBefore = MODEL.evaluate(observed, assessed.minusDays(1)).skill(DELIVERY_EXECUTION).current();
        double onTheDay = MODEL.evaluate(observed, assessed).skill(DELIVERY_EXECUTION).current();
        double[] curve = MODEL.evaluate(observed, assessed.plusMonths(6)).skill(DELIVERY_EXECUTION).curve().values();

        assertThat(modelled).isBetween(0.7, 0.8); // the premise: inside the band, above its middle
        assertThat(onTheDay).isEqualTo(modelled).isGreaterThanOrEqualTo(dayBefore);
        for (int i = 1; i < curve.length; i++) {
            assertThat(curve[i]).as("month %d of the curve", i).isGreaterThanOrEqualTo(curve[i - 1]);
        }
    }

    @Test
    void anAssessmentOutsideItsBandReanchorsAtTheBandsMiddle() {
        // eight years of delivery are beyond level 4: an assessor saying level 4 is believed
        LocalDate assessed = START.plusMonths(96);
        CareerHistory unobserved = CareerFixture.startingOn(START).ongoing(AssignmentKind.DELIVERY, null).history();
        CareerHistory observed = new CareerHistory(unobserved.assignments(), unobserved.adminLoad(),
                List.of(new SkillAssessment(assessed, DELIVERY_EXECUTION, 4)));

        assertThat(MODEL.evaluate(unobserved, assessed).skill(DELIVERY_EXECUTION).current()).isGreaterThan(0.8);
        assertThat(MODEL.evaluate(observed, assessed).skill(DELIVERY_EXECUTION).current()).isEqualTo(0.7);
    }

    @Test
    void onlyARoleThatAnswersForDeliveryOrADeliveryAssessmentIsDeliveryHistory() {
        // every PMO role practises a little delivery (0.05): that is no history to keep 100 % of
        CareerHistory pmoOnly = CareerFixture.startingOn(START).pmo(PmoType.EXECUTIVE, 24)
                .ongoing(AssignmentKind.PMO, PmoType.ORGANIZATIONAL).history();
        LocalDate asOf = START.plusMonths(36);

        assertThat(MODEL.evaluate(pmoOnly, asOf).deliveryHistory()).isFalse();
        assertThat(MODEL.deliveryOutlook(pmoOnly, asOf).deliveryHistory()).isFalse();
        assertThat(MODEL.evaluate(CareerFixture.startingOn(START).history(), asOf).deliveryHistory()).isFalse();
        assertThat(MODEL.evaluate(CareerFixture.startingOn(START).delivery(1).pmo(PmoType.EXECUTIVE, 40).history(), asOf)
                .deliveryHistory()).isTrue();
        assertThat(MODEL.evaluate(CareerFixture.startingOn(START).troubledProgram(6).history(), asOf).deliveryHistory()).isTrue();
        assertThat(MODEL.deliveryOutlook(CareerFixture.startingOn(START).pmoWithDeliveryResponsibility(PmoType.PROGRAM, 6)
                .history(), asOf).deliveryHistory()).isTrue();
        assertThat(MODEL.evaluate(CareerFixture.startingOn(START).assessed(DELIVERY_EXECUTION, 3).history(), asOf)
                .deliveryHistory()).isTrue();
        // not yet: the delivery role starts after the day
        assertThat(MODEL.evaluate(CareerFixture.startingOn(START).gap(40).delivery(6).history(), asOf).deliveryHistory())
                .isFalse();
    }

    @Test
    void theDeliveryVerdictFollowsOneRule() {
        LocalDate day = START;
        assertThat(DeliveryVerdict.of(false, false, 1, java.util.Optional.empty(), day, 0.6, 3))
                .isEqualTo(DeliveryVerdict.NO_DELIVERY_HISTORY);
        assertThat(DeliveryVerdict.of(true, true, 0.4, java.util.Optional.empty(), day, 0.6, 3))
                .isEqualTo(DeliveryVerdict.DELIVERING);
        assertThat(DeliveryVerdict.of(true, false, 0.47, java.util.Optional.of(day), day, 0.6, 3))
                .isEqualTo(DeliveryVerdict.BELOW_THRESHOLD).matches(DeliveryVerdict::attention);
        assertThat(DeliveryVerdict.of(true, false, 0.7, java.util.Optional.of(day.plusMonths(2)), day, 0.6, 3))
                .isEqualTo(DeliveryVerdict.ROTATE_BACK_SOON).matches(DeliveryVerdict::attention);
        assertThat(DeliveryVerdict.of(true, false, 0.9, java.util.Optional.of(day.plusMonths(12)), day, 0.6, 3))
                .isEqualTo(DeliveryVerdict.ON_TRACK).matches(v -> !v.attention());
    }

    @Test
    void aLowAssessmentIsBelievedEvenBelowTheFloor() {
        CareerFixture career = CareerFixture.startingOn(START).delivery(36);
        CareerHistory history = career.assessed(DELIVERY_EXECUTION, 1).gap(6).history();

        SkillStatus status = MODEL.evaluate(history, career.now()).skill(DELIVERY_EXECUTION);

        assertThat(status.current()).isEqualTo(0.1);
        assertThat(status.peak()).isGreaterThan(0.6); // what was reached before stays the peak
    }

    @Test
    void adminLoadSlowsSkillGrowth() {
        LocalDate asOf = START.plusMonths(24);
        CareerHistory light = CareerFixture.startingOn(START).adminLoad(0).delivery(36).history();
        CareerHistory heavy = CareerFixture.startingOn(START).adminLoad(60).delivery(36).history();

        double gainedLight = MODEL.evaluate(light, asOf).skill(DELIVERY_EXECUTION).current() - DEFAULTS.baselineProficiency();
        double gainedHeavy = MODEL.evaluate(heavy, asOf).skill(DELIVERY_EXECUTION).current() - DEFAULTS.baselineProficiency();

        assertThat(gainedHeavy).isPositive().isLessThan(0.6 * gainedLight);
    }

    @Test
    void fullAdminLoadStopsAllPractice() {
        CareerHistory history = CareerFixture.startingOn(START).adminLoad(100).delivery(24).history();

        SkillProfile profile = MODEL.evaluate(history, START.plusMonths(24));

        profile.skills().values().forEach(s -> assertThat(s.current()).isEqualTo(DEFAULTS.baselineProficiency()));
    }

    @Test
    void relearningAfterAGapIsFasterThanFirstLearning() {
        CareerHistory history = CareerFixture.startingOn(START).delivery(36).gap(24).delivery(60).history();
        double[] level = daily(history, DELIVERY_EXECUTION, START, START.plusMonths(120));
        int firstStint = (int) (START.plusMonths(36).toEpochDay() - START.toEpochDay());
        int secondStart = (int) (START.plusMonths(60).toEpochDay() - START.toEpochDay());
        double from = level[secondStart];
        double to = from + 0.9 * (level[firstStint] - from);

        int firstTime = firstDayAtLeast(level, to, 0) - firstDayAtLeast(level, from, 0);
        int secondTime = firstDayAtLeast(level, to, secondStart) - secondStart;

        assertThat(secondTime).isLessThan(firstTime * 3 / 4);
    }

    @Test
    void practicePullsTowardsTheCeilingWithDiminishingReturns() {
        CareerHistory history = CareerFixture.startingOn(START).delivery(240).history();
        double[] yearly = new double[21];
        for (int year = 0; year <= 20; year++) {
            yearly[year] = MODEL.evaluate(history, START.plusYears(year)).skill(DELIVERY_EXECUTION).current();
        }

        for (int year = 1; year < 20; year++) {
            assertThat(yearly[year + 1] - yearly[year]).isPositive().isLessThan(yearly[year] - yearly[year - 1]);
        }
        assertThat(yearly[20]).isLessThanOrEqualTo(DEFAULTS.ceiling()).isGreaterThan(0.95);
    }

    @Test
    void monthsSinceLastDeliveryCountsFromTheEndOfTheLastDeliveryRole() {
        CareerHistory history = threeYearsOfDeliveryThen(PmoType.EXECUTIVE, DeliveryResponsibility.NONE).history();

        assertThat(MODEL.evaluate(history, START.plusMonths(12)).monthsSinceLastDelivery()).hasValue(0);
        assertThat(MODEL.evaluate(history, pmoStart().plusMonths(6)).monthsSinceLastDelivery().getAsDouble())
                .isCloseTo(6, within(0.1));
        assertThat(MODEL.evaluate(CareerFixture.startingOn(START).pmo(PmoType.EXECUTIVE, 12).history(), START.plusMonths(6))
                .monthsSinceLastDelivery()).isEmpty();
    }

    @Test
    void deliveryCurrencyLapsesWithoutEnoughRecentPractice() {
        CareerHistory history = threeYearsOfDeliveryThen(PmoType.ORGANIZATIONAL, DeliveryResponsibility.NONE).history();

        DeliveryCurrency afterAYear = MODEL.evaluate(history, pmoStart().plusMonths(12)).deliveryCurrency();
        DeliveryCurrency afterThreeYears = MODEL.evaluate(history, pmoStart().plusMonths(36)).deliveryCurrency();

        assertThat(afterAYear.current()).isTrue();
        // 24 months of delivery at 0.9 × (1 − 10 %) plus 12 months of organizational PMO at 0.05 × (1 − 30 %)
        assertThat(afterAYear.practiceMonths()).isCloseTo(24 * 0.81 + 12 * 0.035, within(0.1));
        assertThat(afterAYear.windowStart()).isEqualTo(pmoStart().plusMonths(12).minusMonths(36));
        assertThat(afterThreeYears.current()).isFalse();
        assertThat(afterThreeYears.practiceMonths()).isCloseTo(36 * 0.035, within(0.05));
    }

    @Test
    void trendFollowsTheDirectionOfTheSkill() {
        CareerHistory history = threeYearsOfDeliveryThen(PmoType.ORGANIZATIONAL, DeliveryResponsibility.NONE).history();

        assertThat(MODEL.evaluate(history, START.plusMonths(24)).skill(DELIVERY_EXECUTION).trendPerMonth()).isPositive();
        assertThat(MODEL.evaluate(history, pmoStart().plusMonths(6)).skill(DELIVERY_EXECUTION).trendPerMonth()).isNegative();
        assertThat(MODEL.evaluate(history, pmoStart().plusMonths(6)).skill(PROCESS_GOVERNANCE).trendPerMonth()).isPositive();
    }

    @Test
    void theCurveIsMonthlyFromTheStartOfTheHistoryToTheEvaluationDate() {
        CareerHistory history = CareerFixture.startingOn(START).delivery(30).history();
        LocalDate asOf = START.plusMonths(30).plusDays(9);

        ProficiencyCurve curve = MODEL.evaluate(history, asOf).skill(DELIVERY_EXECUTION).curve();

        assertThat(curve.date(0)).isBeforeOrEqualTo(START).isAfter(START.minusMonths(1));
        assertThat(curve.date(curve.size() - 1)).isEqualTo(asOf);
        assertThat(curve.size()).isEqualTo(32);
        assertThat(curve.value(0)).isEqualTo(DEFAULTS.baselineProficiency());
        assertThat(curve.value(curve.size() - 1)).isEqualTo(MODEL.evaluate(history, asOf).skill(DELIVERY_EXECUTION).current());
    }

    @Test
    void anEmptyHistoryStaysAtTheBaseline() {
        SkillProfile profile = MODEL.evaluate(CareerHistory.empty(), START);

        profile.skills().values().forEach(s -> {
            assertThat(s.current()).isEqualTo(DEFAULTS.baselineProficiency());
            assertThat(s.retention()).isEqualTo(1);
            assertThat(s.trendPerMonth()).isZero();
            assertThat(s.curve().size()).isEqualTo(DEFAULTS.trendWindowMonths() + 1);
        });
        assertThat(profile.rotateBackBy()).isEmpty();
        assertThat(profile.monthsSinceLastDelivery()).isEmpty();
        assertThat(profile.deliveryCurrency().current()).isFalse();
    }

    @Test
    void retentionIsOneWhenNothingWasEverGained() {
        SkillModelParameters d = DEFAULTS;
        SkillModel fromZero = new SkillModel(new SkillModelParameters(d.halfLifeMonths(), d.decayExponent(),
                d.floorFraction(), 0, d.ceiling(), d.learningRatePerMonth(), d.relearningBoost(),
                d.fullPracticeIntensity(), d.rotateBackRetention(), d.forecastHorizonMonths(),
                d.currencyPracticeMonths(), d.currencyWindowMonths(), d.trendWindowMonths()),
                PracticeMatrix.defaultMatrix());

        SkillStatus status = fromZero.evaluate(CareerHistory.empty(), START).skill(DELIVERY_EXECUTION);

        assertThat(status.peak()).isZero();
        assertThat(status.retention()).isEqualTo(1);
    }

    @Test
    void eventsEffectiveAfterTheEvaluationDateAreIgnored() {
        CareerFixture career = CareerFixture.startingOn(START).delivery(12);
        LocalDate asOf = career.now();
        CareerHistory known = career.history();
        CareerHistory withFuture = career.pmo(PmoType.PROGRAM, 12).adminLoad(90).assessed(Skill.LEADERSHIP, 5).history();

        assertThat(MODEL.evaluate(withFuture, asOf.minusDays(1))).isEqualTo(MODEL.evaluate(known, asOf.minusDays(1)));
    }

    @Test
    void aLaterEvaluationDoesNotRewriteEarlierValues() {
        CareerHistory history = CareerFixture.startingOn(START).adminLoad(20).delivery(31).troubledProgram(7)
                .adminLoad(45).pmo(PmoType.PROGRAM, 17).gap(3).delivery(12).history();
        LocalDate early = START.plusMonths(40).plusDays(11);

        ProficiencyCurve shortCurve = MODEL.evaluate(history, early).skill(Skill.LEADERSHIP).curve();
        ProficiencyCurve longCurve = MODEL.evaluate(history, early.plusMonths(30)).skill(Skill.LEADERSHIP).curve();

        int offset = longCurve.dates().indexOf(shortCurve.date(0));
        for (int i = 0; i < shortCurve.size(); i++) {
            assertThat(longCurve.date(offset + i)).isEqualTo(shortCurve.date(i));
            assertThat(longCurve.value(offset + i)).isEqualTo(shortCurve.value(i));
        }
    }

    @Test
    void overlappingAssignmentsPractiseEachSkillAtTheHigherIntensity() {
        LocalDate end = START.plusMonths(24);
        CareerHistory both = new CareerHistory(List.of(
                new AssignmentPeriod(START, end, AssignmentKind.DELIVERY, null, DeliveryResponsibility.NONE),
                new AssignmentPeriod(START, end, AssignmentKind.PMO, PmoType.ORGANIZATIONAL, DeliveryResponsibility.NONE)), List.of(), List.of());
        CareerHistory delivery = CareerFixture.startingOn(START).delivery(24).history();
        CareerHistory pmo = CareerFixture.startingOn(START).pmo(PmoType.ORGANIZATIONAL, 24).history();

        SkillProfile overlapping = MODEL.evaluate(both, end);

        assertThat(overlapping.skill(DELIVERY_EXECUTION)).isEqualTo(MODEL.evaluate(delivery, end).skill(DELIVERY_EXECUTION));
        assertThat(overlapping.skill(PROCESS_GOVERNANCE)).isEqualTo(MODEL.evaluate(pmo, end).skill(PROCESS_GOVERNANCE));
    }

    @Test
    void sampleAnswersOnRequestedDatesInDateOrder() {
        CareerHistory history = CareerFixture.startingOn(START).delivery(36).history();
        LocalDate a = START.plusDays(100);
        LocalDate b = START.plusDays(400);

        ProficiencyCurve curve = MODEL.sample(history, List.of(b, a, b)).get(DELIVERY_EXECUTION);

        assertThat(curve.dates()).containsExactly(a, b);
        assertThat(curve.value(0)).isEqualTo(MODEL.evaluate(history, a).skill(DELIVERY_EXECUTION).current());
        assertThat(curve.value(1)).isEqualTo(MODEL.evaluate(history, b).skill(DELIVERY_EXECUTION).current());
    }

    @Test
    void whatIfAnOrganizationalPmoShowsDeliveryLostAndProcessGained() {
        CareerFixture career = CareerFixture.startingOn(START).adminLoad(10).delivery(36);
        LocalDate from = career.now();
        CareerHistory history = career.ongoing(AssignmentKind.DELIVERY, null).history();

        WhatIfProjection whatIf = MODEL.whatIf(history,
                new ProposedAssignment(AssignmentKind.PMO, PmoType.ORGANIZATIONAL, DeliveryResponsibility.NONE, 18, 30.0), from);

        assertThat(whatIf.until()).isEqualTo(from.plusMonths(18));
        assertThat(whatIf.skill(DELIVERY_EXECUTION).change()).isNegative();
        assertThat(whatIf.skill(PROCESS_GOVERNANCE).change()).isPositive();
        assertThat(whatIf.skill(Skill.PORTFOLIO_MANAGEMENT).change()).isPositive();
    }

    @Test
    void whatIfStartsFromTheEvaluatedStateAndWritesNothing() {
        CareerHistory history = threeYearsOfDeliveryThen(PmoType.PROGRAM, DeliveryResponsibility.NONE).history();
        CareerHistory copy = new CareerHistory(new ArrayList<>(history.assignments()),
                new ArrayList<>(history.adminLoad()), new ArrayList<>(history.assessments()));
        LocalDate from = pmoStart().plusMonths(5).plusDays(3);
        ProposedAssignment proposal = new ProposedAssignment(AssignmentKind.DELIVERY, null, DeliveryResponsibility.NONE, 12, null);

        WhatIfProjection whatIf = MODEL.whatIf(history, proposal, from);

        SkillProfile atStart = MODEL.evaluate(history, from);
        for (Skill skill : Skill.values()) {
            assertThat(whatIf.skill(skill).atStart()).isEqualTo(atStart.skill(skill).current());
        }
        assertThat(history).isEqualTo(copy);
        assertThat(MODEL.whatIf(history, proposal, from)).isEqualTo(whatIf);
    }

    @Test
    void whatIfUsesTheProposedAdminLoadOrKeepsTheCurrentOne() {
        CareerFixture career = CareerFixture.startingOn(START).adminLoad(10).delivery(36);
        CareerHistory history = career.history();
        LocalDate from = career.now();

        double keptLoad = MODEL.whatIf(history,
                new ProposedAssignment(AssignmentKind.PMO, PmoType.ORGANIZATIONAL, DeliveryResponsibility.NONE, 12, null), from)
                .skill(PROCESS_GOVERNANCE).change();
        double heavyLoad = MODEL.whatIf(history,
                new ProposedAssignment(AssignmentKind.PMO, PmoType.ORGANIZATIONAL, DeliveryResponsibility.NONE, 12, 70.0), from)
                .skill(PROCESS_GOVERNANCE).change();

        assertThat(heavyLoad).isPositive().isLessThan(keptLoad);
    }

    // --- helpers

    private static double monthsUntilHalfTheGainIsLost(CareerHistory history, Skill skill, LocalDate from) {
        return monthsUntilHalfTheGainIsLost(MODEL, history, skill, from);
    }

    private static double monthsUntilHalfTheGainIsLost(SkillModel model, CareerHistory history, Skill skill, LocalDate from) {
        double baseline = model.parameters().baselineProficiency();
        double[] level = daily(model, history, skill, from, from.plusMonths(24));
        double halfway = baseline + (level[0] - baseline) / 2;
        for (int day = 0; day < level.length; day++) {
            if (level[day] <= halfway) {
                return day / SkillDynamics.DAYS_PER_MONTH;
            }
        }
        throw new AssertionError("half of the gain is still there after two years");
    }

    private static double[] daily(CareerHistory history, Skill skill, LocalDate from, LocalDate to) {
        return daily(MODEL, history, skill, from, to);
    }

    private static double[] daily(SkillModel model, CareerHistory history, Skill skill, LocalDate from, LocalDate to) {
        List<LocalDate> days = from.datesUntil(to).toList();
        return model.sample(history, days).get(skill).values();
    }

    private static int firstDayAtLeast(double[] level, double value, int from) {
        for (int day = from; day < level.length; day++) {
            if (level[day] >= value) {
                return day;
            }
        }
        throw new AssertionError("never reached " + value);
    }

    private static SkillModelParameters withHalfLife(double halfLife) {
        SkillModelParameters d = DEFAULTS;
        return new SkillModelParameters(halfLife, d.decayExponent(), d.floorFraction(), d.baselineProficiency(),
                d.ceiling(), d.learningRatePerMonth(), d.relearningBoost(), d.fullPracticeIntensity(),
                d.rotateBackRetention(), d.forecastHorizonMonths(), d.currencyPracticeMonths(),
                d.currencyWindowMonths(), d.trendWindowMonths());
    }
}
