package io.careerpath.command.person;

import java.time.Instant;

/** Who records an event and when: taken from the request's identity and the clock, never from the body. */
record Recording(String eventId, String recordedBy, Instant recordedAt) {
}
