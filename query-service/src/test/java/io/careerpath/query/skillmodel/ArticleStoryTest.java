package io.careerpath.query.skillmodel;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.careerpath.events.Skill.DELIVERY_EXECUTION;
import static io.careerpath.events.Skill.ENTERPRISE_RISK;
import static io.careerpath.events.Skill.ISSUE_MANAGEMENT;
import static io.careerpath.events.Skill.LEADERSHIP;
import static io.careerpath.events.Skill.PORTFOLIO_MANAGEMENT;
import static io.careerpath.events.Skill.PROCESS_GOVERNANCE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The career the article is about: a project manager delivers, spends two years in an
 * organizational PMO while administrative work piles up, takes over a troubled program and rescues
 * it, then regains a delivery role.
 */
class ArticleStoryTest {

    private static final SkillModel MODEL = SkillModel.withDefaults();

    @Test
    void deliveryRetentionFallsInThePmoAndRecoversAfter() {
        LocalDate hired = LocalDate.of(2012, 2, 1);
        CareerFixture career = CareerFixture.startingOn(hired).adminLoad(10).delivery(48);
        LocalDate joinsPmo = career.now();
        career.adminLoad(20).pmo(PmoType.ORGANIZATIONAL, 8)
                .adminLoad(35).pmo(PmoType.ORGANIZATIONAL, 8)
                .adminLoad(50).pmo(PmoType.ORGANIZATIONAL, 8);
        LocalDate takesOverTroubledProgram = career.now();
        career.adminLoad(15).troubledProgram(12);
        LocalDate regainsDelivery = career.now();
        CareerHistory history = career.adminLoad(10).ongoing(AssignmentKind.DELIVERY, null).history();

        SkillProfile delivering = MODEL.evaluate(history, joinsPmo);
        SkillProfile leavingPmo = MODEL.evaluate(history, takesOverTroubledProgram);
        SkillProfile afterRescue = MODEL.evaluate(history, regainsDelivery);
        SkillProfile twoYearsBack = MODEL.evaluate(history, regainsDelivery.plusYears(2));

        // in the PMO, delivery erodes and the staff skills grow
        assertThat(delivering.deliveryRetention()).isEqualTo(1);
        assertThat(leavingPmo.deliveryRetention()).isLessThan(0.6);
        // overdue: the day retention fell below the threshold, well inside the two PMO years
        assertThat(leavingPmo.rotateBackBy()).hasValueSatisfying(overdueSince ->
                assertThat(overdueSince).isAfter(joinsPmo).isBefore(takesOverTroubledProgram.minusMonths(6)));
        assertThat(leavingPmo.deliveryCurrency().practiceMonths())
                .isLessThan(delivering.deliveryCurrency().practiceMonths() / 2);
        for (Skill skill : new Skill[] {PROCESS_GOVERNANCE, PORTFOLIO_MANAGEMENT}) {
            assertThat(leavingPmo.skill(skill).current()).isGreaterThan(delivering.skill(skill).current() + 0.2);
        }
        // the rescue practises leadership, risk and issues, and starts the way back
        for (Skill skill : new Skill[] {LEADERSHIP, ENTERPRISE_RISK, ISSUE_MANAGEMENT}) {
            assertThat(afterRescue.skill(skill).current()).isGreaterThan(leavingPmo.skill(skill).current());
        }
        assertThat(afterRescue.deliveryRetention()).isGreaterThan(leavingPmo.deliveryRetention());
        // back in delivery, it recovers, faster than it was first learnt
        assertThat(twoYearsBack.deliveryRetention()).isGreaterThan(0.95);
        assertThat(twoYearsBack.deliveryCurrency().current()).isTrue();
        assertThat(twoYearsBack.rotateBackBy()).isEmpty();
        assertThat(twoYearsBack.skill(DELIVERY_EXECUTION).current())
                .isGreaterThan(MODEL.evaluate(history, joinsPmo.minusYears(2)).skill(DELIVERY_EXECUTION).current());
    }
}
