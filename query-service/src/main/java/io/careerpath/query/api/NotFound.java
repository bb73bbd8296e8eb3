package io.careerpath.query.api;

/** A read model that does not exist; answered as a 404 problem detail with a stable type. */
public class NotFound extends RuntimeException {

    private final String slug;

    public NotFound(String slug, String detail) {
        super(detail);
        this.slug = slug;
    }

    String slug() {
        return slug;
    }
}
