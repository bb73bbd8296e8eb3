package io.careerpath.query.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    @Test
    void numbersInNamesSortByValueAndLettersAsPeopleReadThem() {
        List<String> names = new ArrayList<>(Arrays.asList("Spine Probe 10", null, "spine probe 3", "Spine Probe 2",
                "Émile Zola", "Spine Probe 1", "Eve", "Spine Probe 02", "Zoë"));
        names.sort(NaturalOrder.NAMES);
        assertThat(names).containsExactly("Émile Zola", "Eve", "Spine Probe 1", "Spine Probe 2", "Spine Probe 02",
                "spine probe 3", "Spine Probe 10", "Zoë", null);
    }

    @Test
    void numbersOfAnyLengthCompare() {
        assertThat(NaturalOrder.NAMES.compare("Team 99999999999999999999", "Team 100000000000000000000")).isNegative();
        assertThat(NaturalOrder.NAMES.compare("Team 7", "Team 7")).isZero();
        assertThat(NaturalOrder.NAMES.compare("Team 7", "Team 7b")).isNegative();
    }
}
