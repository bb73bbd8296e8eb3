package io.careerpath.query.api;

/**
 * The shape of ids in paths, checked before anything is looked up, so that nothing else (operators
 * such as {@code $gt}, path tricks, megabytes of text) can reach a query.
 */
public final class IdPatterns {

    /** A person id: the UUID the command service gave the person. */
    public static final String PERSON = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    /** A team id: letters, digits, dots, underscores and dashes, at most 64. */
    public static final String TEAM = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    private IdPatterns() {
    }
}
