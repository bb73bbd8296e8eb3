package io.careerpath.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A correction: the event {@code retractedEventId} should not have been recorded, and no longer
 * counts in the person's history. History is never edited; a mistake is undone by this event.
 * Retracting the start of an assignment also retracts what followed from it (its end, the end it
 * forced on the previous assignment); each such consequence is an {@code EventRetracted} of its own.
 *
 * @param retractedEventId   the event taken back (its {@code eventId})
 * @param retractedEventType that event's type ({@code JOINED_PMO}, ...), so that readers need not look it up
 * @param reason             why, in the words of whoever retracted it (or the platform's, for a consequence)
 */
@Revision("1")
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventRetracted(
        String personId,
        String eventId,
        LocalDate effectiveDate,
        String recordedBy,
        Instant recordedAt,
        String retractedEventId,
        String retractedEventType,
        String reason) implements CareerEvent {
}
