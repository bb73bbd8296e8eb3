package io.careerpath.query.planning;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;

/**
 * The planning entity: one seat in one quarter, and who holds it (null: nobody).
 *
 * <p>Why seat-quarters and not person-quarters: the seats are what must be staffed, and they are few (20 seats over 8
 * quarters are 160 entities, against 1,600 person-quarters for 200 people). A quarter in which a person holds no seat
 * is a quarter in delivery, so delivery needs no value of its own, an empty seat is simply an unassigned variable
 * (the solver may leave one empty when every candidate would break a harder rule), and change and swap moves on one
 * variable cover "give this seat-quarter to someone else" and "exchange two people". The rules that follow a person
 * over time see the person's seat-quarters grouped into a {@link Schedule}.
 */
@PlanningEntity
public class SeatQuarter {

    @PlanningId
    private String id;
    private Seat seat;
    private int quarter;
    @PlanningVariable(allowsUnassigned = true)
    private Member person;

    /** For Timefold's cloning. */
    SeatQuarter() {
    }

    SeatQuarter(Seat seat, int quarter, Member person) {
        this.id = seat.id() + "@" + quarter;
        this.seat = seat;
        this.quarter = quarter;
        this.person = person;
    }

    String id() {
        return id;
    }

    Seat seat() {
        return seat;
    }

    int quarter() {
        return quarter;
    }

    Member person() {
        return person;
    }

    void assign(Member member) {
        this.person = member;
    }

    @Override
    public String toString() {
        return id + "=" + person;
    }
}
