package io.careerpath.query.integrity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the last integrity check found: every person the event store knows compared with their read
 * model, and every read model compared with the store.
 *
 * @param peopleChecked      people compared (those the event store knows, plus any only the read model has)
 * @param outOfStep          people whose read model did not hold exactly what the store holds
 * @param outOfStepByKind    of those, how many of each {@link OutOfStep} kind
 * @param repaired           out-of-step people whose read model was replaced by what the store holds
 * @param notRepaired        out-of-step people still out of step (the store could not be read for them)
 * @param examples           up to 20 of the out-of-step people, by id and kind
 * @param projectionCaughtUp whether the projection had reached the topic's end before the comparison;
 *                           if not, people whose newest events were still in flight count as behind
 * @param topic              per partition, the first offset the topic still holds and whether the
 *                           projection's position is before it (records it never saw were deleted)
 */
public record IntegrityReport(State state, Instant startedAt, Instant finishedAt, long peopleChecked, long outOfStep,
                              Map<OutOfStep, Long> outOfStepByKind, long repaired, long notRepaired,
                              List<Example> examples, boolean projectionCaughtUp, TopicRetention topic, String error) {

    public enum State { NOT_YET_CHECKED, RUNNING, DONE, FAILED }

    /** How a person's read model differed from the event store. */
    public enum OutOfStep {
        /** the store knows the person, the read model does not */
        MISSING,
        /** the read model holds fewer of the person's events than the store */
        BEHIND,
        /** the read model holds events beyond the store's last one */
        AHEAD,
        /** as many events, but not the same ones (a number held by another event, a gap), or the erasure differs */
        DIFFERENT,
        /** the read model holds a person the store does not know */
        UNKNOWN_TO_EVENT_STORE
    }

    public record Example(String personId, OutOfStep kind) {
    }

    /**
     * @param holdsEverything whether the topic still holds every record the projection has yet to read
     * @param firstOffsets    per partition, the first offset the topic holds
     */
    public record TopicRetention(boolean holdsEverything, Map<Integer, Long> firstOffsets) {
    }

    public static IntegrityReport notYetChecked() {
        return new IntegrityReport(State.NOT_YET_CHECKED, null, null, 0, 0, Map.of(), 0, 0, List.of(), false, null, null);
    }
}
