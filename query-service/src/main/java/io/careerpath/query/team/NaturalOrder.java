package io.careerpath.query.team;

import java.math.BigInteger;
import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;

/**
 * Names in the order people expect: "Spine Probe 2" before "Spine Probe 10", "émile" beside "Emile",
 * case ignored. Runs of digits compare as numbers; the text between them by a root-locale collator at
 * primary strength (letters only: no case, no accents).
 */
public final class NaturalOrder implements Comparator<String> {

    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private static final Collator TEXT = textCollator();

    private NaturalOrder() {
    }

    private static Collator textCollator() {
        Collator collator = Collator.getInstance(Locale.ROOT);
        collator.setStrength(Collator.PRIMARY);
        return collator;
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int endA = runEnd(a, i);
            int endB = runEnd(b, j);
            String runA = a.substring(i, endA);
            String runB = b.substring(j, endB);
            boolean numberA = isDigit(a.charAt(i));
            boolean numberB = isDigit(b.charAt(j));
            int order = numberA && numberB ? new BigInteger(runA).compareTo(new BigInteger(runB))
                    : collate(runA, runB);
            if (order != 0) {
                return order;
            }
            i = endA;
            j = endB;
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static int collate(String a, String b) {
        // RuleBasedCollator.compare is synchronized, so one instance serves every thread
        return TEXT.compare(a, b);
    }

    /** Where the run of digits, or of anything else, that starts at {@code from} ends. */
    private static int runEnd(String text, int from) {
        boolean digits = isDigit(text.charAt(from));
        int end = from + 1;
        while (end < text.length() && isDigit(text.charAt(end)) == digits) {
            end++;
        }
        return end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
