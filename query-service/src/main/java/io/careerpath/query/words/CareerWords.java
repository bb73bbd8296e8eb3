package io.careerpath.query.words;

import io.careerpath.events.AssignmentKind;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;
import io.careerpath.query.history.HistoryEntry;
import io.careerpath.query.history.TeamNames;
import io.careerpath.query.skillmodel.DeliveryVerdict;
import java.time.LocalDate;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Kinds of role, skills, outcomes, events and the delivery verdict in words; the same words as the
 * dashboards' (js/ui.js {@code kindLabel}, {@code SKILLS}, {@code FLAGS}; js/charts.js {@code eventWords};
 * js/career.js's key figures), so that an export says what the page says.
 */
public final class CareerWords {

    /** Fixed, not the JDK's locale data (which writes "Sept" for en-GB in some versions). */
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private static final Map<Skill, String> SKILLS = Map.of(
            Skill.DELIVERY_EXECUTION, "Delivery execution",
            Skill.ENTERPRISE_RISK, "Enterprise risk",
            Skill.CHANGE_MANAGEMENT, "Change management",
            Skill.ISSUE_MANAGEMENT, "Issue management",
            Skill.BUSINESS_ACUMEN, "Business acumen",
            Skill.LEADERSHIP, "Leadership",
            Skill.PROGRAM_MANAGEMENT, "Program management",
            Skill.PORTFOLIO_MANAGEMENT, "Portfolio management",
            Skill.PROCESS_GOVERNANCE, "Process and governance",
            Skill.STRATEGIC_VISIBILITY, "Strategic visibility");

    private CareerWords() {
    }

    /** "1 Mar 2021", as the pages write a day; "—" for none. */
    public static String day(LocalDate date) {
        return date == null ? "—" : date.getDayOfMonth() + " " + MONTHS[date.getMonthValue() - 1] + " " + date.getYear();
    }

    /** "Executive PMO", "Delivery", "Troubled program". */
    public static String role(AssignmentKind kind, PmoType pmoType) {
        if (kind == null) {
            return "Assignment";
        }
        return switch (kind) {
            case PMO -> pmoType == null ? "PMO" : humanize(pmoType.name()) + " PMO";
            case DELIVERY -> "Delivery";
            case TROUBLED_PROGRAM -> "Troubled program";
        };
    }

    public static String skill(Skill skill) {
        return skill == null ? "A skill" : SKILLS.getOrDefault(skill, humanize(skill.name()));
    }

    /** "rescued", "handed over", ... */
    public static String outcome(String outcome) {
        return outcome == null ? "" : outcome.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** "partial delivery responsibility"; empty for none (a PMO role without it is the common case). */
    public static String deliveryResponsibility(Object value) {
        String level = value == null ? "NONE" : value.toString();
        return switch (level) {
            case "NONE", "false" -> "";
            case "true" -> "full delivery responsibility";
            default -> level.toLowerCase(Locale.ROOT) + " delivery responsibility";
        };
    }

    /** The team an event names, as the pages say it: "team Apollo" (the name it was given, else its id read as one). */
    private static String team(HistoryEntry entry) {
        String teamId = entry.detail("teamId");
        if (teamId == null) {
            return "a team";
        }
        String name = entry.detail("teamName");
        return "team " + (name == null || name.isBlank() ? TeamNames.readable(teamId) : name);
    }

    /** One recorded event in words: "Joined PMO North (Program PMO)", "Leadership assessed at level 4". */
    public static String event(HistoryEntry entry) {
        String responsibility = deliveryResponsibility(entry.details().get("deliveryResponsibility"));
        return switch (entry.type()) {
            case "PERSON_REGISTERED" -> "Registered in " + team(entry);
            case "JOINED_PMO" -> "Joined " + orElse(entry.detail("pmoName"), "a") + " ("
                    + role(AssignmentKind.PMO, pmoType(entry.detail("pmoType"))) + ")"
                    + (responsibility.isEmpty() ? "" : ", " + responsibility);
            case "DELIVERY_ROLE_STARTED" -> "Started delivery: " + orElse(entry.detail("projectName"), "");
            case "REGAINED_DELIVERY_ROLE" -> "Returned to delivery: " + orElse(entry.detail("projectName"), "");
            case "TOOK_TROUBLED_PROGRAM" -> "Took troubled program: " + orElse(entry.detail("programName"), "");
            case "ASSIGNMENT_ENDED" -> (entry.detail("assignmentKind") == null ? "Assignment"
                    : role(constant(AssignmentKind.class, entry.detail("assignmentKind")), null) + " role") + " ended"
                    + (entry.detail("outcome") == null ? "" : ": " + outcome(entry.detail("outcome")))
                    + (entry.detail("supersededBy") == null ? "" : " (the next role began)");
            case "ADMINISTRATIVE_LOAD_RECORDED" -> "Administrative load " + entry.detail("percentOfTime") + " %";
            case "PMO_PREFERENCE_STATED" -> Boolean.parseBoolean(entry.detail("willing")) ? "Open to a PMO role"
                    : "Would rather not join a PMO";
            case "SKILL_ASSESSED" -> skill(constant(Skill.class, entry.detail("skill"))) + " assessed at level " + entry.detail("level");
            // the new manager is a person id: never shown, only that there is one
            case "TEAM_CHANGED" -> "Moved to " + team(entry) + (entry.detail("managerId") == null ? "" : ", with a new manager");
            default -> humanize(entry.type());
        };
    }

    /** The verdict as the board's column reads it: "Rotate back now", "On track", ... */
    public static String verdict(DeliveryVerdict verdict) {
        return switch (verdict) {
            case NO_DELIVERY_HISTORY -> "No delivery history yet";
            case DELIVERING -> "Delivering now";
            case BELOW_THRESHOLD -> "Rotate back now";
            case ROTATE_BACK_SOON -> "Rotate back soon";
            case ON_TRACK -> "On track";
        };
    }

    /**
     * The verdict in a sentence, with the figures the career page's key figures give for it.
     *
     * @param retention    delivery retention (share of the peak kept); ignored without delivery history
     * @param rotateBackBy null when the forecast has none
     */
    public static String verdictSentence(DeliveryVerdict verdict, double retention, double threshold, LocalDate rotateBackBy) {
        return switch (verdict) {
            case NO_DELIVERY_HISTORY -> "No delivery history yet: nothing in delivery is practised or assessed yet, "
                    + "so there is no peak to keep.";
            case DELIVERING -> "Delivering now: the delivery skill is being practised.";
            case BELOW_THRESHOLD -> "Rotate back now: " + percent(retention) + " of the delivery skill's peak is kept, "
                    + "below the " + percent(threshold) + " threshold.";
            case ROTATE_BACK_SOON -> "Rotate back soon: " + percent(retention) + " of the delivery skill's peak is kept; "
                    + "rotate back into delivery by " + day(rotateBackBy) + " to stay above " + percent(threshold) + " of the peak.";
            case ON_TRACK -> "On track: " + percent(retention) + " of the delivery skill's peak is kept (threshold "
                    + percent(threshold) + ")" + (rotateBackBy == null ? "." : "; rotate back by " + day(rotateBackBy)
                    + " if the current role goes on.");
        };
    }

    /**
     * A reminder (issue 16) in one sentence: "Erin Employee's rotate-back date, 1 Mar 2027, is less than 3 months
     * away". The condition by name ({@code ReminderCondition}), as {@link #flag} takes the board's flags.
     *
     * @param retention    delivery retention (share of the peak kept), or null
     * @param adminLoad    administrative load in percent, or null
     * @param warningMonths the warning window of the rotate-back date
     */
    public static String reminder(String condition, String name, LocalDate rotateBackBy, Double retention,
                                  Double adminLoad, int troubledStreak, int warningMonths) {
        return switch (condition) {
            case "ROTATE_BACK_DUE" -> name + "'s rotate-back date, " + day(rotateBackBy) + ", is less than "
                    + (warningMonths == 1 ? "1 month" : warningMonths + " months") + " away";
            case "ROTATE_BACK_PASSED" -> name + "'s rotate-back date has passed"
                    + (retention == null ? "" : ": " + percent(retention) + " of the delivery skill's peak is kept")
                    + "; rotate back into delivery now";
            case "ADMIN_OVERLOAD" -> name + "'s administrative load in their current role is "
                    + (adminLoad == null ? "" : Math.round(adminLoad) + " % of their time, ") + "at or above the overload share";
            case "TROUBLED_PROGRAM_STREAK" -> name + " has taken " + troubledStreak + " troubled programs in a row";
            default -> name + ": " + humanize(condition);
        };
    }

    /** "47 %", as the pages round it. */
    public static String percent(double share) {
        return Math.round(share * 100) + " %";
    }

    /** "Delivery at risk", "Admin overload", "Troubled-program streak" (js/ui.js FLAGS). */
    public static String flag(String flag) {
        return switch (flag) {
            case "DELIVERY_AT_RISK" -> "Delivery at risk";
            case "ADMIN_OVERLOAD" -> "Admin overload";
            case "TROUBLED_PROGRAM_STREAK" -> "Troubled-program streak";
            case "OFF_PLAN" -> "Off plan";
            default -> humanize(flag);
        };
    }

    /**
     * A name as ASCII letters, digits and hyphens, for a file name every system and mail client takes:
     * accents dropped ("Åsa Ødegård" gives "Asa-Odegard"), anything else a hyphen.
     */
    public static String fileName(String name) {
        String plain = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replace("Ø", "O").replace("ø", "o").replace("Æ", "AE").replace("æ", "ae").replace("Œ", "OE")
                .replace("œ", "oe").replace("ß", "ss").replace("Ł", "L").replace("ł", "l").replace("Đ", "D").replace("đ", "d");
        String safe = plain.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return safe.isEmpty() ? "person" : safe.length() > 60 ? safe.substring(0, 60) : safe;
    }

    public static String humanize(String constant) {
        if (constant == null || constant.isEmpty()) {
            return "";
        }
        String text = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static PmoType pmoType(String name) {
        return constant(PmoType.class, name);
    }

    /** The constant of that name, or null: words never fail on a value a newer version recorded. */
    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        try {
            return name == null ? null : Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String orElse(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
