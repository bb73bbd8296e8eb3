package io.careerpath.command.person;

/**
 * The answer to a recorded career event: its id, and its sequence number in the person's history,
 * which a client can hand to the query side to ask for an answer that includes it.
 */
record RecordedEvent(String eventId, long sequenceNumber) {
}
