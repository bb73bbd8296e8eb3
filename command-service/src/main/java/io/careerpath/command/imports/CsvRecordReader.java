package io.careerpath.command.imports;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 text into records with Jackson's CSV parser: cells separated by commas, records by
 * line breaks (LF, CR LF or CR); a cell in double quotes may hold commas, doubled quotes ({@code ""}
 * for one {@code "}) and line breaks, which it keeps as written. Each record knows the line it begins
 * on; an empty line is no record.
 *
 * <p>A record the parser cannot split (a quote not closed, text after a closing quote) is returned as
 * malformed at the line where it begins, and reading starts again on the next line. A quote left open
 * runs on over the following lines up to the next quote in the file; without the new start the rows
 * on those lines would be lost with it.
 */
final class CsvRecordReader {

    /** @param cells the cells, or null for a malformed record (then {@code malformed} says why) */
    record Record(long line, List<String> cells, String malformed) {
    }

    /** The reader belongs to the caller: a parser given up after a malformed record must not close it. */
    private static final CsvFactory CSV = CsvFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private final RewindableReader text;
    private CsvParser parser;
    /** Where the current parser started in the whole text: its offsets and lines count from there. */
    private long parserOffset;
    private long parserLine = 1;

    CsvRecordReader(Reader in) throws IOException {
        text = new RewindableReader(in);
        parser = CSV.createParser(text);
    }

    /** The next record, or null at the end of the text. */
    Record next() throws IOException {
        while (true) {
            List<String> cells = new ArrayList<>();
            JsonLocation start = null;
            try {
                if (parser.nextToken() == null) {
                    return null;
                }
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    if (start == null) {
                        start = parser.currentTokenLocation();
                    }
                    cells.add(parser.getText());
                }
            } catch (JsonProcessingException e) {
                // the token location is where the cell that could not be read begins
                JsonLocation cell = parser.currentTokenLocation();
                return malformed(start == null ? cell : start, cells.size() + 1, offset(cell));
            }
            long offset = offset(start);
            text.forgetBefore(offset);
            // an empty line reads as one empty cell, as a line holding only "" does: its first character tells
            boolean emptyLine = cells.size() == 1 && cells.get(0).isEmpty() && isLineBreakOrEnd(text.charAt(offset));
            if (!emptyLine) {
                return new Record(line(start), cells, null);
            }
        }
    }

    private Record malformed(JsonLocation record, int cellNumber, long cellOffset) throws IOException {
        String why = why(cellNumber, cellOffset);
        parser.close();
        parserOffset = text.restartAfterLineOf(offset(record));
        parserLine = line(record) + 1;
        text.forgetBefore(parserOffset);
        parser = CSV.createParser(text);
        return new Record(parserLine - 1, null, why);
    }

    /** Why the cell could not be read, told from the cell's own line. */
    private String why(int cellNumber, long cellOffset) {
        if (text.charAt(cellOffset) != '"') {
            return "cell " + cellNumber + " cannot be read";
        }
        for (long i = cellOffset + 1; !isLineBreakOrEnd(text.charAt(i)); i++) {
            if (text.charAt(i) == '"') {
                if (text.charAt(i + 1) != '"') {
                    return "text after the closing quote of cell " + cellNumber
                            + " (a quote inside a quoted cell is written twice: \"\")";
                }
                i++;
            }
        }
        return "the quote that opens cell " + cellNumber + " is not closed (a quoted cell ends with a quote followed"
                + " by a comma or the end of the row, and a quote inside it is written twice: \"\")";
    }

    private long offset(JsonLocation location) {
        return parserOffset + location.getCharOffset();
    }

    private long line(JsonLocation location) {
        return parserLine + location.getLineNr() - 1;
    }

    private static boolean isLineBreakOrEnd(int c) {
        return c == '\r' || c == '\n' || c == -1;
    }
}
