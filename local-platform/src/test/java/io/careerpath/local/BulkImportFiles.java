package io.careerpath.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes large bulk-import files (docs/bulk-import.md) for tests and benchmarks: {@code people} careers
 * of ten rows each (registration, delivery role, skill assessment, administrative load, PMO role,
 * skill assessment, troubled program, its end, delivery regained, team change: twelve events with the
 * two ends the platform records itself), and, for every twentieth person, one deliberately wrong row
 * of one of ten kinds, each with the line and the problem type the import must report.
 *
 * <p>Run it from the command line to write a file: {@code java ... BulkImportFiles 10000 out.csv}.
 */
final class BulkImportFiles {

    /** Every column of the CSV format, in the documented order. */
    static final List<String> COLUMNS = List.of("personRef", "type", "effectiveDate", "displayName", "teamId",
            "projectName", "pmoType", "pmoName", "deliveryResponsibility", "programName", "outcome", "percentOfTime",
            "skill", "level", "assessor", "managerId", "eventId", "reason");
    static final int ROWS_PER_PERSON = 10;
    static final int EVENTS_PER_PERSON = 12;
    private static final LocalDate FIRST = LocalDate.of(2000, 1, 3);
    private static final String[] PMO_TYPES = {"PROGRAM", "ORGANIZATIONAL", "EXECUTIVE"};
    private static final String[] OUTCOMES = {"RESCUED", "CANCELLED", "HANDED_OVER"};

    /**
     * What was written.
     *
     * @param rows             data rows (the header not counted)
     * @param validRows        rows the import must record
     * @param expectedEvents   events those rows make, the ends the platform records included
     * @param expectedFailures line → problem type slug, for every row the import must refuse
     */
    record Written(Path file, long rows, long validRows, long expectedEvents, Map<Long, String> expectedFailures) {
    }

    private BulkImportFiles() {
    }

    /** The personRef of the {@code n}-th person (0-based). */
    static String personRef(int n) {
        return String.format("HR%06d", n);
    }

    /** Writes {@code people} careers as CSV. */
    static Written csv(Path file, int people) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", COLUMNS));
            out.write('\n');
            long line = 1;
            long rows = 0;
            Map<Long, String> failures = new TreeMap<>();
            for (int n = 0; n < people; n++) {
                for (Row row : career(n)) {
                    line++;
                    rows++;
                    out.write(row.malformed ? csvRow(row.fields) + ",surplus" : csvRow(row.fields));
                    out.write('\n');
                    if (row.problem != null) {
                        failures.put(line, row.problem);
                    }
                }
            }
            return new Written(file, rows, (long) people * ROWS_PER_PERSON, (long) people * EVENTS_PER_PERSON,
                    failures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Row(Map<String, Object> fields, String problem, boolean malformed) {
        static Row valid(Map<String, Object> fields) {
            return new Row(fields, null, false);
        }
    }

    /** One person's rows in file order: the ten of the career, and for every twentieth person one wrong row. */
    static List<Row> career(int n) {
        String ref = personRef(n);
        LocalDate base = FIRST.plusDays(n % 3000);
        List<Row> rows = new ArrayList<>();
        String name = n % 7 == 0 ? "Doe, Jane \"JJ\" " + n : "Person " + n;
        rows.add(Row.valid(row(ref, "PERSON_REGISTERED", base, "displayName", name, "teamId", "team-" + n % 200)));
        int wrong = n % 20 == 7 ? (n / 20) % 10 : -1;
        if (wrong == 6) {
            // an end before any assignment in file order: refused, and it must stay refused when the file
            // is imported again, although by then the delivery role below would make it fit
            rows.add(new Row(row(ref, "ASSIGNMENT_ENDED", base.plusDays(50), "outcome", "COMPLETED"),
                    "no-assignment-to-end", false));
        }
        rows.add(Row.valid(row(ref, "DELIVERY_ROLE_STARTED", base.plusDays(30), "projectName", "Project " + n + "-1")));
        if (wrong == 4) {
            rows.add(new Row(row(ref, "REGAINED_DELIVERY_ROLE", base.plusDays(100), "projectName", "Again"),
                    "regain-while-delivering", false));
        }
        rows.add(Row.valid(row(ref, "SKILL_ASSESSED", base.plusDays(200), "skill", "DELIVERY_EXECUTION",
                "level", 1 + n % 5, "assessor", "manager-" + n % 50)));
        rows.add(Row.valid(row(ref, "ADMINISTRATIVE_LOAD_RECORDED", base.plusDays(300), "percentOfTime", n * 7 % 101)));
        if (wrong == 5) {
            rows.add(new Row(row(ref, "ASSIGNMENT_ENDED", base.plusDays(350), "outcome", "RESCUED"),
                    "invalid-outcome", false));
        }
        rows.add(Row.valid(row(ref, "JOINED_PMO", base.plusDays(400), "pmoType", PMO_TYPES[n % 3],
                "pmoName", "PMO " + n % 13, "deliveryResponsibility", n % 2 == 0)));
        rows.add(Row.valid(row(ref, "SKILL_ASSESSED", base.plusDays(600), "skill", "PROGRAM_MANAGEMENT",
                "level", 1 + (n + 2) % 5)));
        rows.add(Row.valid(row(ref, "TOOK_TROUBLED_PROGRAM", base.plusDays(800), "programName", "Program " + n)));
        rows.add(Row.valid(row(ref, "ASSIGNMENT_ENDED", base.plusDays(1100), "outcome", OUTCOMES[n % 3])));
        rows.add(Row.valid(row(ref, "REGAINED_DELIVERY_ROLE", base.plusDays(1130), "projectName", "Project " + n + "-2")));
        rows.add(Row.valid(row(ref, "TEAM_CHANGED", base.plusDays(1200), "teamId", "team-" + (n + 1) % 200,
                "managerId", "manager-" + n % 50)));
        switch (wrong) {
            case 0 -> rows.add(new Row(row(ref, "ADMINISTRATIVE_LOAD_RECORDED", base.plusDays(1300),
                    "percentOfTime", 150), "validation", false));
            case 1 -> rows.add(new Row(row(ref, "JOINED_PMO", base.plusDays(1300), "pmoType", "MATRIX"),
                    "invalid-value", false));
            case 2 -> rows.add(new Row(row(ref, "TEAM_CHANGED", null, "teamId", "team-x", "effectiveDate",
                    "2021-02-30"), "invalid-value", false));
            case 3 -> rows.add(new Row(row(ref, "TEAM_CHANGED", LocalDate.of(2999, 1, 1), "teamId", "team-x"),
                    "effective-date-out-of-range", false));
            case 7 -> rows.add(new Row(row(ref, "TEAM_CHANGED", base.plusDays(1300), "teamId", "team-x"),
                    "malformed-row", true));
            case 8 -> rows.add(new Row(row("GHOST" + n, "TEAM_CHANGED", base.plusDays(1300), "teamId", "team-x"),
                    "person-not-found", false));
            case 9 -> rows.add(new Row(row(ref, "PROMOTED", base.plusDays(1300)), "unknown-event-type", false));
            default -> {
                // 4, 5, 6 are above, in their place in the career; -1: no wrong row
            }
        }
        return rows;
    }

    private static Map<String, Object> row(String ref, String type, LocalDate date, Object... fields) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("personRef", ref);
        row.put("type", type);
        if (date != null) {
            row.put("effectiveDate", date.toString());
        }
        for (int i = 0; i < fields.length; i += 2) {
            row.put((String) fields[i], fields[i + 1]);
        }
        return row;
    }

    private static String csvRow(Map<String, Object> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = fields.get(COLUMNS.get(i));
            if (value != null) {
                line.append(cell(String.valueOf(value)));
            }
        }
        return line.toString();
    }

    private static String cell(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    public static void main(String[] args) {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path file = Path.of(args.length > 1 ? args[1] : "career-history-" + people + ".csv");
        Written written = csv(file, people);
        System.out.printf("%s: %d rows (%d valid, %d wrong), %d events expected%n", written.file(), written.rows(),
                written.validRows(), written.expectedFailures().size(), written.expectedEvents());
    }
}
