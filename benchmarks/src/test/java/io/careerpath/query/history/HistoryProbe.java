package io.careerpath.query.history;

import io.careerpath.events.CareerEvent;
import io.careerpath.query.api.QueryProperties;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The query service's history reads over a fixture's generations, for {@code io.careerpath.benchmarks.AttentionBreakdown}. */
public final class HistoryProbe {

    private HistoryProbe() {
    }

    public static HistoryReads reads(ReadModelGenerations generations) {
        return new HistoryReads(generations, new QueryProperties(Duration.ofSeconds(5), 40, 2, 3, 5));
    }

    /** A career's view on a day, its entries made as the projection makes them, without a store. */
    public static PersonHistory view(List<CareerEvent> career, LocalDate day) {
        List<HistoryEntry> entries = new ArrayList<>();
        for (int sequence = 0; sequence < career.size(); sequence++) {
            if (!career.get(sequence).effectiveDate().isAfter(day)) {
                entries.add(HistoryEntry.of(career.get(sequence), sequence));
            }
        }
        entries.sort(java.util.Comparator.comparing(HistoryEntry::effectiveDate).thenComparingLong(HistoryEntry::sequence));
        return new PersonHistory(career.get(0).personId(), day, career.size() - 1, entries);
    }
}
