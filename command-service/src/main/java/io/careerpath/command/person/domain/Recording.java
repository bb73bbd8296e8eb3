package io.careerpath.command.person.domain;

import io.careerpath.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Who records an event and when: taken from the request's access token and the clock, never from the
 * body. {@code eventId} is the id of the event the request records.
 *
 * @param recordedBy the recorder's pseudonymous id ({@link Caller#recorder()}), stored in every event
 * @param caller     whose permissions the {@code Person} aggregate has its {@link PersonAccessPolicy} check before it
 *                   records anything;
 *                   null when the platform records on its own account for a request already authorized
 *                   as a whole (a bulk import, which only HR administrators may start)
 */
public record Recording(String eventId, String recordedBy, Instant recordedAt, Caller caller) {

    public Recording(String eventId, String recordedBy, Instant recordedAt) {
        this(eventId, recordedBy, recordedAt, null);
    }

    /** A new event recorded by {@code caller} now. */
    public static Recording by(Caller caller, Instant now) {
        return new Recording(UUID.randomUUID().toString(), caller.recorder(), now, caller);
    }

    /**
     * The id of the {@code n}-th event recorded as a consequence of this one (the end of the previous
     * assignment, a retraction that follows from another). Derived rather than random, so that the
     * aggregate stays deterministic: replaying a command decides the same events with the same ids.
     */
    String consequenceId(int n) {
        return UUID.nameUUIDFromBytes((eventId + "/consequence/" + n).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
