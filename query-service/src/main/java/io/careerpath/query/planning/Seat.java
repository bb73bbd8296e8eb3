package io.careerpath.query.planning;

import ai.timefold.solver.core.api.domain.lookup.PlanningId;

/**
 * One seat to staff: one of a request's seats, which may ask for several alike ({@code count}).
 *
 * @param id           stable within the problem: the request's seat number and the copy ("2-1")
 * @param name         what the request called it, if anything
 * @param roleIndex    where this seat's kind of role is in the people's retention tables ({@link Member})
 * @param firstQuarter the first quarter it is open (0-based)
 * @param quarters     how many quarters it is open
 */
record Seat(@PlanningId String id, String name, PlannedRole role, int roleIndex, int firstQuarter, int quarters) {

    String label() {
        return name != null ? name : role.inWords() + " seat " + id;
    }
}
