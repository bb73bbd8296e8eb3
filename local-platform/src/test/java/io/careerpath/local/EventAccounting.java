package io.careerpath.local;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.http.ResponseEntity;

/**
 * Where each acknowledged event ended up, compared with the source of truth: the event store (its audit view,
 * read from the store), the topic (every record, read with a plain consumer, counted by the career event's id in
 * its payload) and the read model (each person's timeline, waited for until it holds exactly the stored events,
 * entry by entry: the same sequence and event id, in sequence order, as many as the store holds, or until
 * {@code converge} passes; see {@link #timelineDifference}).
 *
 * <p>The topic is at least once by design (docs/operations.md): the publisher stores its position in the event
 * store after Kafka acknowledged a batch; a batch whose position could not be stored (the event store went away in
 * between) is not sent again by the same process, but a crash in between, or a send that timed out and still
 * landed, publishes a copy, which the projection recognises. Copies are counted here; the tests that can rule them
 * out assert it.
 */
final class EventAccounting {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param acknowledgedNotStored acknowledged events the store does not hold: lost
     * @param storedNotAcknowledged stored events nobody was told of: written by a request that was answered with
     *                              an error (half-written), or recorded twice
     * @param storedNotOnTopic      stored events never published
     * @param publishedAgain        event id, how often it is on the topic, for those there more than once
     * @param onTopicNotStored      records on the topic for these people that the store never held
     * @param timelinesDisagreeing  people whose timeline does not hold exactly their stored events, each once,
     *                              entry by entry (sequence and event id, in sequence order, and how many)
     * @param timelineDifferences   for each of them, how their timeline differed from the store when last read
     */
    record Result(int acknowledged, int stored, Set<String> acknowledgedNotStored, Set<String> storedNotAcknowledged,
                  Set<String> storedNotOnTopic, Map<String, Integer> publishedAgain, Set<String> onTopicNotStored,
                  Set<String> timelinesDisagreeing, Map<String, String> timelineDifferences) {

        /**
         * Every acknowledged event is in the store exactly once and nothing else is, each is on the topic (at least
         * once) and nothing else of these people is, and each person's timeline holds exactly their stored events.
         */
        boolean everyAcknowledgedEventAccountedFor() {
            return acknowledgedNotStored.isEmpty() && storedNotAcknowledged.isEmpty() && storedNotOnTopic.isEmpty()
                    && onTopicNotStored.isEmpty() && timelinesDisagreeing.isEmpty();
        }

        /** Acknowledged events missing from the store, the topic or a timeline. */
        int lost() {
            return acknowledgedNotStored.size() + storedNotOnTopic.size() + timelinesDisagreeing.size();
        }
    }

    private EventAccounting() {
    }

    /** The event ids the store holds now for each of the people (everything acknowledged so far). */
    static Map<String, Set<String>> storedNow(RunningPlatform platform, List<String> people) {
        Map<String, Set<String>> stored = new TreeMap<>();
        people.forEach(person -> stored.put(person, new HashSet<>(storedEventIds(platform, person))));
        return stored;
    }

    /**
     * @param acknowledged by person: every event the platform answered as recorded (those stored before the
     *                     load included)
     */
    static Result check(RunningPlatform platform, Map<String, Set<String>> acknowledged, Duration converge) {
        Map<String, List<String>> stored = new TreeMap<>();
        acknowledged.keySet().forEach(person -> stored.put(person, storedEventIds(platform, person)));
        Set<String> acknowledgedIds = new TreeSet<>();
        acknowledged.values().forEach(acknowledgedIds::addAll);
        Set<String> storedIds = new TreeSet<>();
        stored.values().forEach(storedIds::addAll);

        Map<String, Integer> onTopic = awaitTopicHolding(platform, acknowledged.keySet(), storedIds, converge);
        Map<String, String> timelineDifferences = new TreeMap<>();
        Set<String> timelinesDisagreeing = awaitTimelinesHoldingTheStore(platform, acknowledged.keySet(),
                timelineDifferences, converge);

        Map<String, Integer> publishedAgain = new TreeMap<>();
        onTopic.forEach((id, count) -> {
            if (count > 1) {
                publishedAgain.put(id, count);
            }
        });
        return new Result(acknowledgedIds.size(), storedIds.size(), difference(acknowledgedIds, storedIds),
                difference(storedIds, acknowledgedIds), difference(storedIds, onTopic.keySet()), publishedAgain,
                difference(onTopic.keySet(), storedIds), timelinesDisagreeing, timelineDifferences);
    }

    private static List<String> storedEventIds(RunningPlatform platform, String personId) {
        List<String> ids = new ArrayList<>();
        platform.client.careerEvents(personId).get("events").forEach(event -> ids.add(event.get("eventId").asText()));
        return ids;
    }

    private static Map<String, Integer> awaitTopicHolding(RunningPlatform platform, Set<String> people,
                                                          Set<String> storedIds, Duration converge) {
        AtomicReference<Map<String, Integer>> last = new AtomicReference<>(Map.of());
        try {
            await().atMost(converge).pollInterval(Duration.ofMillis(500)).until(() -> {
                last.set(eventIdsOnTopic(platform.infrastructure.kafkaBootstrapServers(), platform.topic, people));
                return last.get().keySet().containsAll(storedIds);
            });
        } catch (ConditionTimeoutException notAll) {
            // reported as stored events not on the topic
        }
        return last.get();
    }

    private static Set<String> awaitTimelinesHoldingTheStore(RunningPlatform platform, Set<String> people,
                                                             Map<String, String> differences, Duration converge) {
        Set<String> disagreeing = new TreeSet<>(people);
        Map<String, JsonNode> stored = new HashMap<>();
        people.forEach(person -> stored.put(person, platform.client.careerEvents(person)));
        try {
            await().atMost(converge).pollInterval(Duration.ofMillis(200)).until(() -> {
                disagreeing.removeIf(person -> {
                    ResponseEntity<JsonNode> timeline = platform.client.tryTimeline(person);
                    String difference = timeline.getStatusCode().value() != 200
                            ? "the timeline answers " + timeline.getStatusCode().value()
                            : timelineDifference(stored.get(person), timeline.getBody());
                    if (difference == null) {
                        differences.remove(person);
                        return true;
                    }
                    differences.put(person, difference);
                    return false;
                });
                return disagreeing.isEmpty();
            });
        } catch (ConditionTimeoutException notAll) {
            // reported as disagreeing
        }
        return disagreeing;
    }

    /**
     * The read model's entries of the person, entry by entry, as the event store holds them: the events of the
     * audit view (read from the store) that a timeline shows (retractions and the events they retracted left out),
     * each as {@code <sequence> <event id>}, in sequence order.
     */
    static List<String> storedEntries(JsonNode auditView) {
        List<String> entries = new ArrayList<>();
        for (JsonNode event : auditView.get("events")) {
            boolean retracted = event.hasNonNull("retractedBy") && !event.get("retractedBy").asText().isEmpty();
            if (!retracted && !event.get("type").asText().equals("EVENT_RETRACTED")) {
                entries.add(event.get("sequenceNumber").asLong() + " " + event.get("eventId").asText());
            }
        }
        return entries;
    }

    /** The timeline's entries, each as {@code <sequence> <event id>}, in sequence order, each as often as it is there. */
    static List<String> timelineEntries(JsonNode timeline) {
        List<JsonNode> entries = new ArrayList<>();
        timeline.get("entries").forEach(entries::add);
        entries.sort(java.util.Comparator.comparingLong(entry -> entry.get("sequence").asLong()));
        return entries.stream().map(entry -> entry.get("sequence").asLong() + " " + entry.get("eventId").asText()).toList();
    }

    /**
     * How the person's timeline differs from what the event store holds for them ({@code null} if it does not):
     * the same number of entries, entry by entry the same sequence and event id in sequence order, and the same
     * last sequence. A copy of an event under another sequence, a lost event or one under the wrong sequence shows.
     */
    static String timelineDifference(JsonNode auditView, JsonNode timeline) {
        List<Long> storedSequences = new ArrayList<>();
        auditView.get("events").forEach(event -> storedSequences.add(event.get("sequenceNumber").asLong()));
        for (int i = 1; i < storedSequences.size(); i++) {
            if (storedSequences.get(i) <= storedSequences.get(i - 1)) {
                return "the event store's sequences are not strictly increasing: " + storedSequences;
            }
        }
        List<String> store = storedEntries(auditView);
        List<String> readModel = timelineEntries(timeline);
        if (!readModel.equals(store)) {
            int first = 0;
            while (first < Math.min(store.size(), readModel.size()) && store.get(first).equals(readModel.get(first))) {
                first++;
            }
            return "the event store holds " + store.size() + " entries, the read model " + readModel.size()
                    + "; first difference at entry " + first + ": store "
                    + (first < store.size() ? store.get(first) : "(none)") + ", read model "
                    + (first < readModel.size() ? readModel.get(first) : "(none)")
                    + (store.size() + readModel.size() <= 20 ? "; store " + store + ", read model " + readModel : "");
        }
        long storeSequence = auditView.get("sequence").asLong();
        long readModelSequence = timeline.get("sequence").asLong();
        return storeSequence == readModelSequence ? null
                : "the event store's last sequence is " + storeSequence + ", the read model's " + readModelSequence;
    }

    /** How often each event id is on the topic, among the records keyed by one of the people. */
    static Map<String, Integer> eventIdsOnTopic(String bootstrapServers, String topic, Set<String> people) {
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (people.contains(record.key())) {
                        counts.merge(eventId(record.value()), 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    /** The career event's own id, which the audit view and the timeline show (the record's payload, in the clear). */
    private static String eventId(byte[] payload) {
        try {
            return JSON.readTree(payload).path("eventId").asText("(no eventId)");
        } catch (java.io.IOException notJson) {
            return "(not JSON)";
        }
    }

    private static Set<String> difference(Set<String> these, Set<String> notIn) {
        Set<String> difference = new TreeSet<>(these);
        difference.removeAll(notIn);
        return difference;
    }
}
