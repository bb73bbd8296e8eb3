package io.careerpath.query.api;

/** Input that parses but makes no sense (an as-of date in the future, a PMO role without its type); answered 400. */
public class InvalidInput extends RuntimeException {

    private final String field;

    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
