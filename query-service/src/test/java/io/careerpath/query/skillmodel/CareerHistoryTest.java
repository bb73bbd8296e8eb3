package io.careerpath.query.skillmodel;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CareerHistoryTest {

    private static final LocalDate DAY = LocalDate.of(2020, 6, 1);

    @Test
    void aPmoAssignmentNeedsAPmoType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AssignmentPeriod(DAY, null, AssignmentKind.PMO, null, DeliveryResponsibility.NONE))
                .withMessageContaining("pmoType");
    }

    @Test
    void onlyAPmoAssignmentHasAPmoType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AssignmentPeriod(DAY, null, AssignmentKind.DELIVERY, PmoType.PROGRAM, DeliveryResponsibility.NONE))
                .withMessageContaining("only a PMO");
    }

    @Test
    void anAssignmentCannotEndBeforeItStarts() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AssignmentPeriod(DAY, DAY.minusDays(1), AssignmentKind.DELIVERY, null, DeliveryResponsibility.NONE))
                .withMessageContaining("before start");
    }

    @Test
    void adminLoadIsAPercentage() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AdminLoadObservation(DAY, 101))
                .withMessageContaining("percent");
    }

    @Test
    void assessmentLevelsRunFromOneToFiveAndMapToTheMiddleOfTheirBand() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SkillAssessment(DAY, Skill.LEADERSHIP, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new SkillAssessment(DAY, Skill.LEADERSHIP, 6));
        assertThat(new SkillAssessment(DAY, Skill.LEADERSHIP, 1).proficiency()).isEqualTo(0.1);
        assertThat(new SkillAssessment(DAY, Skill.LEADERSHIP, 3).proficiency()).isEqualTo(0.5);
        assertThat(new SkillAssessment(DAY, Skill.LEADERSHIP, 5).proficiency()).isEqualTo(0.9);
    }

    @Test
    void entriesAreOrderedByDateKeepingTheGivenOrderWithinADay() {
        AdminLoadObservation later = new AdminLoadObservation(DAY.plusDays(3), 10);
        AdminLoadObservation first = new AdminLoadObservation(DAY, 20);
        AdminLoadObservation correction = new AdminLoadObservation(DAY, 30);

        CareerHistory history = new CareerHistory(List.of(), List.of(later, first, correction), List.of());

        assertThat(history.adminLoad()).containsExactly(first, correction, later);
    }

    @Test
    void theLaterOfTwoSameDayLoadObservationsWins() {
        SkillModel model = SkillModel.withDefaults();
        List<AssignmentPeriod> delivery = List.of(new AssignmentPeriod(DAY, null, AssignmentKind.DELIVERY, null, DeliveryResponsibility.NONE));
        CareerHistory corrected = new CareerHistory(delivery,
                List.of(new AdminLoadObservation(DAY, 100), new AdminLoadObservation(DAY, 0)), List.of());
        CareerHistory plain = new CareerHistory(delivery, List.of(new AdminLoadObservation(DAY, 0)), List.of());

        assertThat(model.evaluate(corrected, DAY.plusMonths(6))).isEqualTo(model.evaluate(plain, DAY.plusMonths(6)));
    }
}
