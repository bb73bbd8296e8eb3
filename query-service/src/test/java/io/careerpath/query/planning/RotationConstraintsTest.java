package io.careerpath.query.planning;

import static io.careerpath.query.planning.PlanningFixture.BUSY_PMO;
import static io.careerpath.query.planning.PlanningFixture.ORION;
import static io.careerpath.query.planning.PlanningFixture.PROGRAM_PMO;
import static io.careerpath.query.planning.PlanningFixture.VEGA;
import static io.careerpath.query.planning.PlanningFixture.deliverer;
import static io.careerpath.query.planning.PlanningFixture.held;
import static io.careerpath.query.planning.PlanningFixture.member;
import static io.careerpath.query.planning.PlanningFixture.seat;

import ai.timefold.solver.test.api.score.stream.ConstraintVerifier;
import org.junit.jupiter.api.Test;

/** Each rule on its own, with Timefold's constraint verifier, on plans whose penalties are worked out by hand. */
class RotationConstraintsTest {

    private final ConstraintVerifier<RotationConstraints, RotationPlan> verifier =
            ConstraintVerifier.build(new RotationConstraints(), RotationPlan.class, SeatQuarter.class);

    private final Seat program = seat("1-1", PROGRAM_PMO);
    private final Seat secondProgram = seat("1-2", PROGRAM_PMO);

    @Test
    void nobodyHoldsTwoSeatsInOneQuarter() {
        Member ada = deliverer("ada", 0.05);

        verifier.verifyThat(RotationConstraints::oneSeatAtATime)
                .given(ada, held(program, 0, ada), held(secondProgram, 0, ada), held(program, 1, ada))
                .penalizesBy(1);
        verifier.verifyThat(RotationConstraints::oneSeatAtATime)
                .given(ada, held(program, 0, ada), held(program, 1, ada))
                .penalizesBy(0);
    }

    @Test
    void aStintThatTakesRetentionBelowTheThresholdCostsEachThousandthBelowIt() {
        Member ada = deliverer("ada", 0.15);

        // two quarters away: 0.70, above 0.6
        verifier.verifyThat(RotationConstraints::deliveryRetentionFloor)
                .given(ada, held(program, 0, ada), held(program, 1, ada))
                .penalizesBy(0);
        // three: 0.55, 50 thousandths below
        verifier.verifyThat(RotationConstraints::deliveryRetentionFloor)
                .given(ada, held(program, 0, ada), held(program, 1, ada), held(program, 2, ada))
                .penalizesBy(50);
        // a stint of two quarters, a quarter back in delivery, a stint of one: each stays above
        verifier.verifyThat(RotationConstraints::deliveryRetentionFloor)
                .given(ada, held(program, 0, ada), held(program, 1, ada), held(program, 3, ada))
                .penalizesBy(0);
    }

    @Test
    void everyEmptySeatQuarterCounts() {
        Member ada = deliverer("ada", 0.05);

        verifier.verifyThat(RotationConstraints::seatLeftEmpty)
                .given(ada, held(program, 0, ada), held(program, 1, null), held(program, 2, null))
                .penalizesBy(2);
    }

    @Test
    void leavingARoleEarlyCostsTheMonthsShortOfTheMinimum() {
        // in delivery for 2 months today: joining a PMO now is 4 months short; leaving it after one quarter 3 short
        Member ada = member("ada", "t1", PlannedRole.DELIVERY, 2, 10, false, 0.05);

        verifier.verifyThat(RotationConstraints::minimumMonthsInRole)
                .given(ada, held(program, 0, ada))
                .penalizesBy(7);
        verifier.verifyThat(RotationConstraints::minimumMonthsInRole)
                .given(ada, held(program, 0, ada))
                .justifiesWith(RuleBreach.person(ada, 0, 4, "leaves delivery for program PMO at the start of quarter 1 "
                                + "after 2 months, 4 short of the 6-month minimum"),
                        RuleBreach.person(ada, 1, 3, "leaves program PMO for delivery at the start of quarter 2 "
                                + "after 3 months, 3 short of the 6-month minimum"));
        // staying two quarters, then back: only the start is early
        verifier.verifyThat(RotationConstraints::minimumMonthsInRole)
                .given(ada, held(program, 0, ada), held(program, 1, ada))
                .penalizesBy(4);
        // moving between two seats of the same kind is no move
        Member bob = deliverer("bob", 0.05);
        verifier.verifyThat(RotationConstraints::minimumMonthsInRole)
                .given(bob, held(program, 0, bob), held(secondProgram, 1, bob))
                .penalizesBy(0);
    }

    @Test
    void aTroubledProgramStraightAfterAnotherIsAStreakTodaysIncluded() {
        Seat orion = seat("2-1", ORION);
        Seat vega = seat("3-1", VEGA);
        Member rescuer = member("cleo", "t1", new PlannedRole(io.careerpath.events.AssignmentKind.TROUBLED_PROGRAM,
                null, null, null, null), 12, 10, false, 0.0);
        Member deliverer = deliverer("dan", 0.0);

        verifier.verifyThat(RotationConstraints::troubledProgramStreak)
                .given(rescuer, deliverer, held(orion, 0, rescuer), held(orion, 1, rescuer), held(vega, 2, rescuer))
                .penalizesBy(2);
        // one program held for several quarters is one program; one after delivery no streak
        verifier.verifyThat(RotationConstraints::troubledProgramStreak)
                .given(rescuer, deliverer, held(orion, 0, deliverer), held(orion, 1, deliverer), held(vega, 3, deliverer))
                .penalizesBy(0);
    }

    @Test
    void quartersInASeatAtOrAboveTheOverloadShareCount() {
        Seat busy = seat("4-1", BUSY_PMO);
        Member ada = deliverer("ada", 0.05);
        Member overloaded = member("eve", "t1", PlannedRole.DELIVERY, 24, 55, false, 0.05);

        // the seat's own load (60 %) counts for anyone; a seat that names none takes its holder's (55 % for eve)
        verifier.verifyThat(RotationConstraints::administrativeOverload)
                .given(ada, overloaded, held(busy, 0, ada), held(busy, 1, ada), held(program, 0, overloaded))
                .penalizesBy(3);
    }

    @Test
    void aPmoQuarterOfSomeoneUnwillingCounts() {
        Seat orion = seat("2-1", ORION);
        Member unwilling = member("fay", "t1", PlannedRole.DELIVERY, 24, 10, true, 0.05);
        Member willing = deliverer("ada", 0.05);

        // a troubled program is no PMO role
        verifier.verifyThat(RotationConstraints::unwillingToJoinPmo)
                .given(unwilling, willing, held(program, 0, unwilling), held(program, 1, unwilling),
                        held(orion, 2, unwilling), held(program, 2, willing))
                .penalizesBy(2);
    }

    @Test
    void movesBeyondTheTeamsAllowancePerQuarterCount() {
        Member ada = deliverer("ada", 0.05);
        Member bob = deliverer("bob", 0.05);
        Member cleo = deliverer("cleo", 0.05);
        Member elsewhere = member("dan", "t2", PlannedRole.DELIVERY, 24, 10, false, 0.05);
        Seat third = seat("1-3", PROGRAM_PMO);
        Seat fourth = seat("1-4", PROGRAM_PMO);

        // quarter 1: three moves in t1 (one allowed) and one in t2
        verifier.verifyThat(RotationConstraints::movesPerQuarter)
                .given(ada, bob, cleo, elsewhere,
                        held(program, 0, ada), held(program, 1, ada), held(program, 2, ada), held(program, 3, ada),
                        held(secondProgram, 0, bob), held(secondProgram, 1, bob), held(secondProgram, 2, bob),
                        held(secondProgram, 3, bob),
                        held(third, 0, cleo), held(third, 1, cleo), held(third, 2, cleo), held(third, 3, cleo),
                        held(fourth, 0, elsewhere), held(fourth, 1, elsewhere), held(fourth, 2, elsewhere),
                        held(fourth, 3, elsewhere))
                .penalizesBy(2);
    }

    @Test
    void unevenPmoTimeWithinATeamCostsItsUnfairness() {
        Member ada = deliverer("ada", 0.05);
        Member bob = deliverer("bob", 0.05);
        Member unwilling = member("fay", "t1", PlannedRole.DELIVERY, 24, 10, true, 0.05);

        verifier.verifyThat(RotationConstraints::pmoTimeSpread)
                .given(ada, bob, unwilling, held(program, 0, ada), held(program, 1, bob))
                .penalizesBy(0);
        // loads 2 and 0 quarters: Timefold's unfairness is the square root of the summed squared deviations, sqrt(2)
        verifier.verifyThat(RotationConstraints::pmoTimeSpread)
                .given(ada, bob, unwilling, held(program, 0, ada), held(program, 1, ada))
                .penalizesBy(141);
    }

    @Test
    void eachStintCostsTheDeliveryRetentionItLoses() {
        Member ada = deliverer("ada", 0.15);

        // 0.70 after two quarters: 300 thousandths; 0.85 after one: 150
        verifier.verifyThat(RotationConstraints::deliverySkillLoss)
                .given(ada, held(program, 0, ada), held(program, 1, ada), held(program, 3, ada))
                .penalizesBy(450);
    }
}
