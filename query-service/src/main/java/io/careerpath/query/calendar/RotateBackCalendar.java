package io.careerpath.query.calendar;

import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.QueryProperties;
import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.PersonHistory;
import io.careerpath.query.skillmodel.SkillModel;
import io.careerpath.query.team.MemberFigures;
import io.careerpath.query.words.NaturalOrder;
import io.careerpath.security.Caller;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzName;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableAction;
import org.springframework.stereotype.Component;

/**
 * One account's calendar: an all-day event on each upcoming rotate-back date of the people the account receives
 * reminders about ({@link io.careerpath.query.reminders.Recipient#receives}: themself and the current members of
 * the teams they manage; PMO leads and HR administrators are not sent everyone) and may see. The dates are the
 * rotation board's ({@link MemberFigures#watched}); names are opened through {@link PeopleAccess}, so that an
 * erased person, or one the account may no longer see, is gone from the next poll.
 */
@Component
class RotateBackCalendar {

    static final String PRODUCT = "-//Careerpath//Rotate-back dates//EN";
    private static final String TITLE = "Careerpath: rotate-back dates";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final HistoryReads histories;
    private final PeopleAccess people;
    private final MemberFigures figures;
    private final SkillModel model;
    private final QueryProperties properties;
    private final AsOf asOf;
    private final Clock clock;

    RotateBackCalendar(HistoryReads histories, PeopleAccess people, MemberFigures figures, SkillModel model,
                       QueryProperties properties, AsOf asOf, Clock clock) {
        this.histories = histories;
        this.people = people;
        this.figures = figures;
        this.model = model;
        this.properties = properties;
        this.asOf = asOf;
        this.clock = clock;
    }

    /** The events of the people {@code owner} hears about; {@code dashboards} is where the career pages are. */
    Calendar of(Caller owner, URI dashboards) {
        LocalDate today = asOf.today();
        Calendar calendar = new Calendar().withProdId(PRODUCT).withDefaults()
                .withProperty(new Name(TITLE))
                // the name most clients read (Apple, Google, Outlook), and how often to poll: the dates move daily
                .withProperty(new XProperty("X-WR-CALNAME", TITLE))
                .withProperty(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), Period.ofDays(1)))
                .getFluentTarget();
        List<PersonHistory> heard = people.histories(owner, candidates(owner), asOf.resolve(null, null),
                history -> isOwn(owner, history) || history.teamId().filter(owner::managesTeam).isPresent());
        heard.stream()
                .sorted(Comparator.comparing((PersonHistory history) -> history.displayName().orElse(""), NaturalOrder.NAMES)
                        .thenComparing(PersonHistory::personId))
                .forEach(history -> Optional.ofNullable(figures.watched(history, today).rotateBackBy())
                        // upcoming only: a date that has passed is the attention list's and the reminders' business
                        .filter(day -> !day.isBefore(today))
                        .ifPresent(day -> calendar.add(event(history, day, today, dashboards))));
        if (calendar.getComponents().isEmpty()) {
            // RFC 5545 wants at least one component: a time zone, which no client shows, keeps an empty feed valid
            calendar.add(utc());
        }
        return calendar;
    }

    private static VTimeZone utc() {
        return new VTimeZone(new PropertyList(List.of(new TzId("Etc/UTC"))),
                new ComponentList<>(List.of(new Standard(new PropertyList(List.of(
                        new DtStart<>(LocalDateTime.of(1970, 1, 1, 0, 0)), new TzOffsetFrom(ZoneOffset.UTC),
                        new TzOffsetTo(ZoneOffset.UTC), new TzName("UTC")))))));
    }

    /** Themself and everyone who ever was in a team they manage (who is in it today is decided on the history). */
    private Set<String> candidates(Caller owner) {
        Set<String> candidates = new TreeSet<>();
        if (owner.personId() != null) {
            candidates.add(owner.personId());
        }
        owner.managedTeams().stream().filter(owner::managesTeam)
                .forEach(team -> candidates.addAll(histories.team(team).everMembers()));
        return candidates;
    }

    private static boolean isOwn(Caller owner, PersonHistory history) {
        return history.personId().equalsIgnoreCase(owner.personId() == null ? "" : owner.personId());
    }

    private VEvent event(PersonHistory history, LocalDate day, LocalDate today, URI dashboards) {
        String name = history.displayName().orElse("Someone");
        URI career = dashboards.resolve("career.html?person=" + history.personId());
        long threshold = Math.round(model.parameters().rotateBackRetention() * 100);
        PropertyList properties = new PropertyList(List.of(
                // one per person: when the forecast moves, clients move the event instead of keeping the old day
                new Uid(history.personId() + "-rotate-back@careerpath"),
                new DtStamp(clock.instant()),
                new DtStart<>(day),
                new Summary("Rotate back: " + name),
                new Description(name + " should be back in delivery by " + DAY.format(day) + ": if the current "
                        + "assignment goes on, their delivery skill falls below " + threshold + " % of its peak on that "
                        + "day, and it comes back more slowly the longer they stay away. Career: " + career),
                new Url(career)));
        return new VEvent(properties, new ComponentList<>(alarm(name, day, today)));
    }

    /** A reminder when the date comes within the warning window, unless it already has. */
    private List<VAlarm> alarm(String name, LocalDate day, LocalDate today) {
        int months = this.properties.rotateBackWarningMonths();
        LocalDate warning = day.minusMonths(months);
        if (months == 0 || !warning.isAfter(today)) {
            return List.of();
        }
        // RFC 5545 durations have no months: the window in days before this date
        VAlarm alarm = new VAlarm(Period.ofDays((int) -ChronoUnit.DAYS.between(warning, day)));
        alarm.add(ImmutableAction.DISPLAY);
        alarm.add(new Description("Rotate back within " + months + " months: " + name));
        return List.of(alarm);
    }
}
