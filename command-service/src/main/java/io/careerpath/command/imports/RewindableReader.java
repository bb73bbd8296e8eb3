package io.careerpath.command.imports;

import java.io.IOException;
import java.io.Reader;

/**
 * A reader that keeps the text it has handed out (from a point its user moves forward) so that reading
 * can start again at a later point of it. The CSV parser reads ahead in blocks; after a record it could
 * not read, {@link CsvRecordReader} starts a new parser on the line after the one where that record
 * began, and the text from there on must be handed out again.
 */
final class RewindableReader extends Reader {

    private static final int END = -1;

    private final Reader source;
    /** The text read from the source so far, from offset {@link #keptFrom} on. */
    private final StringBuilder kept = new StringBuilder();
    private long keptFrom;
    /** Text before this offset will not be read again (dropped when that saves more than it copies). */
    private long neededFrom;
    /** The offset of the next character to hand out. */
    private long position;

    RewindableReader(Reader source) {
        this.source = source;
    }

    @Override
    public int read(char[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        long keptTo = keptFrom + kept.length();
        if (position < keptTo) {
            int n = (int) Math.min(length, keptTo - position);
            int from = (int) (position - keptFrom);
            kept.getChars(from, from + n, into, offset);
            position += n;
            return n;
        }
        dropUnneeded();
        int n = source.read(into, offset, length);
        if (n > 0) {
            kept.append(into, offset, n);
            position += n;
        }
        return n;
    }

    /** The text before {@code offset} will not be read again. */
    void forgetBefore(long offset) {
        neededFrom = Math.max(neededFrom, offset);
    }

    /** The character at {@code offset}, which was read and not forgotten; -1 past the end of what was read. */
    int charAt(long offset) {
        long index = offset - keptFrom;
        return index < kept.length() ? kept.charAt((int) index) : END;
    }

    /**
     * Hands out the text again from the start of the line after the one holding {@code offset} (CR LF is
     * one line break), reading on from the source as far as that line break; answers where that is (the
     * end of the text when the line is the last).
     */
    long restartAfterLineOf(long offset) throws IOException {
        position = offset;
        int c = readOne();
        while (c != END && c != '\r' && c != '\n') {
            c = readOne();
        }
        if (c == '\r') {
            int next = readOne();
            if (next != '\n' && next != END) {
                position--; // a lone CR: what follows it begins the next line
            }
        }
        return position;
    }

    private int readOne() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) == 1 ? one[0] : END;
    }

    private void dropUnneeded() {
        int unneeded = (int) (neededFrom - keptFrom);
        if (unneeded > 0 && unneeded >= kept.length() / 2) {
            kept.delete(0, unneeded);
            keptFrom = neededFrom;
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
