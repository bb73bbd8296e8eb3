package io.careerpath.command.imports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * CSV rows (see docs/bulk-import.md): a header row names the columns, in any order, from
 * {@link #COLUMNS}; {@code personRef} and {@code type} are required. Each later row is one event. An
 * empty cell is an absent field; {@code percentOfTime} and {@code level} are whole numbers and
 * {@code deliveryResponsibility} and {@code willing} are {@code true} or {@code false} when they look like
 * one (otherwise they stay text, and the API's rules refuse them as a value of the wrong type); every other
 * cell is text, taken as it is. The row then becomes the JSON object the API would take.
 */
final class CsvRows implements RowReader {

    static final String PERSON_REF = "personRef";
    /** Every column a file may have: {@code personRef} and the API's fields of every type. */
    static final List<String> COLUMNS = List.of(PERSON_REF, "type", "effectiveDate", "displayName", "teamId",
            "teamName", "projectName", "pmoType", "pmoName", "deliveryResponsibility", "programName", "outcome", "percentOfTime",
            "willing", "skill", "level", "assessor", "managerId", "eventId", "reason");
    private static final Set<String> WHOLE_NUMBERS = Set.of("percentOfTime", "level");
    private static final Set<String> BOOLEANS = Set.of("deliveryResponsibility", "willing");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d{1,9}");

    @Override
    public void check(Reader in) throws IOException {
        header(new CsvRecordReader(in));
    }

    @Override
    public void read(Reader in, Consumer<SourceRow> rows) throws IOException {
        CsvRecordReader records = new CsvRecordReader(in);
        List<String> header = header(records);
        int personRef = header.indexOf(PERSON_REF);
        for (CsvRecordReader.Record record = records.next(); record != null; record = records.next()) {
            if (record.cells() == null) {
                rows.accept(SourceRow.unreadable(record.line(), null, "malformed-row", null,
                        "The row cannot be read as CSV: " + record.malformed() + ". Only this line is refused: the"
                                + " next line is read as the next row."));
                continue;
            }
            List<String> cells = record.cells();
            String ref = cells.size() > personRef ? cells.get(personRef) : null;
            if (cells.size() != header.size()) {
                rows.accept(SourceRow.unreadable(record.line(), ref, "malformed-row", null, "The row has "
                        + cells.size() + " cells and the header " + header.size() + ": every row has a cell for"
                        + " every column (empty when the type does not have that field)."));
                continue;
            }
            String refProblem = SourceRow.personRefProblem(ref);
            if (refProblem != null) {
                rows.accept(SourceRow.unreadable(record.line(), ref, "validation", PERSON_REF, refProblem));
                continue;
            }
            String[] row = cells.toArray(String[]::new);
            rows.accept(SourceRow.of(record.line(), ref, () -> fields(header, personRef, row)));
        }
    }

    /** The cells but {@code personRef}'s as the API's JSON object: empty ones left out, numbers and booleans typed. */
    static ObjectNode fields(List<String> header, int personRef, String[] cells) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < cells.length; i++) {
            String column = header.get(i);
            String cell = cells[i];
            if (i == personRef || cell.isEmpty()) {
                continue;
            }
            if (WHOLE_NUMBERS.contains(column) && WHOLE_NUMBER.matcher(cell).matches()) {
                fields.put(column, Integer.parseInt(cell));
            } else if (BOOLEANS.contains(column) && (cell.equals("true") || cell.equals("false"))) {
                fields.put(column, Boolean.parseBoolean(cell));
            } else {
                fields.put(column, cell);
            }
        }
        return fields;
    }

    private static List<String> header(CsvRecordReader records) throws IOException {
        CsvRecordReader.Record header = records.next();
        if (header == null) {
            throw InvalidImportFile.empty("The file is empty: a CSV import starts with a header row naming its"
                    + " columns (" + String.join(",", COLUMNS) + ").");
        }
        if (header.cells() == null) {
            throw InvalidImportFile.invalid("The header row (line " + header.line() + ") cannot be read as CSV: "
                    + header.malformed());
        }
        List<String> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String cell : header.cells()) {
            String column = cell.strip();
            if (!COLUMNS.contains(column)) {
                unknown.add("'" + column + "'");
            } else if (!seen.add(column)) {
                throw InvalidImportFile.invalid("The header names column '" + column + "' twice.");
            }
            columns.add(column);
        }
        if (!unknown.isEmpty()) {
            throw InvalidImportFile.invalid("The header names unknown column" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; the columns are: " + String.join(", ", COLUMNS)
                    + " (names are case-sensitive).");
        }
        for (String required : List.of(PERSON_REF, "type")) {
            if (!seen.contains(required)) {
                throw InvalidImportFile.invalid("The header has no '" + required + "' column; every file needs "
                        + PERSON_REF + " and type.");
            }
        }
        return columns;
    }
}
