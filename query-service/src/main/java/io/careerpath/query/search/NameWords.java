package io.careerpath.query.search;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of a name as search compares them: accents and case dropped ("Zoë Ångström-Wirth" reads
 * "zoe", "angstrom", "wirth"), so that a search matches whatever way it is typed. A name and a query go
 * through the same rule.
 */
final class NameWords {

    /** Prefixes shorter than this are not indexed: a single letter would name a sizeable share of everyone. */
    static final int SHORTEST_PREFIX = 2;
    /** Longer prefixes are not indexed; a longer query word is looked up by this many letters and checked in full. */
    static final int LONGEST_PREFIX = 16;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Apostrophes join ("O'Brien" is "obrien"); any other character that is no letter or digit separates. */
    private static final Pattern APOSTROPHES = Pattern.compile("['’ʼ`]");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private NameWords() {
    }

    /** The text without accents, in lower case; letters that NFD does not decompose are spelt out (ø → o, ß → ss). */
    static String normalised(String text) {
        String decomposed = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        StringBuilder folded = new StringBuilder(decomposed.length());
        for (char c : decomposed.toLowerCase(Locale.ROOT).toCharArray()) {
            folded.append(switch (c) {
                case 'ø' -> "o";
                case 'æ' -> "ae";
                case 'œ' -> "oe";
                case 'ß' -> "ss";
                case 'ł' -> "l";
                case 'đ', 'ð' -> "d";
                case 'þ' -> "th";
                case 'ı' -> "i";
                default -> String.valueOf(c);
            });
        }
        return folded.toString();
    }

    /** The normalised words of the text, in order, without repeats. */
    static List<String> of(String text) {
        String joined = APOSTROPHES.matcher(normalised(text)).replaceAll("");
        return List.copyOf(new LinkedHashSet<>(Arrays.stream(SEPARATORS.split(joined)).filter(w -> !w.isEmpty()).toList()));
    }

    /** Every indexed prefix of the name's words: from {@value #SHORTEST_PREFIX} to {@value #LONGEST_PREFIX} letters. */
    static Set<String> indexedPrefixes(String name) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (String word : of(name)) {
            for (int length = SHORTEST_PREFIX; length <= Math.min(word.length(), LONGEST_PREFIX); length++) {
                prefixes.add(word.substring(0, length));
            }
        }
        return prefixes;
    }

    /** The prefix a query word is looked up by in the index (the whole word is then checked against the opened name). */
    static String lookedUpAs(String queryWord) {
        return queryWord.length() > LONGEST_PREFIX ? queryWord.substring(0, LONGEST_PREFIX) : queryWord;
    }

    /** Whether each query word starts some word of the name: "wi zo" matches "Zoë Ångström-Wirth". */
    static boolean matches(List<String> queryWords, List<String> nameWords) {
        return queryWords.stream().allMatch(q -> nameWords.stream().anyMatch(w -> w.startsWith(q)));
    }
}
