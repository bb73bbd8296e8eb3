package io.careerpath.query.history;

/**
 * A person's event cannot be projected now because their read model is out of step with the event store
 * and cannot be repaired yet (the store unreachable, or behind the topic). The projection's dead-letter
 * queue parks the person; the letter is retried by itself.
 */
public class PersonOutOfStep extends RuntimeException {

    PersonOutOfStep(String message, Throwable cause) {
        super(message, cause);
    }
}
