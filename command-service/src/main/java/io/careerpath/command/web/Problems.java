package io.careerpath.command.web;

import io.careerpath.security.web.ProblemDetails;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The command API's refusals that several of its packages give; each is built by {@link ProblemDetails}
 * (docs/api.md lists every type).
 */
public final class Problems {

    private Problems() {
    }

    /**
     * The answer about a person who is not registered, was erased, or whom the caller may not see: one
     * answer for all three, since whether someone is registered is itself private (docs/security.md).
     */
    public static ProblemDetail personNotFound(String personId) {
        return ProblemDetails.problem(HttpStatus.NOT_FOUND, "person-not-found", "Unknown person",
                "No person with id " + personId + " is registered");
    }

    /** The caller's role does not allow the action at all (or not for this team). */
    public static ErrorResponseException forbidden(String detail) {
        return refusal(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    /** A refusal to throw from a controller or a web component; Spring MVC answers it as it is. */
    public static ErrorResponseException refusal(HttpStatus status, String slug, String title, String detail) {
        return new ErrorResponseException(status, ProblemDetails.problem(status, slug, title, detail), null);
    }
}
