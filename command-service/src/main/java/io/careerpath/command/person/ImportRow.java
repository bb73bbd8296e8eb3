package io.careerpath.command.person;

import java.util.Objects;

/**
 * One row of a bulk import, read and validated exactly as the API reads and validates a request body
 * ({@link ImportRows}), for one person.
 *
 * <p>{@code eventId} is the id the row's event gets, derived from the person and the row's content
 * (never random, never the line number): the same row in a later run of the same file, or of another
 * file, carries the same id, and the {@link Person} aggregate records an id it already has only once.
 */
public final class ImportRow {

    private final long line;
    private final String eventId;
    private final String type;
    private final RegisterPersonRequest registration;
    private final CareerEventRequest event;

    private ImportRow(long line, String eventId, String type, RegisterPersonRequest registration,
                      CareerEventRequest event) {
        this.line = line;
        this.eventId = Objects.requireNonNull(eventId);
        this.type = type;
        this.registration = registration;
        this.event = event;
    }

    static ImportRow registration(long line, String eventId, RegisterPersonRequest registration) {
        return new ImportRow(line, eventId, ImportRows.PERSON_REGISTERED, registration, null);
    }

    static ImportRow event(long line, String eventId, CareerEventRequest event) {
        return new ImportRow(line, eventId, event.type(), null, event);
    }

    /** Where the row starts in the file (1 is the first line). */
    public long line() {
        return line;
    }

    public String eventId() {
        return eventId;
    }

    public String type() {
        return type;
    }

    public boolean isRegistration() {
        return registration != null;
    }

    RegisterPersonRequest registration() {
        return registration;
    }

    CareerEventRequest event() {
        return event;
    }

    @Override
    public String toString() {
        return "line " + line + " " + type + " (" + eventId + ")";
    }
}
