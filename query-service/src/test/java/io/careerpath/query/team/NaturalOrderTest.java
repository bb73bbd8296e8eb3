package io.careerpath.query.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    private static List<String> sorted(String... names) {
        List<String> list = new ArrayList<>(List.of(names));
        list.sort(NaturalOrder.INSTANCE);
        return list;
    }

    @Test
    void numbersInNamesCompareAsNumbers() {
        assertThat(sorted("Spine Probe 10", "Spine Probe 2", "Spine Probe 1"))
                .containsExactly("Spine Probe 1", "Spine Probe 2", "Spine Probe 10");
        assertThat(NaturalOrder.INSTANCE.compare("Probe 9", "Probe 10")).isNegative();
        assertThat(NaturalOrder.INSTANCE.compare("Probe 007", "Probe 7")).isZero();
        assertThat(NaturalOrder.INSTANCE.compare("Probe 99999999999999999999", "Probe 100000000000000000000")).isNegative();
    }

    @Test
    void caseAndAccentsAreIgnored() {
        assertThat(NaturalOrder.INSTANCE.compare("émile zola", "Emile Zola")).isZero();
        assertThat(sorted("Zoë", "ada", "Émile", "Bea")).containsExactly("ada", "Bea", "Émile", "Zoë");
    }

    @Test
    void aNameBeforeItsLongerVersions() {
        assertThat(sorted("Pat Story 2", "Pat", "Pat Story")).containsExactly("Pat", "Pat Story", "Pat Story 2");
        assertThat(NaturalOrder.INSTANCE.compare("", "a")).isNegative();
        assertThat(NaturalOrder.INSTANCE.compare("a", "")).isPositive();
    }

    @Test
    void digitsAndLettersInTheSamePlace() {
        // "2" against "B": a digit run and a text run compare by the collator, as text
        assertThat(sorted("Team B", "Team 2", "Team 10")).containsExactly("Team 2", "Team 10", "Team B");
    }
}
