package io.careerpath.command.person;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Who records an event and when: taken from the request's identity and the clock, never from the
 * body. {@code eventId} is the id of the event the request records.
 */
record Recording(String eventId, String recordedBy, Instant recordedAt) {

    /**
     * The id of the {@code n}-th event recorded as a consequence of this one (the end of the previous
     * assignment, a retraction that follows from another). Derived rather than random, so that the
     * aggregate stays deterministic: replaying a command decides the same events with the same ids.
     */
    String consequenceId(int n) {
        return UUID.nameUUIDFromBytes((eventId + "/consequence/" + n).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
