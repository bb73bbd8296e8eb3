package io.careerpath.query.reminders;

import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.QueryProperties;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.history.StoredHistory;
import io.careerpath.query.words.CareerWords;
import io.careerpath.security.Caller;
import io.careerpath.security.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The reminders an account receives ({@link Recipient#receives}), as the notifications list shows them: names opened
 * through {@link PeopleAccess} for this caller (an erased person, one without key or one the caller may no longer
 * see is left out), in words, with the account's read marks. Any channel that addresses a person can use it.
 */
@Component
public class Notifications {

    /** The longest list answered. */
    static final int LIMIT = 200;

    /**
     * One reminder as its recipient reads it.
     *
     * @param words one sentence in plain words ({@link CareerWords#reminder})
     * @param link  the dashboards' page about the person, relative to the dashboards
     */
    public record Notification(String id, String personId, String personName, String teamId, String teamName,
                               ReminderCondition condition, LocalDate crossedOn, LocalDate rotateBackBy,
                               Double deliveryRetention, Double adminLoadPercent, int troubledStreak, Instant raisedAt,
                               boolean read, String words, String link) {
    }

    private static final Comparator<Reminder> NEWEST_FIRST = Comparator.comparing(Reminder::raisedAt)
            .thenComparing(Reminder::crossedOn).thenComparing(Reminder::id).reversed();

    private final ReminderStore store;
    private final PeopleAccess people;
    private final HistoryReads histories;
    private final AsOf asOf;
    private final QueryProperties properties;

    Notifications(ReminderStore store, PeopleAccess people, HistoryReads histories, AsOf asOf,
                  QueryProperties properties) {
        this.store = store;
        this.people = people;
        this.histories = histories;
        this.asOf = asOf;
        this.properties = properties;
    }

    /** The caller's notifications, newest first, at most {@value #LIMIT}; only the unread ones if asked. */
    public List<Notification> of(Caller caller, boolean unreadOnly) {
        List<Reminder> addressed = addressed(caller);
        Map<String, PersonHistory> visible = people.histories(caller,
                        addressed.stream().map(Reminder::personId).distinct().toList(),
                        new Viewpoint(asOf.today(), asOf.today()), history -> true).stream()
                .collect(Collectors.toMap(PersonHistory::personId, Function.identity()));
        Set<String> read = store.readBy(caller.subject());
        Map<String, String> teamNames = new HashMap<>();
        return addressed.stream()
                .filter(reminder -> visible.containsKey(reminder.personId()))
                .filter(reminder -> Recipient.receives(caller, reminder,
                        () -> visible.get(reminder.personId()).teamId().orElse(null)))
                .filter(reminder -> !unreadOnly || !read.contains(reminder.id()))
                .sorted(NEWEST_FIRST)
                .limit(LIMIT)
                .map(reminder -> notification(reminder, visible.get(reminder.personId()), read.contains(reminder.id()),
                        teamNames))
                .toList();
    }

    /**
     * How many of the caller's notifications are unread, cheaply (the header asks on every page): decided on the
     * sealed histories, without opening a name.
     */
    public int unread(Caller caller) {
        Set<String> read = store.readBy(caller.subject());
        List<Reminder> unread = addressed(caller).stream().filter(reminder -> !read.contains(reminder.id())).toList();
        if (unread.isEmpty()) {
            return 0;
        }
        LocalDate today = asOf.today();
        Map<String, StoredHistory> stored = histories.findAll(unread.stream().map(Reminder::personId).distinct().toList())
                .stream().collect(Collectors.toMap(StoredHistory::personId, Function.identity()));
        return (int) unread.stream()
                .filter(reminder -> stored.containsKey(reminder.personId()))
                .filter(reminder -> Recipient.receives(caller, reminder,
                        () -> stored.get(reminder.personId()).currentTeam(today).orElse(null)))
                .count();
    }

    /** The ids of the caller's notifications, for "mark all as read". */
    public List<String> ids(Caller caller) {
        return of(caller, false).stream().map(Notification::id).toList();
    }

    /** Whether the caller receives the reminder (as the list would show it). */
    public boolean receives(Caller caller, String reminderId) {
        return of(caller, false).stream().anyMatch(notification -> notification.id().equals(reminderId));
    }

    private List<Reminder> addressed(Caller caller) {
        return store.addressedTo(caller.personId(), caller.has(Role.MANAGER) ? caller.managedTeams() : Set.of());
    }

    private Notification notification(Reminder reminder, PersonHistory person, boolean read,
                                      Map<String, String> teamNames) {
        String name = person.displayName().orElse("Someone");
        String teamName = reminder.teamId() == null ? null
                : teamNames.computeIfAbsent(reminder.teamId(), histories::teamName);
        return new Notification(reminder.id(), reminder.personId(), name, reminder.teamId(), teamName,
                reminder.condition(), reminder.crossedOn(), reminder.rotateBackBy(), reminder.deliveryRetention(),
                reminder.adminLoadPercent(), reminder.troubledStreak(), reminder.raisedAt(), read,
                CareerWords.reminder(reminder.condition().name(), name, reminder.rotateBackBy(),
                        reminder.deliveryRetention(), reminder.adminLoadPercent(), reminder.troubledStreak(),
                        properties.rotateBackWarningMonths()),
                "career.html?person=" + reminder.personId());
    }
}
