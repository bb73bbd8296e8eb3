package io.careerpath.query.api;

/** A feature this installation has not been set up for (a setting missing); answered as a 503 problem detail. */
public class NotConfigured extends RuntimeException {

    private final String slug;

    public NotConfigured(String slug, String detail) {
        super(detail);
        this.slug = slug;
    }

    String slug() {
        return slug;
    }
}
