package io.careerpath.command.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * How a refusal is told: an RFC 9457 problem detail whose {@code type} is
 * {@code urn:careerpath:problem:<slug>}, stable per kind of failure so that clients can branch on it,
 * with a title per type and a {@code detail} that says what happened in this case. The README lists
 * every type.
 */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:careerpath:problem:";

    private Problems() {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    public static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    /**
     * The answer about a person who is not registered, was erased, or whom the caller may not see: one
     * answer for all three, since whether someone is registered is itself private (docs/security.md).
     */
    public static ProblemDetail personNotFound(String personId) {
        return problem(HttpStatus.NOT_FOUND, "person-not-found", "Unknown person",
                "No person with id " + personId + " is registered");
    }

    /** The caller's role does not allow the action at all (or not for this team). */
    public static ErrorResponseException forbidden(String detail) {
        return refusal(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    /** A refusal to throw from a controller or a web component; Spring MVC answers it as it is. */
    public static ErrorResponseException refusal(HttpStatus status, String slug, String title, String detail) {
        return new ErrorResponseException(status, problem(status, slug, title, detail), null);
    }
}
