package io.careerpath.query.timeline;

import java.util.Comparator;
import java.util.List;
import org.bson.Document;

/**
 * A person's career as recorded, in the order it happened (effective date), not the order it was
 * entered; events on the same day keep the order they were recorded in.
 *
 * @param sequence the last event of this person the answer reflects
 */
record CareerTimeline(String personId, String displayName, String teamId, long sequence, List<TimelineEntry> entries) {

    private static final Comparator<TimelineEntry> CAREER_ORDER =
            Comparator.comparing(TimelineEntry::effectiveDate).thenComparingLong(TimelineEntry::sequence);

    static CareerTimeline fromDocument(Document document) {
        List<TimelineEntry> entries = document.getList("entries", Document.class).stream()
                .map(TimelineEntry::fromDocument)
                .sorted(CAREER_ORDER)
                .toList();
        return new CareerTimeline(document.getString("_id"), document.getString("displayName"),
                document.getString("teamId"), document.get("lastSequence", Number.class).longValue(), entries);
    }
}
