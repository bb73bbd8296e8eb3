package io.careerpath.query.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One person's plan, quarter by quarter: the seat held, or none (delivery). Made inside the constraint streams from
 * the person's seat-quarters, and again for the answer, so that every rule reads one interpretation of a plan. Each
 * rule's method answers its breaches, in words; an empty list is a kept rule.
 */
final class Schedule {

    private final Member member;
    private final SeatQuarter[] held;

    private Schedule(Member member, SeatQuarter[] held) {
        this.member = member;
        this.held = held;
    }

    /**
     * The schedule of the seat-quarters given to the member. Should two seats of one quarter be theirs (a broken hard
     * rule, which the search repairs), the one with the lower id counts, so that the answer does not depend on order.
     */
    static Schedule of(Member member, List<SeatQuarter> seatQuarters) {
        SeatQuarter[] held = new SeatQuarter[member.rules().quarters()];
        seatQuarters.stream().sorted(Comparator.comparing(SeatQuarter::id).reversed())
                .forEach(seatQuarter -> held[seatQuarter.quarter()] = seatQuarter);
        return new Schedule(member, held);
    }

    Member member() {
        return member;
    }

    int quarters() {
        return held.length;
    }

    /** The role in the quarter: the seat's, or delivery. */
    PlannedRole role(int quarter) {
        return held[quarter] == null ? PlannedRole.DELIVERY : held[quarter].seat().role();
    }

    SeatQuarter seatQuarter(int quarter) {
        return held[quarter];
    }

    /** Consecutive quarters away from delivery (in one seat or several). */
    record Stint(int start, int length, double retentionAtEnd) {
    }

    List<Stint> stints() {
        List<Stint> stints = new ArrayList<>();
        int quarter = 0;
        while (quarter < held.length) {
            if (held[quarter] == null) {
                quarter++;
                continue;
            }
            int start = quarter;
            while (quarter < held.length && held[quarter] != null) {
                quarter++;
            }
            int length = quarter - start;
            double retention = 1;
            for (int q = start; q < quarter; q++) {
                retention = Math.min(retention, member.stintRetention(held[q].seat().roleIndex(), start, length));
            }
            stints.add(new Stint(start, length, retention));
        }
        return stints;
    }

    /** Thousandths of delivery retention below the threshold at the end of each stint that crosses it. */
    List<RuleBreach> retentionBelowThreshold() {
        List<RuleBreach> breaches = new ArrayList<>();
        double threshold = member.rules().rotateBackRetention();
        for (Stint stint : stints()) {
            if (stint.retentionAtEnd() < threshold) {
                int thousandths = (int) Math.ceil((threshold - stint.retentionAtEnd()) * 1000 - 1e-9);
                breaches.add(RuleBreach.person(member, stint.start(), Math.max(1, thousandths),
                        "delivery retention would fall to %.3f, below the rotate-back threshold %.2f, by the end of %s"
                                .formatted(stint.retentionAtEnd(), threshold, span(stint.start(), stint.length()))));
            }
        }
        return breaches;
    }

    /** Thousandths of delivery retention lost by the end of each stint. */
    List<RuleBreach> deliverySkillLoss() {
        List<RuleBreach> losses = new ArrayList<>();
        for (Stint stint : stints()) {
            int thousandths = (int) Math.round((1 - stint.retentionAtEnd()) * 1000);
            if (thousandths > 0) {
                losses.add(RuleBreach.person(member, stint.start(), thousandths,
                        "delivery retention %.3f at the end of %s".formatted(stint.retentionAtEnd(),
                                span(stint.start(), stint.length()))));
            }
        }
        return losses;
    }

    /** A move: the quarter in which the person starts a role different from the one before (today's, for quarter 0). */
    record Move(Member member, int quarter, PlannedRole from, PlannedRole to, double monthsInFrom) {
    }

    /** Every move, with how long the role left had lasted. Someone who holds nothing today does not move by starting. */
    List<Move> moves() {
        List<Move> moves = new ArrayList<>();
        PlannedRole previous = member.currentRole();
        double months = member.monthsInCurrentRole();
        for (int quarter = 0; quarter < held.length; quarter++) {
            PlannedRole role = role(quarter);
            if (previous != null && !role.sameAs(previous)) {
                moves.add(new Move(member, quarter, previous, role, months));
                months = 0;
            }
            previous = role;
            months += 3;
        }
        return moves;
    }

    /** Each move out of a role held for less than the minimum, by the whole months short. */
    List<RuleBreach> leftTooSoon() {
        int minimum = member.rules().minimumMonthsInRole();
        List<RuleBreach> breaches = new ArrayList<>();
        for (Move move : moves()) {
            int short_ = (int) Math.ceil(minimum - move.monthsInFrom() - 1e-9);
            if (short_ > 0) {
                breaches.add(RuleBreach.person(member, move.quarter(), short_,
                        "leaves %s for %s at the start of quarter %d after %.0f months, %d short of the %d-month minimum"
                                .formatted(move.from().inWords(), move.to().inWords(), move.quarter() + 1,
                                        move.monthsInFrom(), short_, minimum)));
            }
        }
        return breaches;
    }

    /** Each troubled program taken straight after another (today's counts). */
    List<RuleBreach> troubledStreaks() {
        List<RuleBreach> streaks = new ArrayList<>();
        PlannedRole previous = member.currentRole();
        for (int quarter = 0; quarter < held.length; quarter++) {
            PlannedRole role = role(quarter);
            if (role.troubledProgram() && previous != null && previous.troubledProgram() && !role.sameAs(previous)) {
                streaks.add(RuleBreach.person(member, quarter, 1, "takes %s in quarter %d straight after %s"
                        .formatted(role.inWords(), quarter + 1, previous.inWords())));
            }
            previous = role;
        }
        return streaks;
    }

    /** Quarters in a seat whose load (the seat's, or the person's own if it names none) is at or above the share. */
    List<RuleBreach> overloadedQuarters() {
        int share = member.rules().adminOverloadPercent();
        List<RuleBreach> breaches = new ArrayList<>();
        for (int quarter = 0; quarter < held.length; quarter++) {
            PlannedRole role = role(quarter);
            double load = role.adminLoadPercent() != null ? role.adminLoadPercent() : member.adminLoadPercent();
            if (!role.delivery() && load >= share) {
                breaches.add(RuleBreach.person(member, quarter, 1,
                        "%s in quarter %d at %.0f %% administrative load, at or above the %d %% overload share"
                                .formatted(role.inWords(), quarter + 1, load, share)));
            }
        }
        return breaches;
    }

    /** Quarters in a PMO seat of someone who does not want one. */
    List<RuleBreach> unwantedPmoQuarters() {
        List<RuleBreach> breaches = new ArrayList<>();
        for (int quarter = 0; member.unwilling() && quarter < held.length; quarter++) {
            if (role(quarter).pmo()) {
                breaches.add(RuleBreach.person(member, quarter, 1, "in %s in quarter %d, though unwilling to join a PMO"
                        .formatted(role(quarter).inWords(), quarter + 1)));
            }
        }
        return breaches;
    }

    /** Quarters in PMO seats, for the fairness rule. */
    int pmoQuarters() {
        int quarters = 0;
        for (int quarter = 0; quarter < held.length; quarter++) {
            if (role(quarter).pmo()) {
                quarters++;
            }
        }
        return quarters;
    }

    private static String span(int start, int length) {
        return length == 1 ? "quarter " + (start + 1) : "quarters " + (start + 1) + "-" + (start + length);
    }
}
