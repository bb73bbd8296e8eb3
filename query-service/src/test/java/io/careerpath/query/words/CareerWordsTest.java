package io.careerpath.query.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.query.history.HistoryEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reminders' sentences (what the notifications list, the email digest and the calendar say), and events in words. */
class CareerWordsTest {

    @Test
    void eachReminderIsOneSentenceInPlainWords() {
        assertThat(CareerWords.reminder("ROTATE_BACK_DUE", "Erin Employee", LocalDate.of(2027, 3, 1), 0.64, null, 0, 3))
                .isEqualTo("Erin Employee's rotate-back date, 1 Mar 2027, is less than 3 months away");
        assertThat(CareerWords.reminder("ROTATE_BACK_DUE", "Erin Employee", LocalDate.of(2027, 3, 1), 0.64, null, 0, 1))
                .isEqualTo("Erin Employee's rotate-back date, 1 Mar 2027, is less than 1 month away");
        assertThat(CareerWords.reminder("ROTATE_BACK_PASSED", "Erin Employee", LocalDate.of(2027, 3, 1), 0.58, null, 0, 3))
                .isEqualTo("Erin Employee's rotate-back date has passed: 58 % of the delivery skill's peak is kept; "
                        + "rotate back into delivery now");
        assertThat(CareerWords.reminder("ADMIN_OVERLOAD", "Alma Admin", null, null, 55.0, 0, 3))
                .isEqualTo("Alma Admin's administrative load in their current role is 55 % of their time, at or above the overload share");
        assertThat(CareerWords.reminder("TROUBLED_PROGRAM_STREAK", "Tom Troubled", null, null, null, 2, 3))
                .isEqualTo("Tom Troubled has taken 2 troubled programs in a row");
    }

    @Test
    void aStatedPmoPreferenceReadsAsWhatThePersonSaid() {
        assertThat(CareerWords.event(preference(false))).isEqualTo("Would rather not join a PMO");
        assertThat(CareerWords.event(preference(true))).isEqualTo("Open to a PMO role");
    }

    private static HistoryEntry preference(boolean willing) {
        return new HistoryEntry("e1", 1, "PMO_PREFERENCE_STATED", LocalDate.of(2025, 3, 1), "p1",
                Instant.parse("2025-03-01T09:00:00Z"), Map.of("willing", willing));
    }
}
