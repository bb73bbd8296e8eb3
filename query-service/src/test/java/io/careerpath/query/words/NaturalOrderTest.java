package io.careerpath.query.words;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    private static List<String> sorted(String... names) {
        List<String> list = new ArrayList<>(Arrays.asList(names));
        list.sort(NaturalOrder.NAMES);
        return list;
    }

    @Test
    void numbersInNamesSortByValueAndLettersAsPeopleReadThem() {
        assertThat(sorted("Spine Probe 10", null, "spine probe 3", "Spine Probe 2", "Émile Zola", "Spine Probe 1", "Eve",
                "Spine Probe 02", "Zoë"))
                .containsExactly("Émile Zola", "Eve", "Spine Probe 1", "Spine Probe 2", "Spine Probe 02",
                        "spine probe 3", "Spine Probe 10", "Zoë", null);
    }

    @Test
    void numbersOfAnyLengthCompare() {
        assertThat(NaturalOrder.NAMES.compare("Team 99999999999999999999", "Team 100000000000000000000")).isNegative();
        assertThat(NaturalOrder.NAMES.compare("Team 7", "Team 7")).isZero();
        assertThat(NaturalOrder.NAMES.compare("Team 7", "Team 7b")).isNegative();
        assertThat(NaturalOrder.NAMES.compare("Probe 7", "Probe 007")).isNegative();
        assertThat(NaturalOrder.NAMES.compare("Probe 0", "Probe 00")).isNegative();
        assertThat(NaturalOrder.NAMES.compare("Probe 00", "Probe 1")).isNegative();
        assertThat(NaturalOrder.NAMES.compare("Probe 010", "Probe 9")).isPositive();
    }

    @Test
    void caseAndAccentsOnlyBreakTies() {
        assertThat(sorted("Zoë", "ada", "Émile", "Bea")).containsExactly("ada", "Bea", "Émile", "Zoë");
        assertThat(sorted("Emily", "émile zola", "Emile Zola")).containsExactly("Emile Zola", "émile zola", "Emily");
    }

    @Test
    void aNameBeforeItsLongerVersions() {
        assertThat(sorted("Pat Story 2", "Pat", "Pat Story")).containsExactly("Pat", "Pat Story", "Pat Story 2");
        assertThat(NaturalOrder.NAMES.compare("", "a")).isNegative();
        assertThat(NaturalOrder.NAMES.compare("a", "")).isPositive();
    }

    @Test
    void namesOfPlainLettersCompareAsTheCollatorComparesThem() {
        Collator collator = Collator.getInstance(Locale.ENGLISH);
        collator.setStrength(Collator.PRIMARY);
        Random random = new Random(5);
        String alphabet = "aAbByYzZ  ";
        for (int n = 0; n < 100_000; n++) {
            String a = word(random, alphabet);
            String b = word(random, alphabet);
            assertThat(Integer.signum(NaturalOrder.comparePlain(a, 0, a.length(), b, 0, b.length())))
                    .as("'%s' against '%s'", a, b).isEqualTo(Integer.signum(collator.compare(a, b)));
        }
    }

    private static String word(Random random, String alphabet) {
        StringBuilder word = new StringBuilder();
        for (int length = random.nextInt(6); word.length() < length; ) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }

    @Test
    void digitsBeforeLettersInTheSamePlace() {
        assertThat(sorted("Team B", "Team 2", "Team 10")).containsExactly("Team 2", "Team 10", "Team B");
    }
}
