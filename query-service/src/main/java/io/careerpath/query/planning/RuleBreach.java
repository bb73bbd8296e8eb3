package io.careerpath.query.planning;

import ai.timefold.solver.core.api.score.stream.ConstraintJustification;

/**
 * One way a plan breaks a rule, in words: whose plan (or which team's), from which quarter, and by how much. No name
 * is in it: an accepted plan is stored, and names are personal data; the answer adds them for the caller.
 *
 * @param personId null for a rule about a team or a seat
 * @param teamId   null for a rule about a seat
 * @param seatId   the seat concerned, if one
 * @param quarter  0-based, where the breach begins
 * @param amount   by how much, in the rule's unit ({@link Rule#description()})
 */
record RuleBreach(String personId, String teamId, String seatId, int quarter, int amount, String detail)
        implements ConstraintJustification {

    static RuleBreach person(Member member, int quarter, int amount, String detail) {
        return new RuleBreach(member.id(), member.teamId(), null, quarter, amount, detail);
    }
}
