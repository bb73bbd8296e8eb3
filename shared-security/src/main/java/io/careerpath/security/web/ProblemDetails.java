package io.careerpath.security.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * How both services build a refusal: an RFC 9457 problem detail whose {@code type} is
 * {@code urn:careerpath:problem:<slug>}, stable per kind of failure so that clients can branch on it, with a
 * title per type and a {@code detail} that says what happened in this case (docs/api.md lists the types).
 */
public final class ProblemDetails {

    private static final String TYPE_PREFIX = "urn:careerpath:problem:";

    private ProblemDetails() {
    }

    /** The stable type of a kind of failure. */
    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    public static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }
}
