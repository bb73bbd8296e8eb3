package io.careerpath.query.api;

/**
 * The caller's role does not allow the action, or the team is not one they manage; answered as a
 * 403 problem detail. Never used for a person the caller may not see: that is a {@link NotFound},
 * since whether someone is registered is itself private (docs/security.md).
 */
public class Forbidden extends RuntimeException {

    private final String slug;

    public Forbidden(String slug, String detail) {
        super(detail);
        this.slug = slug;
    }

    String slug() {
        return slug;
    }
}
