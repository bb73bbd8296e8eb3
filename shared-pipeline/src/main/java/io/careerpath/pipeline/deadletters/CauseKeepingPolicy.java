package io.careerpath.pipeline.deadletters;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Parks every failed event, keeping the failure's own type as the letter's cause also after a failed retry.
 * Axon's default policy hands the queue a {@link ThrowableCause} (to truncate the message), and the JDBC and
 * MongoDB letters wrap what they are given once more when a retry fails: the cause type then reads
 * {@code ThrowableCause} instead of, say, {@code RecordTooLargeException}. The failure itself is handed over
 * here while its message fits the queue's column, truncated only beyond that.
 */
public final class CauseKeepingPolicy implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        return Decisions.enqueue(kept(cause));
    }

    /** The failure as a letter keeps it: itself while its message fits the queue's column, truncated beyond. */
    public static Throwable kept(Throwable cause) {
        String message = cause.getMessage();
        boolean fits = message == null || message.length() <= ThrowableCause.TRUNCATED_MESSAGE_SIZE;
        return fits ? cause : ThrowableCause.truncated(cause);
    }
}
