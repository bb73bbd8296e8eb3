package io.careerpath.command.personaldata;

/**
 * A feature that keeps something about a person outside the event store (a key, a stored answer, an
 * import's failure list). Erasing the person calls every holder in the erasure's transaction, so
 * that nothing of them is left once the erasure commits (docs/security.md, erasure).
 */
public interface PersonalDataHolder {

    /** Deletes what this feature holds about the person; runs inside the erasure's transaction. */
    void erase(String personId);

    /** Runs once the erasure has committed (outside its transaction); nothing by default. */
    default void afterErasure() {
    }
}
