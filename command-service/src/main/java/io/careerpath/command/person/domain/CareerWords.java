package io.careerpath.command.person.domain;

import io.careerpath.events.AssignmentOutcome;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.PmoType;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The one source of the words a refusal is told in (API {@code detail}, the record form, bulk import
 * rows alike): dates as "1 Mar 2021", event types and outcomes as a person says them. A refusal is
 * read by people; clients branch on its problem type, so nothing here is a contract.
 *
 * <p>The career rules never see names (they are sealed before the aggregate stores them), so an
 * assignment is named by what it is and when it began: "the delivery role from 1 Mar 2021".
 */
public final class CareerWords {

    /** English month abbreviations without a dot ("Sep", not the "Sept" of newer UK locale data). */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** Every event type in words, as a noun ("a delivery role", "the delivery role from ..."). */
    private static final Map<String, String> EVENT_TYPES = Map.ofEntries(
            Map.entry("PERSON_REGISTERED", "registration"),
            Map.entry("TEAM_CHANGED", "team change"),
            Map.entry("DELIVERY_ROLE_STARTED", "delivery role"),
            Map.entry("JOINED_PMO", "PMO role"),
            Map.entry("TOOK_TROUBLED_PROGRAM", "troubled program"),
            Map.entry("REGAINED_DELIVERY_ROLE", "return to delivery"),
            Map.entry("ASSIGNMENT_ENDED", "end of an assignment"),
            Map.entry("ADMINISTRATIVE_LOAD_RECORDED", "administrative load"),
            Map.entry("PMO_PREFERENCE_STATED", "stated PMO preference"),
            Map.entry("SKILL_ASSESSED", "skill assessment"),
            Map.entry("EVENT_RETRACTED", "retraction"),
            Map.entry("PERSON_ERASED", "erasure"));

    /** Request fields a value can be out of range in, in words. */
    private static final Map<String, String> FIELDS = Map.of(
            "percentOfTime", "The share of time on administrative work",
            "level", "A skill level");

    private CareerWords() {
    }

    /** "1 Mar 2021". */
    public static String date(LocalDate day) {
        return DAY.format(day);
    }

    /** An event type in words ("delivery role"); an unknown one in lower case, never as a code. */
    public static String eventType(String type) {
        return EVENT_TYPES.getOrDefault(type, type.toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    static String eventType(Class<? extends CareerEvent> type) {
        return eventType(CareerEvent.typeOf(type));
    }

    /** "program PMO role": a PMO role says which kind of PMO it is. */
    static String pmoRole(PmoType type) {
        return type == null ? eventType("JOINED_PMO") : type.name().toLowerCase(Locale.ROOT) + " PMO role";
    }

    /** "handed over". */
    static String outcome(AssignmentOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** "rescued, cancelled or handed over". */
    static String outcomes(Collection<AssignmentOutcome> outcomes) {
        var words = outcomes.stream().sorted().map(CareerWords::outcome).toList();
        return words.size() < 2 ? String.join("", words)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** A request field in words, as the start of a sentence. */
    static String field(String field) {
        return FIELDS.getOrDefault(field, field);
    }

    /** "Delivery role" from "delivery role" (a sentence starting with one). */
    static String capitalized(String words) {
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
