package io.careerpath.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What every career event carries: whose career it is, its own identity, when it happened and who
 * recorded it when.
 *
 * <p>The fully qualified class name of each event and its {@code @Revision} form its stable name on
 * the wire (Axon's payload type and revision, also carried as Kafka headers). Events evolve only by
 * adding fields; anything else gets a new revision and an upcaster. Readers tolerate fields they do
 * not know, so an older reader survives a newer writer.
 */
public sealed interface CareerEvent
        permits PersonRegistered, TeamChanged, AssignmentStarted, AssignmentEnded, AdministrativeLoadRecorded,
        PmoPreferenceStated, SkillAssessed, EventRetracted, PersonErased {

    /** The person whose career this is (the aggregate identifier). */
    String personId();

    /** Unique per event; retractions and idempotency refer to it. */
    String eventId();

    /** When it happened in the person's career. Histories are recorded late and out of order. */
    LocalDate effectiveDate();

    /** The identity that recorded the event, taken from the request, never from its body. */
    String recordedBy();

    /** When the platform recorded it. */
    Instant recordedAt();

    /**
     * The event's kind as clients name it ({@code JOINED_PMO} for {@link JoinedPmo}): the class's
     * simple name in upper snake case. The command API's {@code type} values are these names.
     */
    static String typeOf(Class<? extends CareerEvent> eventClass) {
        return EventTypeNames.NAMES.get(eventClass);
    }
}
