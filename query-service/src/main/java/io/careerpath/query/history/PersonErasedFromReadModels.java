package io.careerpath.query.history;

/**
 * Published (a Spring application event, synchronously) when the projection applies a person's erasure: whatever a
 * feature keeps about the person outside the read models, it deletes on this. Published again if the event is
 * handled again (a batch retried): listeners make their deletion idempotent.
 */
public record PersonErasedFromReadModels(String personId) {
}
