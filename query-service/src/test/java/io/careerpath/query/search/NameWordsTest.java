package io.careerpath.query.search;

import io.careerpath.query.words.NaturalOrder;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameWordsTest {

    @Test
    void accentsCaseAndSeparatorsDoNotCount() {
        assertThat(NameWords.of("Zoë Ångström-Wirth")).containsExactly("zoe", "angstrom", "wirth");
        assertThat(NameWords.of("  ZOË   ångström ")).containsExactly("zoe", "angstrom");
        assertThat(NameWords.of("Søren Kierkegaard")).containsExactly("soren", "kierkegaard");
        assertThat(NameWords.of("Straße")).containsExactly("strasse");
        assertThat(NameWords.of("Łukasz Żółć")).containsExactly("lukasz", "zolc");
        assertThat(NameWords.of("Seán O'Brien")).containsExactly("sean", "obrien");
        assertThat(NameWords.of("Spine Probe 10")).containsExactly("spine", "probe", "10");
    }

    @Test
    void everyWordIsIndexedByItsPrefixesFromTwoLetters() {
        assertThat(NameWords.indexedPrefixes("Zoë Ångström-Wirth")).containsExactly(
                "zo", "zoe", "an", "ang", "angs", "angst", "angstr", "angstro", "angstrom", "wi", "wir", "wirt", "wirth");
        assertThat(NameWords.indexedPrefixes("A B")).isEmpty();
        assertThat(NameWords.indexedPrefixes("Wolfeschlegelsteinhausenbergerdorff"))
                .hasSize(NameWords.LONGEST_PREFIX - 1).contains("wolfeschlegelste");
        assertThat(NameWords.lookedUpAs("wolfeschlegelsteinhausen")).isEqualTo("wolfeschlegelste");
    }

    @Test
    void eachQueryWordMustStartSomeWordOfTheName() {
        List<String> name = NameWords.of("Zoë Ångström-Wirth");
        assertThat(NameWords.matches(NameWords.of("ÅN"), name)).isTrue();
        assertThat(NameWords.matches(NameWords.of("wi zo"), name)).isTrue();
        assertThat(NameWords.matches(NameWords.of("zoe w"), name)).isTrue();
        assertThat(NameWords.matches(NameWords.of("zoe x"), name)).isFalse();
        assertThat(NameWords.matches(NameWords.of("ström"), name)).as("a prefix, not any part").isFalse();
    }

    @Test
    void namesSortNaturally() {
        List<String> names = new ArrayList<>(List.of("Spine Probe 10", "spine probe 2", "Émile Zola", "Ada", "Spine Probe 1"));
        names.sort(NaturalOrder.NAMES);
        assertThat(names).containsExactly("Ada", "Émile Zola", "Spine Probe 1", "spine probe 2", "Spine Probe 10");
    }
}
