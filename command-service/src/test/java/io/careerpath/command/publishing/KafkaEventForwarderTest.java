package io.careerpath.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.pipeline.AxonSerialization;
import io.careerpath.pipeline.processors.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.GenericTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The forwarder's rules, each against the event store's stream, a token store and a dead-letter queue, with a
 * producer whose acknowledgements the test decides: a record refused for good parks its person (and only them),
 * an outage parks nothing and sends nothing twice, one instance publishes at a time and another takes over.
 * The same rules against a real broker and the service's own database: {@code PublisherDeadLettersTest},
 * {@code PublisherHealthTest}, the crash test of local-platform.
 */
class KafkaEventForwarderTest {

    private static final String TOPIC = "career-events";
    private final Serializer serializer = AxonSerialization.serializer(new ObjectMapper());
    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final List<KafkaEventForwarder> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(KafkaEventForwarder::stop);
        eventStore.shutDown();
    }

    @Test
    void aRecordRefusedForGoodParksItsPersonWhileEveryoneElseFlowsAndARetryPublishesThePersonInOrder() {
        ChoosyProducer producer = new ChoosyProducer();
        producer.refused.add("a-2");
        SequencedDeadLetterQueue<EventMessage<?>> queue = InMemorySequencedDeadLetterQueue.defaultQueue();
        append("a", 1, "a-1");
        append("b", 1, "b-1");
        append("a", 2, "a-2");
        append("b", 2, "b-2");
        append("a", 3, "a-3");
        // all five in the first batch
        KafkaEventForwarder forwarder = start(producer, new InMemoryTokenStore(), queue);
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.sequenceSize("a") == 2);
        // a-3 was sent with its batch before Kafka's refusal of a-2 was known: it waits behind a-2 all the same
        assertThat(producer.published()).containsExactly("a-1", "b-1", "b-2", "a-3");
        assertThat(letters(queue, "a")).containsExactly("a-2", "a-3");
        assertThat(queue.deadLetterSequence("a").iterator().next().cause().orElseThrow().type())
                .isEqualTo(RecordTooLargeException.class.getName());

        append("a", 4, "a-4");
        append("b", 3, "b-3");
        await().atMost(Duration.ofSeconds(20)).until(() -> producer.published().contains("b-3"));
        assertThat(letters(queue, "a")).containsExactly("a-2", "a-3", "a-4");
        assertThat(producer.published()).doesNotContain("a-4");

        producer.refused.clear();
        assertThat(forwarder.process(letter -> "a".equals(KafkaEventForwarder.sequenceOf(letter.message())))).isTrue();
        assertThat(queue.contains("a")).isFalse();
        assertThat(producer.published()).endsWith("a-2", "a-3", "a-4");

        append("a", 5, "a-5");
        await().atMost(Duration.ofSeconds(20)).until(() -> producer.published().contains("a-5"));
        assertThat(queue.size()).isZero();
    }

    @Test
    void aPersonParkedInOneBatchStaysParkedInTheBatchReadAheadWhileKafkaAcknowledgedIt() {
        ChoosyProducer producer = new ChoosyProducer();
        producer.refused.add("a-2");
        SequencedDeadLetterQueue<EventMessage<?>> queue = InMemorySequencedDeadLetterQueue.defaultQueue();
        append("a", 1, "a-1");
        append("a", 2, "a-2");
        append("b", 1, "b-1");
        append("a", 3, "a-3");
        append("b", 2, "b-2");
        // batches of two: the second, read while Kafka acknowledges the first, holds a-3 behind the refused a-2
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        start(producer, tokens, queue, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> position(tokens) == 4);
        assertThat(producer.published()).containsExactly("a-1", "b-1", "b-2");
        assertThat(letters(queue, "a")).containsExactly("a-2", "a-3");
    }

    @Test
    void anOutageParksNothingAndTheRetryDoesNotSendAgainWhatKafkaAcknowledged() {
        ChoosyProducer producer = new ChoosyProducer();
        producer.timingOut.put("b-2", new AtomicInteger(2));
        SequencedDeadLetterQueue<EventMessage<?>> queue = InMemorySequencedDeadLetterQueue.defaultQueue();
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        start(producer, tokens, queue);

        append("a", 1, "a-1");
        append("b", 1, "b-1");
        append("b", 2, "b-2");
        append("a", 2, "a-2");
        await().atMost(Duration.ofSeconds(30)).until(() -> position(tokens) == 3);
        assertThat(producer.published()).containsExactlyInAnyOrder("a-1", "b-1", "b-2", "a-2");
        assertThat(producer.attempts.get()).as("two failed attempts of b-2 and nothing else again").isEqualTo(6);
        assertThat(queue.size()).isZero();
    }

    @Test
    void oneInstancePublishesAtATimeAndAnotherTakesOverWhenItStops() throws Exception {
        String database = "jdbc:h2:mem:forwarder-claims;DB_CLOSE_DELAY=-1";
        JdbcTokenStore first = tokenStore(database, "first");
        first.createSchema(GenericTokenTableFactory.INSTANCE);
        ChoosyProducer firstProducer = new ChoosyProducer();
        ChoosyProducer secondProducer = new ChoosyProducer();
        KafkaEventForwarder firstForwarder = start(firstProducer, first, InMemorySequencedDeadLetterQueue.defaultQueue());
        await().atMost(Duration.ofSeconds(10)).until(() -> firstForwarder.state().segmentsClaimed() == 1);
        KafkaEventForwarder secondForwarder = start(secondProducer, tokenStore(database, "second"),
                InMemorySequencedDeadLetterQueue.defaultQueue());

        for (int i = 1; i <= 5; i++) {
            append("a", i, "a-" + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> firstProducer.published().size() == 5);
        assertThat(secondProducer.published()).isEmpty();
        assertThat(secondForwarder.state().segmentsClaimed()).isZero();

        firstForwarder.stop();
        for (int i = 6; i <= 8; i++) {
            append("a", i, "a-" + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> secondProducer.published().size() == 3);
        assertThat(secondProducer.published()).containsExactly("a-6", "a-7", "a-8");
        assertThat(secondForwarder.state().segmentsClaimed()).isEqualTo(1);
    }

    private KafkaEventForwarder start(ChoosyProducer producer, TokenStore tokens,
                                      SequencedDeadLetterQueue<EventMessage<?>> queue) {
        return start(producer, tokens, queue, 200);
    }

    private KafkaEventForwarder start(ChoosyProducer producer, TokenStore tokens,
                                      SequencedDeadLetterQueue<EventMessage<?>> queue, int batchSize) {
        KafkaEventForwarder forwarder = new KafkaEventForwarder(eventStore, tokens, NoTransactionManager.INSTANCE, queue,
                producer, KafkaPublishingConfiguration.recordFormat(serializer), TOPIC,
                ProcessorMetrics.perBatch(KafkaEventForwarder.NAME, new SimpleMeterRegistry()), batchSize,
                Duration.ofMillis(200));
        forwarder.start();
        started.add(forwarder);
        return forwarder;
    }

    private JdbcTokenStore tokenStore(String url, String node) {
        return JdbcTokenStore.builder().connectionProvider(() -> DriverManager.getConnection(url))
                .serializer(serializer).nodeId(node).claimTimeout(Duration.ofSeconds(10)).build();
    }

    private void append(String person, long sequence, String eventId) {
        eventStore.publish(new GenericDomainEventMessage<>("Person", person, sequence - 1, eventId));
    }

    private static long position(TokenStore tokens) {
        TrackingToken token = tokens.fetchToken(KafkaEventForwarder.NAME, 0);
        return token == null ? -1 : token.position().orElse(-1);
    }

    private static List<String> letters(SequencedDeadLetterQueue<EventMessage<?>> queue, String sequence) {
        List<String> payloads = new ArrayList<>();
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequence)) {
            payloads.add((String) letter.message().getPayload());
        }
        return payloads;
    }

    /** Acknowledges every record at once, except those the test makes Kafka refuse for good or time out. */
    private final class ChoosyProducer extends MockProducer<String, byte[]> {

        final Set<String> refused = ConcurrentHashMap.newKeySet();
        final ConcurrentHashMap<String, AtomicInteger> timingOut = new ConcurrentHashMap<>();
        final AtomicInteger attempts = new AtomicInteger();
        private final AtomicBoolean closed = new AtomicBoolean();

        ChoosyProducer() {
            super(true, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            attempts.incrementAndGet();
            String payload = serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                    record.value(), byte[].class, String.class.getName(), null));
            if (refused.contains(payload)) {
                return CompletableFuture.failedFuture(new RecordTooLargeException("too large: " + payload));
            }
            AtomicInteger failures = timingOut.get(payload);
            if (failures != null && failures.getAndDecrement() > 0) {
                return CompletableFuture.failedFuture(new TimeoutException("no acknowledgement for " + payload));
            }
            return super.send(record, callback);
        }

        List<String> published() {
            return history().stream().map(record -> (String) serializer.deserialize(
                    new org.axonframework.serialization.SimpleSerializedObject<>(record.value(), byte[].class,
                            header(record, "axon-message-type"), null))).toList();
        }

        private static String header(ProducerRecord<String, byte[]> record, String name) {
            Header header = record.headers().lastHeader(name);
            return new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
