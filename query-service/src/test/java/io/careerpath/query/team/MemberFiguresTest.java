package io.careerpath.query.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.query.api.QueryProperties;
import io.careerpath.query.history.HistoryEntry;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.skillmodel.SkillModel;
import io.careerpath.query.team.RotationBoardController.Flag;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The overload flag describes the present: a load recorded within the non-delivery role held on the day, at or above
 * the overload share (40 % here). The board, the attention list, the reminders and the calendar all take it from here.
 */
class MemberFiguresTest {

    private static final int OVERLOAD_PERCENT = 40;
    private static final MemberFigures FIGURES = new MemberFigures(SkillModel.withDefaults(),
            new QueryProperties(Duration.ofSeconds(1), OVERLOAD_PERCENT, 2, 3, 5));
    private static final LocalDate DELIVERY = LocalDate.of(2015, 1, 5);
    private static final LocalDate PMO = LocalDate.of(2019, 1, 7);
    private static final LocalDate LOAD_IN_PMO = LocalDate.of(2019, 6, 1);
    private static final LocalDate RETURN = LocalDate.of(2021, 3, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    private final List<HistoryEntry> entries = new ArrayList<>();

    @Test
    void aLoadRecordedInTheCurrentPmoRoleIsFlaggedFromItsDayOn() {
        career(delivery(DELIVERY), pmo(PMO), load(LOAD_IN_PMO, 50));

        assertThat(overloaded(TODAY)).isTrue();
        assertThat(overloaded(LOAD_IN_PMO)).as("the load's own day").isTrue();
        assertThat(overloaded(LOAD_IN_PMO.minusDays(1))).as("in the PMO, before any load is recorded").isFalse();
    }

    @Test
    void theOverloadShareIsInclusiveAndALowerLatestLoadClearsIt() {
        career(pmo(PMO), load(LOAD_IN_PMO, OVERLOAD_PERCENT));
        assertThat(overloaded(TODAY)).isTrue();

        career(load(LOAD_IN_PMO.plusMonths(1), OVERLOAD_PERCENT - 1));
        assertThat(overloaded(TODAY)).isFalse();
        assertThat(overloaded(LOAD_IN_PMO.plusMonths(1).minusDays(1))).isTrue();
    }

    @Test
    void aPersonWhoReturnedToDeliveryIsNotFlaggedForTheLoadOfTheirPmoRole() {
        career(delivery(DELIVERY), pmo(PMO), load(LOAD_IN_PMO, 70), regained(RETURN));

        assertThat(overloaded(TODAY)).isFalse();
        assertThat(overloaded(RETURN)).as("the day of the return").isFalse();
        assertThat(overloaded(RETURN.minusDays(1))).as("the PMO's last day").isTrue();
        assertThat(figures(TODAY).adminLoadPercent()).as("the figure stays what was recorded").isEqualTo(70.0);
    }

    @Test
    void aLoadRecordedInDeliveryIsNeverAnOverload() {
        career(delivery(DELIVERY), load(DELIVERY.plusMonths(1), 60));

        assertThat(overloaded(TODAY)).isFalse();
    }

    @Test
    void aLoadRecordedBeforeTheCurrentPmoRoleBeganIsNotFlagged() {
        LocalDate secondPmo = LocalDate.of(2022, 2, 1);
        career(pmo(PMO), load(LOAD_IN_PMO, 60), pmo(secondPmo));
        assertThat(overloaded(TODAY)).as("the load of the previous PMO role").isFalse();

        career(load(secondPmo.minusDays(1), 60));
        assertThat(overloaded(TODAY)).as("the day before the current role began").isFalse();

        career(load(secondPmo, 60));
        assertThat(overloaded(TODAY)).as("on the day the current role began").isTrue();
    }

    @Test
    void aLoadRecordedInATroubledProgramIsFlaggedAsInAPmoRole() {
        career(delivery(DELIVERY), troubled(PMO), load(LOAD_IN_PMO, 45));

        assertThat(overloaded(TODAY)).isTrue();
    }

    @Test
    void withoutARoleOnTheDayNobodyIsFlagged() {
        career(load(LOAD_IN_PMO, 80));
        assertThat(overloaded(TODAY)).as("never assigned").isFalse();

        career(pmo(PMO), load(LOAD_IN_PMO.plusDays(1), 80), ended(LOAD_IN_PMO.plusMonths(1)));
        assertThat(overloaded(LOAD_IN_PMO.plusMonths(1).minusDays(1))).as("the role's last day").isTrue();
        assertThat(overloaded(TODAY)).as("after the role was ended, with none since").isFalse();
    }

    @Test
    void aPastDayIsJudgedByTheRoleAndTheLoadOfThatDay() {
        LocalDate secondLoad = LocalDate.of(2020, 1, 1);
        career(delivery(DELIVERY), pmo(PMO), load(LOAD_IN_PMO, 55), load(secondLoad, 20), regained(RETURN),
                load(RETURN.plusMonths(2), 65));

        assertThat(overloaded(LOAD_IN_PMO.plusMonths(3))).as("in the PMO, the first load holding").isTrue();
        assertThat(overloaded(secondLoad)).as("in the PMO, the lower load holding").isFalse();
        assertThat(overloaded(TODAY)).as("back in delivery, however high the load").isFalse();
        assertThat(FIGURES.watched(history(LOAD_IN_PMO.plusMonths(3)), LOAD_IN_PMO.plusMonths(3)).adminOverload())
                .as("what the reminders and the calendar read").isTrue();
        assertThat(FIGURES.watched(history(TODAY), TODAY).adminOverload()).isFalse();
    }

    private boolean overloaded(LocalDate day) {
        return figures(day).flags().contains(Flag.ADMIN_OVERLOAD);
    }

    private RotationBoardController.Member figures(LocalDate day) {
        return FIGURES.of(history(day), day);
    }

    /** The history as the views see it on {@code day}: what is effective by then. */
    private PersonHistory history(LocalDate day) {
        return new PersonHistory("p1", day, entries.size() - 1,
                entries.stream().filter(entry -> !entry.effectiveDate().isAfter(day)).toList());
    }

    private void career(HistoryEntry... more) {
        for (HistoryEntry entry : more) {
            entries.add(new HistoryEntry(entry.eventId() + entries.size(), entries.size(), entry.type(),
                    entry.effectiveDate(), "hr", Instant.parse("2026-01-01T00:00:00Z"), entry.details()));
        }
        entries.sort(java.util.Comparator.comparing(HistoryEntry::effectiveDate).thenComparingLong(HistoryEntry::sequence));
    }

    private static HistoryEntry delivery(LocalDate day) {
        return entry("DELIVERY_ROLE_STARTED", day, Map.of("projectName", "Apollo"));
    }

    private static HistoryEntry regained(LocalDate day) {
        return entry("REGAINED_DELIVERY_ROLE", day, Map.of("projectName", "Artemis"));
    }

    private static HistoryEntry pmo(LocalDate day) {
        return entry("JOINED_PMO", day, Map.of("pmoType", "ORGANIZATIONAL", "pmoName", "Enterprise PMO"));
    }

    private static HistoryEntry troubled(LocalDate day) {
        return entry("TOOK_TROUBLED_PROGRAM", day, Map.of("programName", "Hydra"));
    }

    private static HistoryEntry ended(LocalDate day) {
        return entry("ASSIGNMENT_ENDED", day, Map.of());
    }

    private static HistoryEntry load(LocalDate day, int percent) {
        return entry("ADMINISTRATIVE_LOAD_RECORDED", day, Map.of("percentOfTime", percent));
    }

    private static HistoryEntry entry(String type, LocalDate day, Map<String, Object> details) {
        return new HistoryEntry(type.toLowerCase(), 0, type, day, "hr", Instant.EPOCH, details);
    }
}
