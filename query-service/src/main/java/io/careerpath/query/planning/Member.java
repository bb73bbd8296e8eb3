package io.careerpath.query.planning;

import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import java.util.Objects;

/**
 * One person the plan may place, as the rules see them: what they hold now, and what the skill model predicts for
 * each stint the plan could give them, worked out once before the search ({@link PlanningProblems}) so that the
 * constraints only look numbers up.
 *
 * <p>{@code stintRetention[role][start][length - 1]} is the delivery retention at the end of a stint of {@code length}
 * quarters in seats of that kind of role, starting at quarter {@code start}, with the person in delivery from today
 * until then (or in their current role, for a stint that starts today). The table does not know of an earlier stint in
 * the same plan; the answer's retention figures, from the skill model over the whole plan, do.
 *
 * @param currentRole         what they hold today; null if nothing
 * @param monthsInCurrentRole how long they have held it by today
 * @param adminLoadPercent    the administrative load in force today (0 if none was ever recorded)
 * @param unwilling           they said they do not want a PMO role
 */
record Member(@PlanningId String id, String teamId, PlannedRole currentRole, double monthsInCurrentRole,
              double adminLoadPercent, boolean unwilling, PlanRules rules, double[][][] stintRetention) {

    /** The delivery retention at the end of a stint, conservatively the lowest of the kinds of role in it. */
    double stintRetention(int role, int start, int length) {
        return stintRetention[role][start][length - 1];
    }

    // identity by id: the tables are arrays, and Timefold matches people across solution clones by id
    @Override
    public boolean equals(Object other) {
        return other instanceof Member member && id.equals(member.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
