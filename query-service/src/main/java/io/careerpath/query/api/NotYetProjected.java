package io.careerpath.query.api;

/**
 * The projection has not reached the sequence a client asked for within the wait; answered 503 with
 * {@code Retry-After} as {@code not-yet-projected}.
 */
public final class NotYetProjected extends RuntimeException {

    public NotYetProjected(String personId, long wanted, long reached) {
        super("The read model has reached event " + reached + " of person " + personId + ", not yet " + wanted
                + "; try again shortly");
    }
}
