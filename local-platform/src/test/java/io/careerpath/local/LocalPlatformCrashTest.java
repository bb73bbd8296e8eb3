package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An event answered 201 survives any crash of the single-machine platform, exactly once, and the read
 * side ends up showing exactly what the event store holds. The platform runs in a child JVM as the README
 * starts it, under load from several clients recording {@code ADMINISTRATIVE_LOAD_RECORDED} events for 40
 * people, each request with an {@code Idempotency-Key}; it is killed with SIGKILL at a random moment,
 * several times, and started again the same way each time. After each restart the clients retry every
 * request that got no answer, with the same key, and send again the last ones that were answered; then
 * the event store (the audit view reads it directly) must hold every acknowledged event once, and once the
 * read side has caught up each timeline must hold exactly the store's events. The figures of every round
 * are printed.
 *
 * <p>Each request records a day of its own for its person (the registration day plus its number), so the
 * store tells which request an event came from: a second event on a request's day was recorded twice.
 */
@Tag("bad-day")
class LocalPlatformCrashTest {

    private static final int PEOPLE = 40;
    private static final int CLIENTS = 5;
    private static final int ROUNDS = 3;
    /** The last answered requests of each person sent again after a restart: the ones a lazy disk loses. */
    private static final int RESENT_PER_PERSON = 3;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(90);
    private static final LocalDate REGISTERED = LocalDate.of(2000, 1, 1);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The launcher leaves the services' topic as configured (command-service.yml). */
    private static final String TOPIC = "careerpath.career-events";

    /** The store against the requests: acknowledged events it lacks, and events of a request beside its answer. */
    record StoreFigures(int missing, int duplicated) {
    }

    /** The timelines against the store: entries the store does not hold, and stored events they lack. */
    record ReadFigures(int timelineOnly, int storeOnly) {
    }

    /**
     * What one round found. Missing, duplicated, not replayed, timeline-only and store-only must be 0; missing
     * and duplicated count over every event acknowledged so far, since a crash could take an older one too.
     */
    record Round(int number, int acknowledged, double perSecond, int unanswered, int replayedRetries,
                 StoreFigures store, int notReplayed, ReadFigures read, long brokerGoneMillis, long restartMillis,
                 long caughtUpMillis) {

        String figures() {
            return String.format("round %d: acknowledged %d (%.0f/s), unanswered at the kill %d (retried; %d had been"
                            + " recorded and were replayed) | missing %d, duplicated %d, timeline-only %d, store-only %d,"
                            + " last answers not replayed %d | broker gone %.1f s after the kill, platform running again"
                            + " %.1f s after it, read side caught up %s",
                    number, acknowledged, perSecond, unanswered, replayedRetries, store.missing(), store.duplicated(),
                    read.timelineOnly(), read.storeOnly(), notReplayed, brokerGoneMillis / 1000.0, restartMillis / 1000.0,
                    caughtUpMillis < 0 ? "never (gave up " + CATCH_UP_TIMEOUT.toSeconds() + " s after the restart)"
                            : String.format("%.1f s after it", caughtUpMillis / 1000.0));
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void acknowledgedEventsSurviveSigkillExactlyOnceAndTimelinesEndUpHoldingTheStoredEvents() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path dir = Path.of("target", "crash-test").toAbsolutePath();
        deleteRecursively(dir);
        Path dataDir = dir.resolve("data");
        PlatformProcess.Ports ports = PlatformProcess.Ports.free();
        System.out.printf("Crash test: seed %d, platform output and data in %s%n", seed, dir);

        Path output = dir.resolve("platform-0.log");
        PlatformProcess platform = PlatformProcess.start(dataDir, ports, output, START_TIMEOUT);
        List<Round> rounds = new ArrayList<>();
        try {
            Api api = new Api(ports);
            Ledger ledger = new Ledger();
            for (int i = 0; i < PEOPLE; i++) {
                ledger.people.add(api.register("Crash Test Person " + i));
            }
            for (int number = 1; number <= ROUNDS; number++) {
                int killAfter = 50 + random.nextInt(200);
                Load load = Load.start(api, ledger);
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
                        .until(() -> load.acknowledged.get() >= killAfter || load.stoppedEarly());
                assertThat(load.failures).as("answers other than 201 before the kill; the platform said:\n%s",
                        platform.tail()).isEmpty();
                ProcessHandle broker = platform.broker().orElseThrow();
                long killed = System.nanoTime();
                platform.kill();
                load.awaitStopped();
                double perSecond = load.acknowledged.get() / ((killed - load.started) / 1e9);

                await().atMost(KafkaBrokerChild.SHUTDOWN_GRACE.plusSeconds(20)).pollInterval(Duration.ofMillis(50))
                        .until(() -> !broker.isAlive());
                long brokerGone = millisSince(killed);
                output = dir.resolve("platform-" + number + ".log");
                platform = PlatformProcess.start(dataDir, ports, output, START_TIMEOUT);
                long restarted = millisSince(killed);

                List<Request> unanswered = ledger.unanswered();
                int replayedRetries = retry(api, unanswered);
                int notReplayed = resend(api, ledger.lastAnswered(RESENT_PER_PERSON));

                Map<String, JsonNode> stored = new HashMap<>();
                for (String person : ledger.people) {
                    stored.put(person, api.careerEvents(person));
                }
                StoreFigures store = compareWithStore(ledger, stored);
                Map<String, JsonNode> timelines = new ConcurrentHashMap<>();
                long caughtUp = awaitReadSide(api, stored, timelines) ? millisSince(killed) : -1;
                ReadFigures read = compareWithTimelines(stored, timelines, ledger.answeredBefore(killed),
                        () -> topicSequences(ports.kafka()));

                Round round = new Round(number, load.acknowledged.get(), perSecond, unanswered.size(), replayedRetries,
                        store, notReplayed, read, brokerGone, restarted, caughtUp);
                rounds.add(round);
                System.out.println("Crash test " + round.figures());
            }
        } finally {
            platform.close();
            System.out.println("Crash test summary (seed " + seed + "):");
            rounds.forEach(round -> System.out.println("  " + round.figures()));
        }

        // the last start was stopped as Ctrl-C stops it: the event store stays open until the services have stopped
        assertThat(Files.readString(output)).as("the platform's output, stopped by SIGTERM")
                .doesNotContain("Database is already closed");
        assertThat(rounds).hasSize(ROUNDS).allSatisfy(round -> {
            assertThat(round.store().missing()).as("acknowledged events missing from the store, round %d", round.number())
                    .isZero();
            assertThat(round.store().duplicated()).as("events recorded twice, round %d", round.number()).isZero();
            assertThat(round.notReplayed()).as("answered requests sent again and recorded anew, round %d", round.number())
                    .isZero();
            assertThat(round.read().timelineOnly()).as("timeline entries the store does not hold, round %d", round.number())
                    .isZero();
            assertThat(round.read().storeOnly()).as("stored events missing from the timelines, round %d", round.number())
                    .isZero();
            assertThat(round.acknowledged()).as("events acknowledged before the kill, round %d", round.number()).isPositive();
        });
    }

    /** Sends again, with the same key, what got no answer: each must now be answered 201. How many were replays. */
    private static int retry(Api api, List<Request> unanswered) {
        int replayed = 0;
        for (Request request : unanswered) {
            Answer answer = api.record(request);
            assertThat(answer.status()).as("the retry of %s: %s", request, answer.body()).isEqualTo(201);
            request.eventId = answer.eventId();
            replayed += answer.replayed() ? 1 : 0;
        }
        return replayed;
    }

    /**
     * Sends again, with the same key, requests that were answered 201: each must be a replay of its first answer.
     * How many were not (their key was lost, and the request recorded anew).
     */
    private static int resend(Api api, List<Request> answered) {
        int notReplayed = 0;
        for (Request request : answered) {
            Answer answer = api.record(request);
            if (answer.status() != 201 || !answer.replayed() || !request.eventId.equals(answer.eventId())) {
                notReplayed++;
            }
        }
        return notReplayed;
    }

    private static StoreFigures compareWithStore(Ledger ledger, Map<String, JsonNode> stored) {
        int missing = 0;
        int duplicated = 0;
        for (String person : ledger.people) {
            Map<LocalDate, Request> byDay = new HashMap<>();
            ledger.requestsOf(person).forEach(request -> byDay.put(request.effectiveDate, request));
            Set<String> storedIds = new HashSet<>();
            for (JsonNode event : stored.get(person).get("events")) {
                storedIds.add(event.get("eventId").asText());
                if (event.get("type").asText().equals("ADMINISTRATIVE_LOAD_RECORDED")) {
                    Request request = byDay.get(LocalDate.parse(event.get("effectiveDate").asText()));
                    if (request == null || !event.get("eventId").asText().equals(request.eventId)) {
                        duplicated++;
                    }
                }
            }
            missing += (int) ledger.requestsOf(person).stream()
                    .filter(request -> request.eventId != null && !storedIds.contains(request.eventId)).count();
        }
        return new StoreFigures(missing, duplicated);
    }

    /**
     * Polls every person's timeline until its {@code sequence} is the store's last sequence; the last timelines
     * read are left in {@code timelines} either way.
     */
    private static boolean awaitReadSide(Api api, Map<String, JsonNode> stored, Map<String, JsonNode> timelines) {
        Set<String> behind = ConcurrentHashMap.newKeySet();
        behind.addAll(stored.keySet());
        try {
            await().atMost(CATCH_UP_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
                for (String person : List.copyOf(behind)) {
                    JsonNode timeline = api.timeline(person);
                    if (timeline != null) {
                        timelines.put(person, timeline);
                        if (timeline.get("sequence").asLong() == stored.get(person).get("sequence").asLong()) {
                            behind.remove(person);
                        }
                    }
                }
                return behind.isEmpty();
            });
            return true;
        } catch (ConditionTimeoutException e) {
            System.out.println("Crash test: the read side did not catch up for " + behind.size() + " people: " + behind);
            return false;
        }
    }

    /** An event in a timeline or in the store but not in both, and where the two stood. */
    record Difference(String personId, long sequence, String eventId, JsonNode storeAt, JsonNode timelineAt) {

        String describe(Map<String, Long> answeredBeforeKill) {
            Long before = answeredBeforeKill.get(eventId);
            return "person " + personId + " (store at " + storeAt + ", timeline at " + timelineAt + "): sequence "
                    + sequence + " event " + eventId + (before == null ? "" : ", answered " + before + " ms before the kill");
        }
    }

    /**
     * Each difference is printed with its person and sequence, for whoever looks for the cause; a stored event
     * missing from a timeline also with whether the topic holds it (published and skipped, or never published).
     */
    private static ReadFigures compareWithTimelines(Map<String, JsonNode> stored, Map<String, JsonNode> timelines,
                                                    Map<String, Long> answeredBeforeKill,
                                                    Supplier<Map<String, Set<Long>>> onTopic) {
        List<Difference> timelineOnly = new ArrayList<>();
        List<Difference> storeOnly = new ArrayList<>();
        for (Map.Entry<String, JsonNode> person : stored.entrySet()) {
            JsonNode timeline = timelines.get(person.getKey());
            JsonNode storeAt = person.getValue().get("sequence");
            JsonNode timelineAt = timeline == null ? JSON.nullNode() : timeline.get("sequence");
            Map<String, Long> storedIds = sequences(person.getValue().get("events"), "sequenceNumber");
            Map<String, Long> shownIds = timeline == null ? Map.of() : sequences(timeline.get("entries"), "sequence");
            shownIds.forEach((id, sequence) -> {
                if (!storedIds.containsKey(id)) {
                    timelineOnly.add(new Difference(person.getKey(), sequence, id, storeAt, timelineAt));
                }
            });
            storedIds.forEach((id, sequence) -> {
                if (!shownIds.containsKey(id)) {
                    storeOnly.add(new Difference(person.getKey(), sequence, id, storeAt, timelineAt));
                }
            });
        }
        timelineOnly.forEach(difference -> System.out.println("Crash test: in a timeline, not in the store: "
                + difference.describe(answeredBeforeKill)));
        Map<String, Set<Long>> published = storeOnly.isEmpty() ? Map.of() : onTopic.get();
        storeOnly.forEach(difference -> System.out.println("Crash test: in the store, not in the timeline: "
                + difference.describe(answeredBeforeKill)
                + (published.getOrDefault(difference.personId(), Set.of()).contains(difference.sequence())
                ? "; on the topic" : "; not on the topic")));
        return new ReadFigures(timelineOnly.size(), storeOnly.size());
    }

    private static Map<String, Long> sequences(JsonNode events, String sequenceField) {
        Map<String, Long> byId = new HashMap<>();
        events.forEach(event -> byId.put(event.get("eventId").asText(), event.get(sequenceField).asLong()));
        return byId;
    }

    /** One request of the load: its person, key and day; the event id the platform answered with, once it has. */
    static final class Request {
        final String personId;
        final String key = UUID.randomUUID().toString();
        final LocalDate effectiveDate;
        final int percentOfTime;
        volatile String eventId;
        volatile long answeredAt;

        Request(String personId, int number) {
            this.personId = personId;
            this.effectiveDate = REGISTERED.plusDays(number);
            this.percentOfTime = number % 101;
        }

        @Override
        public String toString() {
            return "request " + key + " (person " + personId + ", " + effectiveDate + ")";
        }
    }

    /** Every request made, per person in order. A person's requests come from one client, one at a time. */
    static final class Ledger {
        final List<String> people = new ArrayList<>();
        private final Map<String, List<Request>> requests = new ConcurrentHashMap<>();

        Request next(String personId) {
            List<Request> mine = requests.computeIfAbsent(personId, id -> new ArrayList<>());
            synchronized (mine) {
                Request request = new Request(personId, mine.size() + 1);
                mine.add(request);
                return request;
            }
        }

        List<Request> requestsOf(String personId) {
            List<Request> mine = requests.getOrDefault(personId, List.of());
            synchronized (mine) {
                return List.copyOf(mine);
            }
        }

        List<Request> unanswered() {
            return people.stream().flatMap(person -> requestsOf(person).stream())
                    .filter(request -> request.eventId == null).toList();
        }

        /** Event id to how many milliseconds before {@code killed} it was answered, for the events answered before it. */
        Map<String, Long> answeredBefore(long killed) {
            Map<String, Long> before = new HashMap<>();
            people.forEach(person -> requestsOf(person).stream()
                    .filter(request -> request.eventId != null && request.answeredAt != 0 && request.answeredAt < killed)
                    .forEach(request -> before.put(request.eventId, TimeUnit.NANOSECONDS.toMillis(killed - request.answeredAt))));
            return before;
        }

        List<Request> lastAnswered(int perPerson) {
            return people.stream().flatMap(person -> {
                List<Request> answered = requestsOf(person).stream().filter(request -> request.eventId != null).toList();
                return answered.subList(Math.max(0, answered.size() - perPerson), answered.size()).stream();
            }).toList();
        }
    }

    /** The clients, each recording for its own people in turn until the platform stops answering. */
    static final class Load {
        final AtomicInteger acknowledged = new AtomicInteger();
        final long started = System.nanoTime();
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger running = new AtomicInteger(CLIENTS);

        static Load start(Api api, Ledger ledger) {
            Load load = new Load();
            for (int client = 0; client < CLIENTS; client++) {
                List<String> mine = new ArrayList<>();
                for (int person = client; person < ledger.people.size(); person += CLIENTS) {
                    mine.add(ledger.people.get(person));
                }
                load.clients.submit(() -> load.run(api, ledger, mine));
            }
            return load;
        }

        private void run(Api api, Ledger ledger, List<String> people) {
            try {
                for (int turn = 0; ; turn++) {
                    Request request = ledger.next(people.get(turn % people.size()));
                    Answer answer = api.record(request);
                    if (answer.status() == 201) {
                        request.answeredAt = System.nanoTime();
                        request.eventId = answer.eventId();
                        acknowledged.incrementAndGet();
                    } else {
                        failures.add(request + ": " + answer.status() + " " + answer.body());
                        return;
                    }
                }
            } catch (UncheckedIOException | IllegalStateException platformGone) {
                // the platform was killed: this client's last request stays without an answer
            } finally {
                running.decrementAndGet();
            }
        }

        boolean stoppedEarly() {
            return running.get() < CLIENTS;
        }

        void awaitStopped() throws InterruptedException {
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).as("clients stopped after the kill").isTrue();
        }
    }

    record Answer(int status, JsonNode body, boolean replayed) {
        String eventId() {
            return body.get("eventId").asText();
        }
    }

    /** The command and query APIs as the HR administrator, signed in at the platform's own sign-in server. */
    static final class Api {
        private final PlatformProcess.Ports ports;
        private final SignIn signIn;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Api(PlatformProcess.Ports ports) {
            this.ports = ports;
            this.signIn = SignIn.atIssuer(ports.issuer(), PlatformServices.dashboardOrigin(ports.query()));
        }

        String register(String displayName) {
            Answer answer = post(ports.commandApi() + "/api/people", Map.of("displayName", displayName,
                    "teamId", "team-crash", "effectiveDate", REGISTERED.toString()), null);
            assertThat(answer.status()).as("registration: %s", answer.body()).isEqualTo(201);
            return answer.body().get("personId").asText();
        }

        Answer record(Request request) {
            return post(ports.commandApi() + "/api/people/" + request.personId + "/career-events",
                    Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", request.effectiveDate.toString(),
                            "percentOfTime", request.percentOfTime), request.key);
        }

        JsonNode careerEvents(String personId) {
            HttpResponse<String> response = get(ports.commandApi() + "/api/people/" + personId + "/career-events");
            assertThat(response.statusCode()).as("audit view: %s", response.body()).isEqualTo(200);
            return json(response.body());
        }

        /** The person's timeline; null while the query side has none. */
        JsonNode timeline(String personId) {
            HttpResponse<String> response = get(ports.queryApi() + "/api/people/" + personId + "/timeline");
            return response.statusCode() == 200 ? json(response.body()) : null;
        }

        private Answer post(String uri, Map<String, Object> body, String idempotencyKey) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", signIn.bearer(RunningPlatform.HR_ADMIN))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
                if (idempotencyKey != null) {
                    request.header("Idempotency-Key", idempotencyKey);
                }
                HttpResponse<String> response = send(request.build());
                return new Answer(response.statusCode(), json(response.body()),
                        response.headers().firstValue("Idempotent-Replayed").map(Boolean::parseBoolean).orElse(false));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private HttpResponse<String> get(String uri) {
            return send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", signIn.bearer(RunningPlatform.HR_ADMIN)).GET().build());
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(request.method() + " " + request.uri() + " got no answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static JsonNode json(String body) {
            try {
                return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }
    }

    /** Person id to the sequence numbers of their records on the platform's topic (Axon's headers). */
    private static Map<String, Set<Long>> topicSequences(int kafkaPort) {
        Map<String, Set<Long>> sequences = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    Header sequence = record.headers().lastHeader("axon-message-aggregate-seq");
                    if (sequence != null) {
                        sequences.computeIfAbsent(record.key(), person -> new HashSet<>())
                                .add(ByteBuffer.wrap(sequence.value()).getLong());
                    }
                });
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return sequences;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
