package io.careerpath.query.api;

/** A request the resource's state does not allow (a plan whose horizon has ended cannot be re-solved); a 409. */
public class Conflict extends RuntimeException {

    private final String slug;

    public Conflict(String slug, String detail) {
        super(detail);
        this.slug = slug;
    }

    String slug() {
        return slug;
    }
}
