package io.careerpath.query.words;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;

/**
 * Names as people sort them: "Spine Probe 2" before "Spine Probe 10" (runs of digits compared as numbers),
 * letters by the collator: first by the letters alone, then case and accents break ties ("spine probe 3" between
 * "Spine Probe 2" and "Spine Probe 10"); null last.
 */
public final class NaturalOrder implements Comparator<String> {

    public static final NaturalOrder NAMES = new NaturalOrder();

    private final Collator letters;
    private final Collator tieBreak;

    private NaturalOrder() {
        letters = Collator.getInstance(Locale.ENGLISH);
        letters.setStrength(Collator.PRIMARY);
        tieBreak = Collator.getInstance(Locale.ENGLISH);
        tieBreak.setStrength(Collator.TERTIARY);
    }

    @Override
    public int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int order = byRuns(a, b);
        return order != 0 ? order : tieBreak.compare(a, b);
    }

    private int byRuns(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int endA = run(a, i);
            int endB = run(b, j);
            int order;
            if (Character.isDigit(a.charAt(i)) && Character.isDigit(b.charAt(j))) {
                order = compareNumbers(a.substring(i, endA), b.substring(j, endB));
            } else if (plain(a, i, endA) && plain(b, j, endB)) {
                order = comparePlain(a, i, endA, b, j, endB);
            } else {
                order = letters.compare(a.substring(i, endA), b.substring(j, endB));
            }
            if (order != 0) {
                return order;
            }
            i = endA;
            j = endB;
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Whether the text between the two indexes holds only ASCII letters and spaces. */
    private static boolean plain(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == ' ')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Two runs of ASCII letters and spaces as the collator compares them at primary strength: letters in the
     * alphabet's order whatever their case, spaces ignored. Most names are such runs, and the collator, per
     * comparison, was most of what sorting a board of 200 people cost (a profile of the benchmark's board reads).
     */
    static int comparePlain(String a, int i, int endA, String b, int j, int endB) {
        while (true) {
            while (i < endA && a.charAt(i) == ' ') {
                i++;
            }
            while (j < endB && b.charAt(j) == ' ') {
                j++;
            }
            if (i == endA || j == endB) {
                return Boolean.compare(i < endA, j < endB);
            }
            char x = Character.toLowerCase(a.charAt(i++));
            char y = Character.toLowerCase(b.charAt(j++));
            if (x != y) {
                return Character.compare(x, y);
            }
        }
    }

    /** The end of the run of digits, or of non-digits, that starts at {@code from}. */
    private static int run(String text, int from) {
        boolean digits = Character.isDigit(text.charAt(from));
        int end = from + 1;
        while (end < text.length() && Character.isDigit(text.charAt(end)) == digits) {
            end++;
        }
        return end;
    }

    /** Two runs of digits by value, of any length ("007" equals "7" but sorts after it). */
    private static int compareNumbers(String a, String b) {
        // without the leading zeros (one digit kept); not by a regular expression, compiled on every call
        String x = a.substring(leadingZeros(a));
        String y = b.substring(leadingZeros(b));
        int order = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        return order != 0 ? order : Integer.compare(a.length(), b.length());
    }

    private static int leadingZeros(String digits) {
        int zeros = 0;
        while (zeros < digits.length() - 1 && digits.charAt(zeros) == '0') {
            zeros++;
        }
        return zeros;
    }
}
