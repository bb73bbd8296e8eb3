package io.careerpath.query;

/** A query parameter that parses but makes no sense (e.g. an as-of date in the future); answered 400. */
public class InvalidQuery extends RuntimeException {

    private final String field;

    public InvalidQuery(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
