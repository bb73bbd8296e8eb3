package io.careerpath.query.history;

/** Every projection fed from Kafka joins this processing group, and so the tracking processor wired here. */
public final class Projections {

    public static final String PROCESSING_GROUP = "projections";

    private Projections() {
    }
}
