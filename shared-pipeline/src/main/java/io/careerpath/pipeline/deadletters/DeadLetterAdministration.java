package io.careerpath.pipeline.deadletters;

import io.careerpath.events.CareerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.UnknownSerializedType;

/**
 * What an administrator sees and does with parked events, whatever queue holds them (JDBC on the command
 * side, MongoDB on the query side): every parked sequence with its letters, a retry of one sequence through
 * the processing group's own handlers, and the eviction of one letter (a record that can never be handled,
 * so that the letters behind it can be retried). A sequence is one person's events ({@link #UNKEYED} for
 * events that name no person): a letter parks its person's later events behind it, so per-person order holds.
 */
public class DeadLetterAdministration {

    /** The sequence of events that name no person. */
    public static final String UNKEYED = "unkeyed";
    /** The cause reported for a letter parked only because an earlier letter of its sequence was. */
    public static final String QUEUED_BEHIND = "queued-behind-earlier-letter";

    private final List<ProcessingGroupDeadLetters> groups;

    public DeadLetterAdministration(List<ProcessingGroupDeadLetters> groups) {
        this.groups = List.copyOf(groups);
    }

    /**
     * One parked event.
     *
     * @param letterId       how {@code DELETE .../letters/{letterId}} names it
     * @param eventId        the event's id as the API and the audit view name it; null when its payload cannot be read
     * @param messageId      the stored message's identifier (the event store's eventIdentifier, Kafka's axon-message-id)
     * @param eventType      the event's type as the API names it ({@code JOINED_PMO}), or the stored type when unknown
     * @param sequenceNumber the person's sequence number of the event, null for an event that names no person
     * @param causeType      why it was parked: the failure's type, or {@value #QUEUED_BEHIND}
     */
    public record Letter(String letterId, String eventId, String messageId, String eventType, Long sequenceNumber, String causeType,
                         String causeMessage, Instant enqueuedAt, Instant lastTouched) {
    }

    /** One person's parked events, oldest first; the first one blocks the others. */
    public record ParkedSequence(String processingGroup, String sequenceId, List<Letter> letters) {
    }

    /** @param byCause letters per cause type */
    public record Report(long total, Map<String, Long> byCause, List<ParkedSequence> sequences) {
    }

    /**
     * @param processed   whether every letter of the sequence went through (none is parked any more)
     * @param lettersLeft letters still parked in it
     * @param causeType   why the first letter left is still parked (null when processed)
     */
    public record RetryOutcome(String sequenceId, boolean processed, long lettersLeft, String causeType,
                               String causeMessage) {
    }

    /** No letter of any processing group is parked in the sequence. */
    public static final class UnknownSequence extends RuntimeException {
        UnknownSequence(String sequenceId) {
            super("No dead letters are parked in sequence " + sequenceId);
        }
    }

    /** The sequence holds no letter with that id. */
    public static final class UnknownLetter extends RuntimeException {
        UnknownLetter(String sequenceId, String letterId) {
            super("Sequence " + sequenceId + " holds no dead letter " + letterId);
        }
    }

    public List<String> processingGroups() {
        return groups.stream().map(ProcessingGroupDeadLetters::processingGroup).toList();
    }

    public Report report() {
        List<ParkedSequence> sequences = new ArrayList<>();
        for (ProcessingGroupDeadLetters group : groups) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = group.queue();
            if (queue.size() == 0) {
                continue;
            }
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                List<Letter> letters = new ArrayList<>();
                String sequenceId = null;
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    sequenceId = sequenceId != null ? sequenceId : group.sequenceOf(letter.message());
                    letters.add(letter(letter));
                }
                if (!letters.isEmpty()) {
                    sequences.add(new ParkedSequence(group.processingGroup(), sequenceId, List.copyOf(letters)));
                }
            }
        }
        sequences.sort(Comparator.comparing((ParkedSequence sequence) -> sequence.letters().get(0).enqueuedAt())
                .thenComparing(ParkedSequence::sequenceId));
        Map<String, Long> byCause = new TreeMap<>();
        sequences.forEach(sequence -> sequence.letters().forEach(letter -> byCause.merge(letter.causeType(), 1L, Long::sum)));
        return new Report(byCause.values().stream().mapToLong(Long::longValue).sum(), byCause, sequences);
    }

    /** Letters per cause type in one processing group: one count query while nothing is parked. */
    public Map<String, Long> countsByCause(String processingGroup) {
        Map<String, Long> counts = new TreeMap<>();
        for (ProcessingGroupDeadLetters group : groups) {
            if (!group.processingGroup().equals(processingGroup) || group.queue().size() == 0) {
                continue;
            }
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : group.queue().deadLetters()) {
                sequence.forEach(letter -> counts.merge(causeType(letter), 1L, Long::sum));
            }
        }
        return counts;
    }

    /**
     * Processes the sequence now, through the processing group's handlers, oldest letter first: each letter
     * that goes through leaves the queue; the first that fails again stays, with its new cause, and keeps the
     * rest behind it.
     *
     * @throws UnknownSequence when nothing is parked in the sequence
     */
    public RetryOutcome retry(String sequenceId) {
        List<ProcessingGroupDeadLetters> parking = parking(sequenceId);
        for (ProcessingGroupDeadLetters group : parking) {
            group.processor().process(letter -> sequenceId.equals(group.sequenceOf(letter.message())));
        }
        long left = 0;
        Letter blocking = null;
        for (ProcessingGroupDeadLetters group : parking) {
            for (DeadLetter<? extends EventMessage<?>> letter : group.queue().deadLetterSequence(sequenceId)) {
                left++;
                blocking = blocking != null ? blocking : letter(letter);
            }
        }
        return blocking == null
                ? new RetryOutcome(sequenceId, true, 0, null, null)
                : new RetryOutcome(sequenceId, false, left, blocking.causeType(), blocking.causeMessage());
    }

    /**
     * Takes one letter out of the queue for good: its event is never handled by this processing group.
     *
     * @throws UnknownSequence when nothing is parked in the sequence
     * @throws UnknownLetter   when the sequence holds no letter with that id
     */
    public void evict(String sequenceId, String letterId) {
        for (ProcessingGroupDeadLetters group : parking(sequenceId)) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = group.queue();
            for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequenceId)) {
                if (ProcessingGroupDeadLetters.letterId(letter).equals(letterId)) {
                    queue.evict(letter);
                    return;
                }
            }
        }
        throw new UnknownLetter(sequenceId, letterId);
    }

    private List<ProcessingGroupDeadLetters> parking(String sequenceId) {
        List<ProcessingGroupDeadLetters> parking = groups.stream().filter(group -> group.queue().contains(sequenceId)).toList();
        if (parking.isEmpty()) {
            throw new UnknownSequence(sequenceId);
        }
        return parking;
    }

    private static Letter letter(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        Long sequenceNumber = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        return new Letter(ProcessingGroupDeadLetters.letterId(letter), eventId(message), message.getIdentifier(),
                eventType(message),
                sequenceNumber, causeType(letter), letter.cause().map(Cause::message).orElse(null),
                letter.enqueuedAt(), letter.lastTouched());
    }

    private static String eventId(EventMessage<?> message) {
        try {
            return message.getPayload() instanceof CareerEvent event ? event.eventId() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String causeType(DeadLetter<?> letter) {
        return letter.cause().map(Cause::type).orElse(QUEUED_BEHIND);
    }

    /**
     * The event's type as the API names it; for a payload type this code does not know (a newer writer, a
     * record that was never an event) the type as stored, so that an administrator can tell what it was.
     */
    static String eventType(EventMessage<?> message) {
        try {
            Class<?> type = message.getPayloadType();
            if (CareerEvent.class.isAssignableFrom(type)) {
                return CareerEvent.typeOf(type.asSubclass(CareerEvent.class));
            }
            if (UnknownSerializedType.class.equals(type)) {
                return ((UnknownSerializedType) message.getPayload()).serializedType().getName();
            }
            return type.getName();
        } catch (RuntimeException unreadable) {
            return "unreadable";
        }
    }
}
