package io.careerpath.query.reminders;

import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.QueryProperties;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.history.StoredHistory;
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
     * @param words one sentence in plain words ({@link Reminder#inWords})
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

    /**
     * The caller's notifications, newest first, at most {@value #LIMIT} (only the unread ones if asked), and how many
     * of all they receive are unread.
     */
    public record Listing(int unread, List<Notification> notifications) {
    }

    public Listing of(Caller caller, boolean unreadOnly) {
        Received received = received(caller);
        Set<String> read = store.readBy(caller.subject());
        Map<String, String> teamNames = new HashMap<>();
        List<Notification> notifications = received.reminders().stream()
                .filter(reminder -> !unreadOnly || !read.contains(reminder.id()))
                .sorted(NEWEST_FIRST)
                .limit(LIMIT)
                .map(reminder -> notification(reminder, received.people().get(reminder.personId()),
                        read.contains(reminder.id()), teamNames))
                .toList();
        return new Listing((int) received.reminders().stream().filter(reminder -> !read.contains(reminder.id())).count(),
                notifications);
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

    /** The ids of every notification the caller receives, for "mark all as read". */
    public List<String> ids(Caller caller) {
        return received(caller).reminders().stream().map(Reminder::id).toList();
    }

    /** Whether the caller receives the reminder (as the list would show it). */
    public boolean receives(Caller caller, String reminderId) {
        return received(caller).reminders().stream().anyMatch(reminder -> reminder.id().equals(reminderId));
    }

    /** The reminders the caller receives, and their people (today's view, names opened). */
    private record Received(List<Reminder> reminders, Map<String, PersonHistory> people) {
    }

    /** The reminders the caller receives about people whose names can be opened for them now. */
    private Received received(Caller caller) {
        List<Reminder> addressed = addressed(caller);
        LocalDate today = asOf.today();
        Map<String, PersonHistory> visible = people.histories(caller,
                        addressed.stream().map(Reminder::personId).distinct().toList(), new Viewpoint(today, today),
                        history -> true).stream()
                .collect(Collectors.toMap(PersonHistory::personId, Function.identity()));
        return new Received(addressed.stream()
                .filter(reminder -> visible.containsKey(reminder.personId()))
                .filter(reminder -> Recipient.receives(caller, reminder,
                        () -> visible.get(reminder.personId()).teamId().orElse(null)))
                .toList(), visible);
    }

    /** The reminders about the caller or the people of the teams they manage, before who may see whom is decided. */
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
                reminder.inWords(name, properties.rotateBackWarningMonths()),
                "career.html?person=" + reminder.personId());
    }
}
