package io.careerpath.query.team;

import io.careerpath.query.words.NaturalOrder;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.PmoType;
import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.api.Forbidden;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.HistoryReads.KnownTeam;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.planning.PlanDrift;
import io.careerpath.query.skillmodel.DeliveryVerdict;
import io.careerpath.query.team.RotationBoardController.CurrentAssignment;
import io.careerpath.query.team.RotationBoardController.Flag;
import io.careerpath.query.team.RotationBoardController.Member;
import io.careerpath.security.Caller;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Who needs attention across the teams a caller may see: everyone flagged on their team's board, or whose
 * rotate-back date falls within the window. Each person's figures are the board's ({@link MemberFigures}); the
 * histories of the teams' people are read {@link #BATCH} at a time (one read of the team lists, then per batch one
 * read of the histories and one request for the keys), never person by person; for today (the default viewpoint)
 * nothing is read: everyone's figures are in memory ({@link TodaysFigures}). The list is answered a page at a time,
 * with its count and the per-team figures over the whole list.
 */
@Component
class AttentionList {

    /** What someone is doing now, for the role filter: an assignment kind, or nothing at all. */
    enum CurrentRole { DELIVERY, PMO, TROUBLED_PROGRAM, NONE }

    /** The orders the list comes in, by the name the API takes. */
    enum Sort {
        ROTATE_BACK_BY("rotateBackBy"), NAME("name"), TEAM("team"), RETENTION("retention");

        final String param;

        Sort(String param) {
            this.param = param;
        }
    }

    /**
     * @param teams     only these teams (empty: every team the caller may see)
     * @param flags     only people with any of these flags (empty: any)
     * @param roles     only people doing one of these now (empty: any)
     * @param pmoTypes  only people in a PMO role of one of these types (empty: any)
     */
    record Filters(Set<String> teams, Set<Flag> flags, Set<CurrentRole> roles, Set<PmoType> pmoTypes,
                   int withinMonths, Sort sort, boolean descending) {
    }

    /**
     * @param rotateBackWithinWindow whether the rotate-back date falls within the window (on or before
     *                               {@code asOf} + {@code withinMonths}); the other reason to be listed is a flag
     */
    record PersonNeedingAttention(String personId, String displayName, String teamId, String teamName,
                                  CurrentAssignment currentAssignment,
                                  List<Flag> flags, Double deliveryRetention, boolean deliveryHistory, LocalDate rotateBackBy,
                                  boolean rotateBackWithinWindow, DeliveryVerdict deliveryVerdict, Double monthsSinceDelivery,
                                  Double adminLoadPercent, int troubledProgramStreak, PlanDrift offPlan) {

        static PersonNeedingAttention of(String teamId, String teamName, Member m, boolean withinWindow) {
            return new PersonNeedingAttention(m.personId(), m.displayName(), teamId, teamName, m.currentAssignment(), m.flags(),
                    m.deliveryRetention(), m.deliveryHistory(), m.rotateBackBy(), withinWindow, m.deliveryVerdict(),
                    m.monthsSinceDelivery(), m.adminLoadPercent(), m.troubledProgramStreak(), m.offPlan());
        }
    }

    /**
     * @param averageDeliveryRetention over the listed people with delivery history; null when none has any
     */
    record TeamAggregates(int people, int withDeliveryHistory, Double averageDeliveryRetention) {
    }

    /**
     * @param members            the team's people the caller sees on the day
     * @param count              how many of them are on the list (after the filters)
     * @param aggregates         about the listed people; null when withheld
     * @param aggregatesWithheld why they were withheld, if they were
     */
    record TeamCount(String teamId, String teamName, int members, int count, TeamAggregates aggregates, String aggregatesWithheld) {
    }

    /**
     * @param count  how many people are on the whole list (after the filters)
     * @param offset where this page starts in the whole list
     * @param limit  the most people a page holds
     * @param more   whether people follow this page
     * @param people this page of the list
     * @param teams  per team, over the whole list
     */
    record Answer(LocalDate asOf, LocalDate knownOn, int withinMonths, int count, int offset, int limit, boolean more,
                  List<PersonNeedingAttention> people, List<TeamCount> teams) {
    }

    /** Which part of the list to answer: from {@code offset}, at most {@code limit} people. */
    record Page(int offset, int limit) {

        /** The whole list in one (the CSV download). */
        static final Page WHOLE = new Page(0, Integer.MAX_VALUE);
    }

    /** People whose histories are read (and their keys asked for) in one go. */
    static final int BATCH = 1_000;

    private final HistoryReads histories;
    private final PeopleAccess access;
    private final MemberFigures figures;
    private final TodaysFigures today;
    private final OffPlan offPlan;

    AttentionList(HistoryReads histories, PeopleAccess access, MemberFigures figures, TodaysFigures today,
                  OffPlan offPlan) {
        this.histories = histories;
        this.access = access;
        this.figures = figures;
        this.today = today;
        this.offPlan = offPlan;
    }

    Answer of(Caller caller, Viewpoint viewpoint, Filters filters, Page page) {
        for (String team : filters.teams()) {
            if (!caller.mayAccessTeam(team)) {
                throw new Forbidden("team-not-permitted", "You may not see team " + team + ": its people are open to its "
                        + "managers, PMO leads and HR administrators only.");
            }
        }
        LocalDate day = viewpoint.asOf();
        LocalDate windowEnd = day.plusMonths(filters.withinMonths());
        // per team, in no particular order: its name, its members counted and its people listed
        Map<String, Tally> teams = new HashMap<>();
        Predicate<String> keyUnchecked = personId -> false;

        var fromMemory = today.everyone(caller, viewpoint, teamId -> caller.mayAccessTeam(teamId)
                && (filters.teams().isEmpty() || filters.teams().contains(teamId)));
        if (fromMemory.isPresent()) {
            // today (the default): everyone's figures are in memory, the same rows as below, a team at a time
            keyUnchecked = fromMemory.get().keyUnchecked();
            for (TodaysFigures.TeamRows team : fromMemory.get().teams()) {
                Tally tally = new Tally(team.teamId(), team.teamName());
                teams.put(team.teamId(), tally);
                for (TodaysFigures.Row row : team.people()) {
                    tally.consider(offPlan.flagged(row.row().member(), viewpoint), filters, windowEnd);
                }
            }
        } else {
            // the team documents already name everyone who ever belonged: no second read of them
            Set<String> everMembers = new LinkedHashSet<>();
            for (KnownTeam known : histories.teams()) {
                if (caller.mayAccessTeam(known.teamId()) && (filters.teams().isEmpty() || filters.teams().contains(known.teamId()))) {
                    teams.put(known.teamId(), new Tally(known.teamId(), known.teamName()));
                    everMembers.addAll(known.everMembers());
                }
            }
            List<String> ids = new ArrayList<>(everMembers);
            // a batch of histories at a time: only the figures of everyone are kept, never all their histories at once
            for (int from = 0; from < ids.size(); from += BATCH) {
                // who belongs to which team on the day is for each history to say, as on the board
                for (PersonHistory history : access.histories(caller, ids.subList(from, Math.min(ids.size(), from + BATCH)),
                        viewpoint, history -> history.teamId().filter(teams::containsKey).isPresent())) {
                    teams.get(history.teamId().orElseThrow())
                            .consider(offPlan.flagged(figures.of(history, day), viewpoint), filters, windowEnd);
                }
            }
        }
        List<PersonNeedingAttention> listed = new ArrayList<>();
        teams.values().forEach(tally -> listed.addAll(tally.listed));
        List<TeamCount> counts = teamCounts(teams.values());
        int from = Math.min(page.offset(), listed.size());
        int to = (int) Math.min((long) from + page.limit(), listed.size());
        List<PersonNeedingAttention> shown = firstInOrder(listed, order(filters.sort(), filters.descending()), to)
                .subList(from, to);
        Set<String> toCheck = new HashSet<>();
        for (PersonNeedingAttention person : shown) {
            if (keyUnchecked.test(person.personId())) {
                toCheck.add(person.personId());
            }
        }
        if (!toCheck.isEmpty()) {
            // crypto-shredding: someone whose key is gone since their row was made is not shown
            Set<String> keyed = today.haveKeys(toCheck);
            shown = shown.stream().filter(person -> !toCheck.contains(person.personId()) || keyed.contains(person.personId()))
                    .toList();
        }
        return new Answer(day, viewpoint.knownOn(), filters.withinMonths(), listed.size(), page.offset(),
                page == Page.WHOLE ? listed.size() : page.limit(), to < listed.size(), List.copyOf(shown), counts);
    }

    /**
     * The first {@code n} of the people in the order, sorted. A page near the start of a long list needs only those:
     * one pass that keeps the best {@code n} so far, most people rejected by one comparison with the worst kept,
     * instead of sorting tens of thousands (names compare by collator, microseconds each). The order is total (it
     * ends with the person id), so the page is the one a full sort gives.
     */
    static List<PersonNeedingAttention> firstInOrder(List<PersonNeedingAttention> people,
                                                     Comparator<PersonNeedingAttention> order, int n) {
        if (n >= people.size() / 4) {
            List<PersonNeedingAttention> sorted = new ArrayList<>(people);
            sorted.sort(order);
            return sorted.subList(0, Math.min(n, sorted.size()));
        }
        PriorityQueue<PersonNeedingAttention> best = new PriorityQueue<>(n + 1, order.reversed());
        for (PersonNeedingAttention person : people) {
            if (best.size() < n) {
                best.add(person);
            } else if (n > 0 && order.compare(person, best.peek()) < 0) {
                best.poll();
                best.add(person);
            }
        }
        List<PersonNeedingAttention> first = new ArrayList<>(best);
        first.sort(order);
        return first;
    }

    /** One team's part of the list: its members the caller sees on the day, and those of them listed. */
    private static final class Tally {
        final String teamId;
        final String teamName;
        int members;
        final List<PersonNeedingAttention> listed = new ArrayList<>();

        Tally(String teamId, String teamName) {
            this.teamId = teamId;
            this.teamName = teamName;
        }

        /** Counts the person as a member, and lists them if flagged or due within the window. */
        void consider(Member member, Filters filters, LocalDate windowEnd) {
            members++;
            boolean withinWindow = member.rotateBackBy() != null && !member.rotateBackBy().isAfter(windowEnd);
            if ((withinWindow || !member.flags().isEmpty()) && passes(member, filters)) {
                listed.add(PersonNeedingAttention.of(teamId, teamName, member, withinWindow));
            }
        }
    }

    private static boolean passes(Member member, Filters filters) {
        CurrentAssignment now = member.currentAssignment();
        CurrentRole role = now == null ? CurrentRole.NONE : CurrentRole.valueOf(now.kind().name());
        return (filters.flags().isEmpty() || member.flags().stream().anyMatch(filters.flags()::contains))
                && (filters.roles().isEmpty() || filters.roles().contains(role))
                && (filters.pmoTypes().isEmpty() || now != null && now.kind() == AssignmentKind.PMO
                && filters.pmoTypes().contains(now.pmoType()));
    }

    private List<TeamCount> teamCounts(Collection<Tally> teams) {
        List<TeamCount> counts = new ArrayList<>();
        for (Tally team : teams) {
            // the board's rule: figures about fewer than the minimum number of people could single someone out
            String withheld = figures.aggregatesWithheld(team.listed.size(), "Figures about the team's listed people");
            counts.add(new TeamCount(team.teamId, team.teamName, team.members, team.listed.size(),
                    withheld == null ? aggregates(team.listed) : null, withheld));
        }
        counts.sort(Comparator.comparing(TeamCount::teamName, NaturalOrder.NAMES).thenComparing(TeamCount::teamId));
        return counts;
    }

    private static TeamAggregates aggregates(List<PersonNeedingAttention> people) {
        double[] retentions = people.stream().filter(PersonNeedingAttention::deliveryHistory)
                .mapToDouble(PersonNeedingAttention::deliveryRetention).toArray();
        Double average = retentions.length == 0 ? null
                : MemberFigures.round(java.util.Arrays.stream(retentions).average().orElseThrow());
        return new TeamAggregates(people.size(), retentions.length, average);
    }

    /** The chosen order (empty values last, whichever the direction), then by name, then by id so it is stable. */
    static Comparator<PersonNeedingAttention> order(Sort sort, boolean descending) {
        Comparator<PersonNeedingAttention> byName = Comparator.comparing(PersonNeedingAttention::displayName, NaturalOrder.NAMES);
        Comparator<PersonNeedingAttention> first = switch (sort) {
            case ROTATE_BACK_BY -> emptyLast(PersonNeedingAttention::rotateBackBy, Comparator.<LocalDate>naturalOrder(), descending);
            case NAME -> descending ? byName.reversed() : byName;
            case TEAM -> emptyLast(PersonNeedingAttention::teamName, NaturalOrder.NAMES, descending);
            case RETENTION -> emptyLast(PersonNeedingAttention::deliveryRetention, Comparator.<Double>naturalOrder(), descending);
        };
        return first.thenComparing(byName).thenComparing(PersonNeedingAttention::personId);
    }

    private static <T> Comparator<PersonNeedingAttention> emptyLast(Function<PersonNeedingAttention, T> value,
                                                                   Comparator<T> order, boolean descending) {
        return Comparator.comparing(value, Comparator.nullsLast(descending ? order.reversed() : order));
    }
}
