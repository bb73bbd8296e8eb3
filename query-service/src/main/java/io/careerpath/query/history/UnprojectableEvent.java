package io.careerpath.query.history;

/** An event (or a record on the topic) that this service cannot project, whatever it retries: it needs a fix or an eviction. */
public class UnprojectableEvent extends RuntimeException {

    UnprojectableEvent(String message) {
        super(message);
    }
}
