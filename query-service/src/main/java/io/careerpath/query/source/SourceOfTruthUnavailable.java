package io.careerpath.query.source;

/** The event store could not be read through the command service now (away, refusing, or too slow). */
public class SourceOfTruthUnavailable extends RuntimeException {

    public SourceOfTruthUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
