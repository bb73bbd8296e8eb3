package io.careerpath.command.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 text into records: cells separated by commas, records by line breaks (LF, CRLF or
 * CR); a cell in double quotes may hold commas, line breaks and doubled quotes ({@code ""} for one
 * {@code "}). Each record knows the line it starts on, so that a record spanning several lines is
 * still reported where it begins. A record that cannot be split (a quoted cell never closed, text
 * after a closing quote) is returned as malformed, and reading goes on with the next line.
 */
final class CsvRecords {

    /**
     * @param cells     the cells, or null for a malformed record (then {@code malformed} says why)
     * @param blank     an empty line: no record at all
     */
    record Record(long line, List<String> cells, String malformed, boolean blank) {
    }

    private static final int EOF = -1;

    private final Reader in;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long line = 1;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the text. */
    Record next() throws IOException {
        if (peek() == EOF) {
            return null;
        }
        long start = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quotedAny = false;
        while (true) {
            int c = read();
            if (c == '"') {
                quotedAny = true;
                while (true) {
                    c = read();
                    if (c == EOF) {
                        return new Record(start, null, "a quoted cell (cell " + (cells.size() + 1)
                                + ") is not closed before the end of the file", false);
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                            cell.append('"');
                            continue;
                        }
                        break;
                    }
                    if (c == '\r' || c == '\n') {
                        newLine(c);
                        cell.append('\n');
                        continue;
                    }
                    cell.append((char) c);
                }
                c = read();
                if (c != ',' && c != '\r' && c != '\n' && c != EOF) {
                    skipRestOfLine(c);
                    return new Record(start, null, "text after the closing quote of cell " + (cells.size() + 1)
                            + " (a quote inside a quoted cell is written twice: \"\")", false);
                }
            } else {
                while (c != ',' && c != '\r' && c != '\n' && c != EOF) {
                    cell.append((char) c);
                    c = read();
                }
            }
            cells.add(cell.toString());
            cell.setLength(0);
            if (c == ',') {
                continue;
            }
            if (c != EOF) {
                newLine(c);
            }
            boolean blank = !quotedAny && cells.size() == 1 && cells.get(0).isEmpty();
            return new Record(start, blank ? List.of() : cells, null, blank);
        }
    }

    private void skipRestOfLine(int c) throws IOException {
        while (c != '\r' && c != '\n' && c != EOF) {
            c = read();
        }
        if (c != EOF) {
            newLine(c);
        }
    }

    /** Counts a line break; CR LF is one. */
    private void newLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
