package io.careerpath.command.person.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.events.AssignmentOutcome;
import io.careerpath.events.AssignmentStarted;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.PmoType;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CareerWordsTest {

    @Test
    void datesReadAsADayAMonthAndAYearWithoutALeadingZero() {
        assertThat(CareerWords.date(LocalDate.of(2021, 3, 1))).isEqualTo("1 Mar 2021");
        assertThat(CareerWords.date(LocalDate.of(2023, 9, 12))).isEqualTo("12 Sep 2023");
    }

    @Test
    void everyEventTypeHasWordsWithoutACode() {
        for (Class<? extends CareerEvent> type : eventClasses()) {
            assertThat(CareerWords.eventType(type)).as(type.getSimpleName())
                    .doesNotContain("_").isNotBlank();
        }
        assertThat(CareerWords.eventType("DELIVERY_ROLE_STARTED")).isEqualTo("delivery role");
        assertThat(CareerWords.pmoRole(PmoType.PROGRAM)).isEqualTo("program PMO role");
    }

    @Test
    void outcomesAreListedAsASentenceSays() {
        assertThat(CareerWords.outcomes(EnumSet.of(AssignmentOutcome.RESCUED, AssignmentOutcome.CANCELLED,
                AssignmentOutcome.HANDED_OVER))).isEqualTo("rescued, cancelled or handed over");
    }

    /** The concrete event classes, found through the sealed hierarchy so that a new one cannot be missed. */
    @SuppressWarnings("unchecked")
    private static List<Class<? extends CareerEvent>> eventClasses() {
        List<Class<? extends CareerEvent>> found = new ArrayList<>();
        Deque<Class<?>> open = new ArrayDeque<>(List.of(CareerEvent.class));
        while (!open.isEmpty()) {
            Class<?> next = open.pop();
            if (next.isSealed()) {
                open.addAll(List.of(next.getPermittedSubclasses()));
            } else {
                found.add((Class<? extends CareerEvent>) next);
            }
        }
        assertThat(found).hasSizeGreaterThan(10).noneMatch(c -> c == AssignmentStarted.class);
        return found;
    }
}
