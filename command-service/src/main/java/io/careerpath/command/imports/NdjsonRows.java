package io.careerpath.command.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/**
 * NDJSON rows: one JSON object per line, exactly the API's body plus {@code personRef} (a string).
 * Blank lines are skipped. The line is read with the API's strict mapper: a key given twice or trailing
 * content make the line unreadable, as they make a body unreadable.
 */
final class NdjsonRows implements RowReader {

    private final ObjectMapper json;

    NdjsonRows(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void check(Reader in) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!line.isBlank()) {
                return;
            }
        }
        throw InvalidImportFile.empty("The file has no rows: an NDJSON import has one JSON object per line.");
    }

    @Override
    public void read(Reader in, Consumer<SourceRow> rows) throws IOException {
        BufferedReader lines = new BufferedReader(in, 64 * 1024);
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            rows.accept(row(number, line));
        }
    }

    /** The line's fields again (it was read once already, so it reads). */
    private ObjectNode reread(String line) {
        try {
            ObjectNode fields = (ObjectNode) json.readTree(line);
            fields.remove(CsvRows.PERSON_REF);
            return fields;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Why a line is not JSON, without quoting it: Jackson's own words echo the offending token, which
     * can be a name or other free text, and failure reasons are stored and shown (docs/security.md).
     */
    private static String notJson(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field '")) {
            return "The line is not valid JSON: " + message; // names a field, never a value
        }
        return "The line is not valid JSON"
                + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")");
    }

    private SourceRow row(long number, String line) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            return SourceRow.unreadable(number, null, "malformed-row", null, notJson(e));
        }
        if (!(node instanceof ObjectNode fields)) {
            return SourceRow.unreadable(number, null, "malformed-row", null,
                    "The line is not a JSON object: each line is one row, {\"personRef\": ..., \"type\": ..., ...}.");
        }
        JsonNode ref = fields.remove(CsvRows.PERSON_REF);
        if (ref != null && !ref.isNull() && !ref.isTextual()) {
            return SourceRow.unreadable(number, null, "invalid-value", CsvRows.PERSON_REF,
                    "Field 'personRef': wrong type or format (a string)");
        }
        String personRef = ref == null || ref.isNull() ? null : ref.textValue();
        String refProblem = SourceRow.personRefProblem(personRef);
        if (refProblem != null) {
            return SourceRow.unreadable(number, personRef, "validation", CsvRows.PERSON_REF, refProblem);
        }
        return SourceRow.of(number, personRef, () -> reread(line));
    }
}
