package io.careerpath.command.person.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of a bulk import, read and validated exactly as the API reads and validates a request body
 * ({@code ImportRows}), for one person.
 *
 * <p>{@code eventId} is the id the row's event gets, derived from the person and the row's content
 * (never random, never the line number): the same row in a later run of the same file, or of another
 * file, carries the same id, and the {@link Person} aggregate records an id it already has only once.
 */
public final class ImportRow {

    /** The type of a row that registers its person (not a career event: the API registers with its own request). */
    public static final String PERSON_REGISTERED = "PERSON_REGISTERED";

    /** What a {@code PERSON_REGISTERED} row registers; {@code effectiveDate} is null for "the day of the import". */
    public record Registration(String displayName, String teamId, LocalDate effectiveDate, String teamName) {
    }

    /**
     * What a career event row records, as the API's request would: the command once the person and the
     * recording are known (the import never sends {@code If-Match}: {@code expectedSequence} is null).
     */
    @FunctionalInterface
    public interface Event {
        PersonCommand toCommand(String personId, Long expectedSequence, Recording recording);
    }

    private final long line;
    private final String eventId;
    private final String type;
    private final Registration registration;
    private final Event event;

    private ImportRow(long line, String eventId, String type, Registration registration, Event event) {
        this.line = line;
        this.eventId = Objects.requireNonNull(eventId);
        this.type = type;
        this.registration = registration;
        this.event = event;
    }

    public static ImportRow registration(long line, String eventId, Registration registration) {
        return new ImportRow(line, eventId, PERSON_REGISTERED, registration, null);
    }

    public static ImportRow event(long line, String eventId, String type, Event event) {
        return new ImportRow(line, eventId, type, null, event);
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

    Registration registration() {
        return registration;
    }

    Event event() {
        return event;
    }

    @Override
    public String toString() {
        return "line " + line + " " + type + " (" + eventId + ")";
    }
}
