package io.careerpath.query.planning;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.PmoType;
import java.util.Arrays;

/**
 * Small planning problems for the rule and solver tests, without the skill model: each person's stint tables lose a
 * fixed share of delivery retention per quarter away from delivery, whatever the seat, so that the expected penalties
 * can be worked out by hand.
 */
final class PlanningFixture {

    /** Four quarters; 6 months' minimum stay; one move per team per quarter; overload at 50 %; threshold 0.6. */
    static final PlanRules RULES = new PlanRules(4, 6, 1, 50, 0.6);
    static final PlannedRole PROGRAM_PMO = new PlannedRole(AssignmentKind.PMO, PmoType.PROGRAM, null, null, null);
    static final PlannedRole BUSY_PMO = new PlannedRole(AssignmentKind.PMO, PmoType.ORGANIZATIONAL, null, 60.0, null);
    static final PlannedRole ORION = new PlannedRole(AssignmentKind.TROUBLED_PROGRAM, null, null, null, "Orion");
    static final PlannedRole VEGA = new PlannedRole(AssignmentKind.TROUBLED_PROGRAM, null, null, null, "Vega");
    static final PlannedRole[] ROLES = {PROGRAM_PMO, BUSY_PMO, ORION, VEGA};

    private PlanningFixture() {
    }

    /** Someone delivering for two years, loading 10 %, losing {@code lossPerQuarter} of retention per quarter away. */
    static Member deliverer(String id, double lossPerQuarter) {
        return member(id, "t1", PlannedRole.DELIVERY, 24, 10, false, lossPerQuarter);
    }

    static Member member(String id, String teamId, PlannedRole current, double months, double load, boolean unwilling,
                         double lossPerQuarter) {
        double[][][] table = new double[ROLES.length][RULES.quarters()][];
        for (double[][] byStart : table) {
            for (int start = 0; start < RULES.quarters(); start++) {
                byStart[start] = new double[RULES.quarters() - start];
                Arrays.setAll(byStart[start], length -> 1 - lossPerQuarter * (length + 1));
            }
        }
        return new Member(id, teamId, current, months, load, unwilling, RULES, table);
    }

    static Seat seat(String id, PlannedRole role) {
        return new Seat(id, null, role, Arrays.asList(ROLES).indexOf(role), 0, RULES.quarters());
    }

    static SeatQuarter held(Seat seat, int quarter, Member member) {
        return new SeatQuarter(seat, quarter, member);
    }
}
