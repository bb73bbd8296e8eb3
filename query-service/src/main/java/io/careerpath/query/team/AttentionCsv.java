package io.careerpath.query.team;

import io.careerpath.events.AssignmentKind;
import io.careerpath.query.team.AttentionList.Answer;
import io.careerpath.query.team.AttentionList.PersonNeedingAttention;
import io.careerpath.query.team.RotationBoardController.CurrentAssignment;
import io.careerpath.query.team.RotationBoardController.Flag;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The attention list as a spreadsheet opens it: RFC 4180 (comma-separated, CRLF, fields quoted when they need it),
 * a header row, figures in the words of the page. A cell that a spreadsheet would take for a formula (starting with
 * = + - @, a tab or a carriage return) is written with a leading apostrophe, so that a name can never run as one.
 */
final class AttentionCsv {

    static final List<String> HEADER = List.of("Name", "Team", "Current role", "Assignment", "Delivery kept (%)",
            "Rotate back by", "Flags", "Person id");

    private static final Map<Flag, String> FLAG_WORDS = Map.of(
            Flag.DELIVERY_AT_RISK, "Delivery at risk",
            Flag.ADMIN_OVERLOAD, "Admin overload",
            Flag.TROUBLED_PROGRAM_STREAK, "Troubled-program streak");

    private AttentionCsv() {
    }

    static String of(Answer answer) {
        StringBuilder csv = new StringBuilder();
        row(csv, HEADER);
        for (PersonNeedingAttention person : answer.people()) {
            row(csv, List.of(
                    text(person.displayName()),
                    person.teamId(),
                    role(person.currentAssignment()),
                    person.currentAssignment() == null ? "" : text(person.currentAssignment().name()),
                    person.deliveryRetention() == null ? "No delivery history yet"
                            : String.valueOf(Math.round(person.deliveryRetention() * 100)),
                    person.rotateBackBy() == null ? "" : person.rotateBackBy().toString(),
                    person.flags().stream().map(FLAG_WORDS::get).collect(Collectors.joining("; ")),
                    person.personId()));
        }
        return csv.toString();
    }

    private static String role(CurrentAssignment now) {
        if (now == null) {
            return "None";
        }
        if (now.kind() == AssignmentKind.PMO) {
            return now.pmoType().name().charAt(0) + now.pmoType().name().substring(1).toLowerCase() + " PMO";
        }
        return now.kind() == AssignmentKind.DELIVERY ? "Delivery" : "Troubled program";
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** One field: defused if a spreadsheet would read it as a formula, quoted if it holds a comma, quote or line break. */
    static String field(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
