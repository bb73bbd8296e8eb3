package io.careerpath.command.web;

import io.careerpath.security.web.ProblemDetails;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * What is wrong with a JSON object that the API's strict mapper could not read as a request, as a
 * problem detail: an unknown field, an unknown or missing event type, a value of the wrong type or
 * format, or no JSON at all. One wording for the API's bodies and the rows of a bulk import, so that
 * both refuse the same things the same way.
 */
public final class BodyProblems {

    /** One offending field of a request. */
    public record FieldError(String field, String message) {
    }

    private static final java.util.regex.Pattern TYPE_NAME = java.util.regex.Pattern.compile("[A-Z][A-Z_]{0,39}");

    private BodyProblems() {
    }

    /**
     * @param cause what Jackson threw (null: there was nothing to read)
     * @param what  what was read, for the words: "body", "row"
     */
    public static ProblemDetail unreadable(Throwable cause, String what) {
        ProblemDetail problem;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            problem = ProblemDetails.problem(HttpStatus.BAD_REQUEST, "unknown-field", "Unknown field",
                    "Field '" + path(unknown) + "' is not accepted here; accepted: "
                            + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", ")));
            problem.setProperty("errors", List.of(new FieldError(path(unknown), "unknown field")));
        } else if (cause instanceof InvalidTypeIdException badType) {
            problem = ProblemDetails.problem(HttpStatus.BAD_REQUEST, "unknown-event-type", "Unknown or missing event type",
                    badType.getTypeId() == null
                            ? "The " + what + " has no 'type': it must name one of the documented event types"
                            : "'type' must be one of the documented event types"
                            // quoted only if it looks like a type name: the words of a refusal are stored and
                            // shown, and must not carry free text (a name in the wrong column)
                            + (TYPE_NAME.matcher(badType.getTypeId()).matches() ? ", not '" + badType.getTypeId() + "'" : ""));
            problem.setProperty("errors", List.of(new FieldError("type", "unknown or missing event type")));
        } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String message = mapping instanceof InvalidFormatException format && format.getTargetType().isEnum()
                    ? "must be one of " + Arrays.stream(format.getTargetType().getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "))
                    : "wrong type or format";
            problem = ProblemDetails.problem(HttpStatus.BAD_REQUEST, "invalid-value", "Invalid value",
                    "Field '" + field + "': " + message);
            problem.setProperty("errors", List.of(new FieldError(field, message)));
        } else if (cause instanceof JsonParseException || cause == null) {
            problem = ProblemDetails.problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                    cause == null ? "The request has no " + what : "The " + what + " is not valid JSON");
        } else {
            problem = ProblemDetails.problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                    "The " + what + " is not a JSON object of the expected shape");
        }
        return problem;
    }

    private static String path(JsonMappingException ex) {
        return ex.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
