package io.careerpath.query.intake;

import io.careerpath.events.PersonErased;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * The projection's dead-letter queue, where an erasure never waits: a person's later events queue behind
 * a parked one (their order matters), except the erasure, which evicts whatever was parked for the person
 * (it describes someone who may no longer be known here) and is projected at once.
 */
final class ErasureFirstDeadLetters implements SequencedDeadLetterQueue<EventMessage<?>> {

    private final SequencedDeadLetterQueue<EventMessage<?>> queue;

    ErasureFirstDeadLetters(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        this.queue = queue;
    }

    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier,
                                    Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder) {
        if (!queue.contains(sequenceIdentifier)) {
            return false;
        }
        DeadLetter<? extends EventMessage<?>> letter = letterBuilder.get();
        if (PersonErased.class.equals(letter.message().getPayloadType())) {
            List<DeadLetter<? extends EventMessage<?>>> parked = new ArrayList<>();
            queue.deadLetterSequence(sequenceIdentifier).forEach(parked::add);
            parked.forEach(queue::evict);
            return false;
        }
        queue.enqueue(sequenceIdentifier, letter);
        return true;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        queue.enqueue(sequenceIdentifier, letter);
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        queue.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        java.util.function.UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater) {
        queue.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return queue.contains(sequenceIdentifier);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return queue.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return queue.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return queue.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return queue.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return queue.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return queue.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        return queue.process(sequenceFilter, processingTask);
    }

    @Override
    public void clear() {
        queue.clear();
    }
}
