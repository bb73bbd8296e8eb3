package io.careerpath.command.person.domain;

/**
 * The answer to a recorded career event.
 *
 * @param eventId        the id of the event the request recorded (a retraction names it)
 * @param sequenceNumber the person's sequence number after the request: its last event, consequences
 *                       included (an assignment ended by the new one, a retraction that followed from
 *                       another). The query side reflects the request fully once it reaches this
 *                       number, and {@code If-Match} takes it as the expected state.
 */
public record RecordedEvent(String eventId, long sequenceNumber) {
}
