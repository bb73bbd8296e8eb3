package io.careerpath.command.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/**
 * One row as the file gives it, before the API's rules are applied: the person it is about and its
 * other fields as the JSON object the API would take, or, when the row cannot even be read, why. The
 * fields are built when asked for (a whole file of rows waits in memory as compact text, not as JSON trees).
 *
 * @param line    the line the row starts on (1 is the file's first line)
 * @param problem for a row that cannot be read: the problem type slug ({@code malformed-row},
 *                {@code validation}, ...), with {@code field} and {@code reason}
 */
record SourceRow(long line, String personRef, Supplier<ObjectNode> content, String problem, String field,
                 String reason) {

    static SourceRow of(long line, String personRef, Supplier<ObjectNode> content) {
        return new SourceRow(line, personRef, content, null, null, null);
    }

    /** The row's fields but {@code personRef}, as the JSON object the API would take (a new one each time). */
    ObjectNode fields() {
        return content.get();
    }

    static SourceRow unreadable(long line, String personRef, String problem, String field, String reason) {
        return new SourceRow(line, personRef, null, problem, field, reason);
    }

    boolean readable() {
        return problem == null;
    }

    static final int MAX_PERSON_REF = 100;

    /** Why {@code personRef} is not usable, or null if it is. */
    static String personRefProblem(String personRef) {
        if (personRef == null || personRef.isBlank()) {
            return "personRef: must not be blank";
        }
        if (personRef.length() > MAX_PERSON_REF) {
            return "personRef: size must be between 1 and " + MAX_PERSON_REF;
        }
        if (personRef.chars().anyMatch(Character::isISOControl)) {
            return "personRef: must not contain control characters";
        }
        return null;
    }
}
