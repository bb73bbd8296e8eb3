package io.careerpath.pipeline.deadletters;

import java.util.Objects;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * The dead letters of one processing group: its sequenced dead-letter queue, the processor that retries
 * them (the group's dead-lettering handler invoker, which runs the same handlers as live events) and the
 * sequencing policy that names a letter's sequence. Each service declares one bean of this type per
 * processing group that parks events; {@link DeadLetterConfiguration} administers them all.
 *
 * <p>Axon builds its processors when its configuration starts, after the Spring beans exist: the parts
 * are looked up on first use.
 */
public final class ProcessingGroupDeadLetters {

    private final String processingGroup;
    private final Supplier<SequencedDeadLetterQueue<EventMessage<?>>> queue;
    private final Supplier<SequencedDeadLetterProcessor<EventMessage<?>>> processor;
    private final Supplier<SequencingPolicy<? super EventMessage<?>>> sequencing;

    public ProcessingGroupDeadLetters(String processingGroup,
                                      Supplier<SequencedDeadLetterQueue<EventMessage<?>>> queue,
                                      Supplier<SequencedDeadLetterProcessor<EventMessage<?>>> processor,
                                      Supplier<SequencingPolicy<? super EventMessage<?>>> sequencing) {
        this.processingGroup = Objects.requireNonNull(processingGroup);
        this.queue = queue;
        this.processor = processor;
        this.sequencing = sequencing;
    }

    /** The group's queue, dead-letter processor and sequencing policy as registered with Axon. */
    public static ProcessingGroupDeadLetters of(String processingGroup, Supplier<EventProcessingConfiguration> axon) {
        return new ProcessingGroupDeadLetters(processingGroup,
                () -> axon.get().deadLetterQueue(processingGroup).orElseThrow(() -> new IllegalStateException(
                        "Processing group " + processingGroup + " has no dead-letter queue")),
                () -> axon.get().sequencedDeadLetterProcessor(processingGroup).orElseThrow(() -> new IllegalStateException(
                        "Processing group " + processingGroup + " has no dead-letter processor")),
                () -> axon.get().sequencingPolicy(processingGroup));
    }

    public String processingGroup() {
        return processingGroup;
    }

    SequencedDeadLetterQueue<EventMessage<?>> queue() {
        return queue.get();
    }

    SequencedDeadLetterProcessor<EventMessage<?>> processor() {
        return processor.get();
    }

    /**
     * The sequence a letter is parked in, as the handler invoker named it when it parked the letter: the
     * group's sequencing policy (a person's id), or the event's own id where the policy has none.
     */
    String sequenceOf(EventMessage<?> message) {
        Object sequence = sequencing.get().getSequenceIdentifierFor(message);
        return String.valueOf(sequence != null ? sequence : message.getIdentifier());
    }

    /**
     * How a letter is addressed within its sequence: the queue's own id where it has one (the JDBC queue's),
     * else the event's id, which a sequence holds once.
     */
    static String letterId(DeadLetter<? extends EventMessage<?>> letter) {
        return letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getIdentifier() : letter.message().getIdentifier();
    }
}
