package io.careerpath.query.skillmodel;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Writes a career the way people tell it: one role after another, from a start date. */
final class CareerFixture {

    private final List<AssignmentPeriod> assignments = new ArrayList<>();
    private final List<AdminLoadObservation> loads = new ArrayList<>();
    private final List<SkillAssessment> assessments = new ArrayList<>();
    private LocalDate now;

    private CareerFixture(LocalDate start) {
        this.now = start;
    }

    static CareerFixture startingOn(LocalDate start) {
        return new CareerFixture(start);
    }

    CareerFixture delivery(int months) {
        return role(AssignmentKind.DELIVERY, null, DeliveryResponsibility.NONE, months);
    }

    CareerFixture pmo(PmoType type, int months) {
        return role(AssignmentKind.PMO, type, DeliveryResponsibility.NONE, months);
    }

    CareerFixture pmoWithDeliveryResponsibility(PmoType type, int months) {
        return role(AssignmentKind.PMO, type, DeliveryResponsibility.FULL, months);
    }

    CareerFixture troubledProgram(int months) {
        return role(AssignmentKind.TROUBLED_PROGRAM, null, DeliveryResponsibility.NONE, months);
    }

    CareerFixture role(AssignmentKind kind, PmoType type, DeliveryResponsibility deliveryResponsibility, int months) {
        LocalDate end = now.plusMonths(months);
        assignments.add(new AssignmentPeriod(now, end, kind, type, deliveryResponsibility));
        now = end;
        return this;
    }

    /** A role that goes on: nothing can follow it. */
    CareerFixture ongoing(AssignmentKind kind, PmoType type) {
        assignments.add(new AssignmentPeriod(now, null, kind, type, DeliveryResponsibility.NONE));
        return this;
    }

    CareerFixture gap(int months) {
        now = now.plusMonths(months);
        return this;
    }

    CareerFixture adminLoad(double percent) {
        loads.add(new AdminLoadObservation(now, percent));
        return this;
    }

    CareerFixture assessed(Skill skill, int level) {
        assessments.add(new SkillAssessment(now, skill, level));
        return this;
    }

    /** The date the next role would start. */
    LocalDate now() {
        return now;
    }

    CareerHistory history() {
        return new CareerHistory(assignments, loads, assessments);
    }
}
