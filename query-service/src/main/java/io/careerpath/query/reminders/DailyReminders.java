package io.careerpath.query.reminders;

import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.StoredHistory;
import io.careerpath.query.reminders.ReminderRuns.Claim;
import io.careerpath.query.skillmodel.DeliveryVerdict;
import io.careerpath.query.team.MemberFigures;
import io.careerpath.query.team.MemberFigures.Watched;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The daily evaluation: for a day, every person's figures as the board shows them on that day
 * ({@link MemberFigures#watched}), the conditions they put the person in, and one {@link Reminder} per condition
 * newly entered since the last run. Claimed per day in the database ({@link ReminderRuns}), so that however many
 * instances run, one evaluates each day; then {@link RemindersRaised} is published to the channels, on the instance
 * that ran it. Reads sealed histories only: a condition needs no name.
 */
@Component
public class DailyReminders {

    private static final Logger log = LoggerFactory.getLogger(DailyReminders.class);

    /**
     * What a request to run the day got.
     *
     * @param ranNow  whether this call evaluated the day (false: it had run, or another instance is running it)
     * @param status  FINISHED, or RUNNING_ELSEWHERE while another instance holds the claim
     * @param raised  how many reminders the day's run raised; null while it runs elsewhere
     */
    public record Outcome(LocalDate day, boolean ranNow, String status, Integer raised) {
    }

    private final HistoryReads histories;
    private final MemberFigures figures;
    private final ReminderStore store;
    private final ReminderRuns runs;
    private final ApplicationEventPublisher events;
    private final RemindersProperties properties;
    private final Clock clock;

    DailyReminders(HistoryReads histories, MemberFigures figures, ReminderStore store, ReminderRuns runs,
                   ApplicationEventPublisher events, RemindersProperties properties, Clock clock) {
        this.histories = histories;
        this.figures = figures;
        this.store = store;
        this.runs = runs;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs the day unless it has run or another instance is running it. */
    public Outcome run(LocalDate day) {
        Claim claim = runs.claim(day);
        if (claim == Claim.FINISHED) {
            return new Outcome(day, false, Claim.FINISHED.name(), runs.finished(day).orElseThrow());
        }
        if (claim == Claim.RUNNING_ELSEWHERE) {
            return new Outcome(day, false, Claim.RUNNING_ELSEWHERE.name(), null);
        }
        evaluate(day);
        List<Reminder> raised = store.raisedOn(day);
        events.publishEvent(new RemindersRaised(day, raised));
        runs.finish(day, raised.size());
        log.info("Reminders of {}: {} raised", day, raised.size());
        return new Outcome(day, true, Claim.FINISHED.name(), raised.size());
    }

    private void evaluate(LocalDate day) {
        Viewpoint viewpoint = new Viewpoint(day, day);
        List<String> everyone = histories.everyone();
        for (int from = 0; from < everyone.size(); from += properties.batchSize()) {
            List<String> batch = everyone.subList(from, Math.min(everyone.size(), from + properties.batchSize()));
            Map<String, Set<ReminderCondition>> before = store.activeConditions(batch);
            for (StoredHistory stored : histories.findAll(batch)) {
                Watched watched = figures.watched(stored.at(viewpoint), day);
                Set<ReminderCondition> active = conditions(watched);
                Set<ReminderCondition> previously = before.getOrDefault(stored.personId(), Set.of());
                Instant now = clock.instant();
                for (ReminderCondition condition : active) {
                    if (!previously.contains(condition)) {
                        store.raise(new Reminder(ReminderStore.idOf(stored.personId(), condition, day),
                                stored.personId(), stored.currentTeam(day).orElse(null), condition, day,
                                watched.rotateBackBy(), watched.deliveryRetention(), watched.adminLoadPercent(),
                                watched.troubledStreak(), now));
                    }
                }
                // after the reminders: a run that dies in between raises them again, as the same ids, when taken over
                if (!active.equals(previously)) {
                    store.keepActive(stored.personId(), active);
                }
            }
            runs.renew(day);
        }
        // erased since the last run: nothing of theirs is kept (people the read models do not hold at all, as while
        // they are being filled, are left alone: only a tombstone says that someone was erased)
        histories.standOf(store.people()).values().stream().filter(HistoryReads.Stand::erased)
                .forEach(stand -> store.forget(stand.personId()));
    }

    static Set<ReminderCondition> conditions(Watched watched) {
        Set<ReminderCondition> active = EnumSet.noneOf(ReminderCondition.class);
        if (watched.verdict() == DeliveryVerdict.ROTATE_BACK_SOON) {
            active.add(ReminderCondition.ROTATE_BACK_DUE);
        }
        if (watched.verdict() == DeliveryVerdict.BELOW_THRESHOLD) {
            active.add(ReminderCondition.ROTATE_BACK_PASSED);
        }
        if (watched.adminOverload()) {
            active.add(ReminderCondition.ADMIN_OVERLOAD);
        }
        if (watched.troubledProgramStreak()) {
            active.add(ReminderCondition.TROUBLED_PROGRAM_STREAK);
        }
        return active;
    }
}
