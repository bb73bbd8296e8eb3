package io.careerpath.query.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.query.team.AttentionList.PersonNeedingAttention;
import io.careerpath.query.team.AttentionList.Sort;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A page cut from the first people in order ({@link AttentionList#firstInOrder}) is the page a full sort gives. */
class AttentionPageOrderTest {

    @Test
    void theFirstPeopleInOrderAreThoseOfAFullSortForEveryOrderAndSize() {
        Random random = new Random(17);
        List<PersonNeedingAttention> people = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            // few distinct dates, names, teams and retentions, some missing: many ties, broken by the next keys
            LocalDate rotateBackBy = random.nextInt(5) == 0 ? null : LocalDate.of(2025, 1, 1).plusDays(random.nextInt(20));
            Double retention = random.nextInt(4) == 0 ? null : random.nextInt(10) / 10.0;
            people.add(new PersonNeedingAttention(UUID.randomUUID().toString(), "Probe " + random.nextInt(30),
                    "team-" + random.nextInt(7), "Team " + random.nextInt(7), null, List.of(), retention,
                    retention != null, rotateBackBy, true, null, null, null, 0, null));
        }
        for (Sort sort : Sort.values()) {
            for (boolean descending : new boolean[] {false, true}) {
                Comparator<PersonNeedingAttention> order = AttentionList.order(sort, descending);
                List<PersonNeedingAttention> sorted = new ArrayList<>(people);
                sorted.sort(order);
                for (int n : new int[] {0, 1, 7, 100, 499, 500, 1_999, 2_000, 5_000}) {
                    assertThat(AttentionList.firstInOrder(people, order, n)).as(sort + " " + descending + " " + n)
                            .isEqualTo(sorted.subList(0, Math.min(n, sorted.size())));
                }
            }
        }
    }
}
