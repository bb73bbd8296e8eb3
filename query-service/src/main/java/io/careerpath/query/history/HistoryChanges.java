package io.careerpath.query.history;

import java.util.Collection;

/**
 * Told around every write of people's histories ({@link HistoryWrites}: the projection's batches, repairs, erasures,
 * a rebuild's writes), so that what is derived from the histories in memory (io.careerpath.query.team's figures for
 * today) can be kept current. Called on the writing thread: must be quick.
 */
public interface HistoryChanges {

    HistoryChanges NONE = new HistoryChanges() {
        @Override
        public void beforeWrite(int generation, Collection<String> personIds) {
        }

        @Override
        public void written(int generation, Collection<String> personIds) {
        }
    };

    /** These people's histories in the generation are about to change: what is derived from them is stale. */
    void beforeWrite(int generation, Collection<String> personIds);

    /** The write is over (or failed): derive these people's figures again from what the store now holds. */
    void written(int generation, Collection<String> personIds);
}
