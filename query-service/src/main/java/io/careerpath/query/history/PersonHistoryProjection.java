package io.careerpath.query.history;

import io.careerpath.events.CareerEvent;
import io.careerpath.events.PersonErased;
import io.careerpath.query.intake.Projections;
import io.careerpath.query.keys.PersonKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Keeps, per person, every career event recorded for them, and per team everyone who ever belonged
 * to it. Everything else (timelines, skills, boards, as-of views) is derived from these at query
 * time, so a change of the skill model takes effect without touching stored data.
 *
 * <p>The writes of one processor batch go to MongoDB together, just before the batch's token is
 * stored; if they fail, the batch is retried from the previous token. Delivery is therefore at
 * least once, and {@link HistoryWrites} makes every write idempotent and order-independent.
 *
 * <p>{@link PersonErased} drops the person from the read models (see {@link HistoryWrites}) and
 * from the keys held in memory, so their sealed values cannot be opened here any more.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
public class PersonHistoryProjection {

    private static final String BATCH_WRITES = PersonHistoryProjection.class.getName() + ".writes";

    private final ReadModelGenerations generations;
    private final PersonKeys keys;

    PersonHistoryProjection(ReadModelGenerations generations, PersonKeys keys) {
        this.generations = generations;
        this.keys = keys;
    }

    @EventHandler
    void on(CareerEvent event, @SequenceNumber Long sequence) {
        writesOfThisBatch().add(event, sequence);
        if (event instanceof PersonErased) {
            keys.forget(event.personId());
        }
    }

    private HistoryWrites writesOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(BATCH_WRITES, key -> {
            HistoryWrites writes = writesInto(generations.active());
            batch.onPrepareCommit(unitOfWork -> writes.flush());
            return writes;
        });
    }

    /** Writes for one generation: the live batches use the active one, a rebuild the one it fills. */
    public HistoryWrites writesInto(int generation) {
        return new HistoryWrites(generations, generation);
    }
}
