package io.careerpath.query.history;

import io.careerpath.events.CareerEvent;
import io.careerpath.events.PersonErased;
import io.careerpath.query.keys.PersonKeyLookup;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.UnknownSerializedType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Keeps, per person, every career event recorded for them, and per team everyone who ever belonged
 * to it. Everything else (timelines, skills, boards, as-of views) is derived from these at query
 * time, so a change of the skill model takes effect without touching stored data.
 *
 * <p>Each event is checked against where its person's read model stands ({@link ProjectionBatch}): a
 * resend changes nothing, an event out of line has the person repaired from the event store. The
 * writes of one unit of work go to MongoDB together: for the processor's batches, after the batch's
 * last event and so before its token is stored (the processor stores its token at the start of the
 * commit, before any commit handler of ours would run: a crash in between must not skip the batch);
 * for any other unit of work (a dead letter retried), when it commits. If the writes fail, the batch
 * is retried from the previous token.
 *
 * <p>An event the projection cannot read (an unknown type, a record that is not an event, a payload
 * that does not deserialize) fails its handler, so that the dead-letter queue parks its person; nothing
 * is dropped silently. {@link PersonErased} drops the person from the read models and their key from
 * memory, so their sealed values cannot be opened here any more.
 */
@Component
@ProcessingGroup(PersonHistoryProjection.PROCESSING_GROUP)
public class PersonHistoryProjection {

    /**
     * The processing group of the projection fed from Kafka, and so the name of the tracking processor wired in
     * {@code intake}.
     */
    public static final String PROCESSING_GROUP = "projections";

    private static final String BATCH = PersonHistoryProjection.class.getName() + ".batch";

    private final ReadModelGenerations generations;
    private final PersonKeyLookup keys;
    private final ReadModelRepair repair;
    private final ProjectionAnomalies anomalies;
    private final ApplicationEventPublisher events;

    PersonHistoryProjection(ReadModelGenerations generations, PersonKeyLookup keys, ReadModelRepair repair,
                            ProjectionAnomalies anomalies, ApplicationEventPublisher events) {
        this.generations = generations;
        this.keys = keys;
        this.repair = repair;
        this.anomalies = anomalies;
        this.events = events;
    }

    /**
     * Every event of the topic goes through this one handler, whatever its payload: a career event of a
     * person is applied; anything else (an unknown type, a record that is not an event, a career event
     * without its person's number) fails, so that its person is parked instead of it being dropped. (One
     * handler on purpose: beside a handler of {@code Object}, Axon would not choose one of the interface
     * {@link CareerEvent}.)
     */
    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        if (payload instanceof CareerEvent event && message instanceof DomainEventMessage<?> domain) {
            batchOf(CurrentUnitOfWork.get()).apply(event, domain.getSequenceNumber(), domain.getIdentifier());
            if (event instanceof PersonErased) {
                keys.forget(event.personId());
                // what other features keep about the person beside the read models goes too (reminders)
                events.publishEvent(new PersonErasedFromReadModels(event.personId()));
            }
            return;
        }
        String what = payload instanceof UnknownSerializedType unknown
                ? "an event of a type this service does not know: " + unknown.serializedType().getName()
                + " (revision " + unknown.serializedType().getRevision() + ")"
                : payload instanceof CareerEvent ? "a career event without its person's sequence number"
                : payload.toString();
        throw new UnprojectableEvent("Event " + message.getIdentifier() + " cannot be projected: " + what);
    }

    private ProjectionBatch batchOf(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            ProjectionBatch batch = new ProjectionBatch(generations, repair, anomalies);
            boolean segmentBatch = unitOfWork instanceof BatchingUnitOfWork<?>;
            repair.lockWriters(segmentBatch);
            unitOfWork.onCleanup(u -> repair.unlockWriters(segmentBatch));
            if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
                // the people of the whole batch, with one query; flushed by flushBatch after the last event
                batch.prefetch(batching.getMessages().stream()
                        .filter(DomainEventMessage.class::isInstance)
                        .map(m -> ((DomainEventMessage<?>) m).getAggregateIdentifier())
                        .distinct().toList());
            } else {
                unitOfWork.onPrepareCommit(u -> batch.flush());
            }
            return batch;
        });
    }

    /**
     * Writes what the processor's batch applied: called once its last event is handled, before the
     * batch commits and the processor stores its token.
     */
    public void flushBatch(UnitOfWork<?> unitOfWork) {
        ProjectionBatch batch = unitOfWork.getResource(BATCH);
        if (batch != null) {
            batch.flush();
        }
    }

    /**
     * The processor's interceptor that calls {@link #flushBatch} after the last event of each batch: registered
     * on the live processor, and on the one the rebuild's equivalence test runs.
     */
    public MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isLastMessage()) {
                flushBatch(unitOfWork);
            }
            return result;
        };
    }

    /** Writes for one generation: a rebuild fills the one it builds. */
    public HistoryWrites writesInto(int generation) {
        return new HistoryWrites(generations, generation);
    }
}
