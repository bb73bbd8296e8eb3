package io.careerpath.query;

/** The shape of ids in paths: letters, digits and dashes, so nothing else can reach a query. */
public final class PersonIds {

    public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";

    private PersonIds() {
    }
}
