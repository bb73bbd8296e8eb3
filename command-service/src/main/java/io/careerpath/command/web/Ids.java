package io.careerpath.command.web;

import io.careerpath.security.web.ProblemDetails;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Ids the API takes in paths and bodies (people, imports) are UUIDs. Anything else is refused with
 * 400 before it reaches a query or a command, and without being echoed back: a hostile value
 * ({@code {"$gt":""}}, {@code ../../etc}, 10,000 characters) only learns that it is not an id.
 */
public final class Ids {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    public static boolean isUuid(String value) {
        return value != null && value.length() == 36 && UUID.matcher(value).matches();
    }

    /**
     * @param field the name the caller knows the value by ({@code personId}, ...)
     * @return the id in lower case, the form it is stored in
     */
    public static String uuid(String value, String field) {
        if (!isUuid(value)) {
            throw notUuid(field);
        }
        return value.toLowerCase(Locale.ROOT);
    }

    public static ErrorResponseException notUuid(String field) {
        ProblemDetail problem = ProblemDetails.problem(HttpStatus.BAD_REQUEST, "invalid-value", "Invalid value",
                "Field '" + field + "' must be a UUID such as 3f2b8c1e-9d4a-4f6b-8e2d-1a7c5b9e0f31; nothing was recorded");
        problem.setProperty("errors", List.of(new BodyProblems.FieldError(field, "must be a UUID")));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
