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
            String partA = a.substring(i, endA);
            String partB = b.substring(j, endB);
            int order = Character.isDigit(a.charAt(i)) && Character.isDigit(b.charAt(j))
                    ? compareNumbers(partA, partB)
                    : letters.compare(partA, partB);
            if (order != 0) {
                return order;
            }
            i = endA;
            j = endB;
        }
        return Integer.compare(a.length() - i, b.length() - j);
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
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        int order = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        return order != 0 ? order : Integer.compare(a.length(), b.length());
    }
}
