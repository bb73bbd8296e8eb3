package io.careerpath.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The cluster test's clients and their record of what they were told ({@link ClusterFailoverTest}): every
 * request records an {@code ADMINISTRATIVE_LOAD_RECORDED} event on a day of its own for its person (the
 * registration day plus the request's number), with an {@code Idempotency-Key}, so the event store tells which
 * request each stored event came from, and a second event on one request's day was recorded twice.
 */
final class ClusterLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate REGISTERED = LocalDate.of(2000, 1, 1);

    private ClusterLoad() {
    }

    record Answer(int status, JsonNode body, boolean replayed) {
    }

    /**
     * The HR administrator's client of the command services, through the balancer: a request that got no answer
     * (its connection cut, refused) or a 502/503/504 is sent again with the same key, until it is answered or
     * {@code patience} has passed, as a client behind a load balancer does.
     */
    static final class Client {
        private final String commandUrl;
        private final String bearer;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        private final RetryPolicy<Answer> untilAnswered;
        private final AtomicInteger retried = new AtomicInteger();
        private final AtomicInteger replayed = new AtomicInteger();

        Client(String commandUrl, String token, Duration patience) {
            this.commandUrl = commandUrl;
            this.bearer = "Bearer " + token;
            this.untilAnswered = RetryPolicy.<Answer>builder()
                    .handle(UncheckedIOException.class)
                    .handleResultIf(answer -> answer.status() == 502 || answer.status() == 503 || answer.status() == 504)
                    .withDelay(Duration.ofMillis(100))
                    .withMaxRetries(-1)
                    .withMaxDuration(patience)
                    .build();
        }

        int retried() {
            return retried.get();
        }

        int replayed() {
            return replayed.get();
        }

        Answer register(String displayName) {
            return post("/api/people", Map.of("displayName", displayName, "teamId", "team-cluster",
                    "effectiveDate", REGISTERED.toString()), UUID.randomUUID().toString());
        }

        Answer record(Request request) {
            return post("/api/people/" + request.personId + "/career-events", Map.of(
                    "type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", request.effectiveDate.toString(),
                    "percentOfTime", request.percentOfTime), request.key);
        }

        /** The person's events as the event store holds them (the audit view reads the store itself). */
        JsonNode careerEvents(String personId) {
            Answer answer = send(() -> request(commandUrl + "/api/people/" + personId + "/career-events").GET().build());
            if (answer.status() != 200) {
                throw new IllegalStateException("The audit view of " + personId + " answered " + answer.status()
                        + ": " + answer.body());
            }
            return answer.body();
        }

        /** The person's timeline at one query instance; null while it has none (or the instance is away). */
        JsonNode timeline(String queryUrl, String personId) {
            try {
                HttpResponse<String> response = http.send(request(queryUrl + "/api/people/" + personId + "/timeline")
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? json(response.body()) : null;
            } catch (IOException away) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Whether the instance's timelines are at least at the given sequence of each person. */
        boolean visible(String queryUrl, Map<String, Long> lastSequences) {
            return lastSequences.entrySet().stream().allMatch(person -> lag(queryUrl, person.getKey(), person.getValue()) == null);
        }

        /** The people whose timeline at the instance is not yet at the given sequence, each with what it answered. */
        List<String> behind(String queryUrl, Map<String, Long> lastSequences) {
            List<String> behind = new ArrayList<>();
            lastSequences.forEach((personId, sequence) -> {
                String lag = lag(queryUrl, personId, sequence);
                if (lag != null) {
                    behind.add(personId + " " + lag + " of " + sequence);
                }
            });
            return behind;
        }

        /** Null if the person's timeline at the instance is at least at the sequence, else what it answered. */
        private String lag(String queryUrl, String personId, long sequence) {
            try {
                HttpResponse<String> response = http.send(request(queryUrl + "/api/people/" + personId + "/timeline")
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return "answered " + response.statusCode();
                }
                long shown = json(response.body()).get("sequence").asLong();
                return shown < sequence ? "at event " + shown : null;
            } catch (IOException away) {
                return "unreachable (" + away + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private Answer post(String path, Map<String, Object> body, String idempotencyKey) {
            String json;
            try {
                json = JSON.writeValueAsString(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Answer answer = send(() -> request(commandUrl + path).header("Content-Type", "application/json")
                    .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(json)).build());
            if (answer.replayed()) {
                replayed.incrementAndGet();
            }
            return answer;
        }

        private Answer send(Supplier<HttpRequest> request) {
            AtomicInteger attempts = new AtomicInteger();
            try {
                Answer answer = Failsafe.with(untilAnswered).get(() -> {
                    attempts.incrementAndGet();
                    HttpResponse<String> response = sendOnce(request.get());
                    return new Answer(response.statusCode(), json(response.body()), response.headers()
                            .firstValue("Idempotent-Replayed").map(Boolean::parseBoolean).orElse(false));
                });
                return answer;
            } catch (FailsafeException e) {
                throw new IllegalStateException("No answer within the client's patience", e.getCause());
            } finally {
                if (attempts.get() > 1) {
                    retried.incrementAndGet();
                }
            }
        }

        private HttpResponse<String> sendOnce(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(request.method() + " " + request.uri() + " got no answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private HttpRequest.Builder request(String uri) {
            return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).header("Authorization", bearer);
        }
    }

    /** One request of the load: its person, key and day; what the platform answered, once it has. */
    static final class Request {
        final String personId;
        final String key = UUID.randomUUID().toString();
        final LocalDate effectiveDate;
        final int percentOfTime;
        volatile String eventId;
        volatile long sequence = -1;
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

    /** The store against the answers: acknowledged events it lacks, and requests recorded more than once. */
    record StoreFigures(int missing, int duplicated) {
    }

    /** Every request made and what it was answered, per person in order. A person's requests come from one client at a time. */
    static final class Ledger {
        final List<String> people = new ArrayList<>();
        private final Map<String, List<Request>> requests = new ConcurrentHashMap<>();

        void register(Client client, String displayName) {
            Answer answer = client.register(displayName);
            if (answer.status() != 201) {
                throw new IllegalStateException("Registration answered " + answer.status() + ": " + answer.body());
            }
            String personId = answer.body().get("personId").asText();
            people.add(personId);
            requests.put(personId, new ArrayList<>());
        }

        Request next(String personId) {
            List<Request> mine = requests.get(personId);
            synchronized (mine) {
                Request request = new Request(personId, mine.size() + 1);
                mine.add(request);
                return request;
            }
        }

        List<Request> requestsOf(String personId) {
            List<Request> mine = requests.get(personId);
            synchronized (mine) {
                return List.copyOf(mine);
            }
        }

        private Stream<Request> answered() {
            return people.stream().flatMap(person -> requestsOf(person).stream()).filter(request -> request.eventId != null);
        }

        int acknowledged() {
            return (int) answered().count();
        }

        int acknowledgedAfter(long nanos) {
            return (int) answered().filter(request -> request.answeredAt - nanos > 0).count();
        }

        /** Each person's last acknowledged sequence (0: the registration). */
        Map<String, Long> lastSequences() {
            Map<String, Long> last = new HashMap<>();
            people.forEach(person -> last.put(person, 0L));
            answered().forEach(request -> last.merge(request.personId, request.sequence, Math::max));
            return last;
        }

        Map<String, JsonNode> stored(Client client) {
            Map<String, JsonNode> stored = new HashMap<>();
            people.forEach(person -> stored.put(person, client.careerEvents(person)));
            return stored;
        }

        StoreFigures compareWithStore(Map<String, JsonNode> stored) {
            int missing = 0;
            int duplicated = 0;
            for (String person : people) {
                Map<LocalDate, Request> byDay = new HashMap<>();
                requestsOf(person).forEach(request -> byDay.put(request.effectiveDate, request));
                Set<String> storedIds = new HashSet<>();
                for (JsonNode event : stored.get(person).get("events")) {
                    storedIds.add(event.get("eventId").asText());
                    if (event.get("type").asText().equals("ADMINISTRATIVE_LOAD_RECORDED")) {
                        Request request = byDay.get(LocalDate.parse(event.get("effectiveDate").asText()));
                        if (request == null || !event.get("eventId").asText().equals(request.eventId)) {
                            System.out.println("Cluster test: stored, not as answered: " + event + " (" + request + ")");
                            duplicated++;
                        }
                    }
                }
                for (Request request : requestsOf(person)) {
                    if (request.eventId != null && !storedIds.contains(request.eventId)) {
                        System.out.println("Cluster test: acknowledged, not stored: " + request + " event " + request.eventId);
                        missing++;
                    }
                }
            }
            return new StoreFigures(missing, duplicated);
        }

        static Map<String, Long> lastSequences(Map<String, JsonNode> stored) {
            Map<String, Long> last = new HashMap<>();
            stored.forEach((person, events) -> last.put(person, events.get("sequence").asLong()));
            return last;
        }

        /** Timeline entries the store does not hold plus stored events the timeline lacks, each printed. */
        static int compareWithTimelines(Map<String, JsonNode> stored, Client client, String queryUrl) {
            int differences = 0;
            for (Map.Entry<String, JsonNode> person : stored.entrySet()) {
                JsonNode timeline = client.timeline(queryUrl, person.getKey());
                Set<String> storedIds = new HashSet<>();
                person.getValue().get("events").forEach(event -> storedIds.add(event.get("eventId").asText()));
                Set<String> shownIds = new HashSet<>();
                if (timeline != null) {
                    timeline.get("entries").forEach(entry -> shownIds.add(entry.get("eventId").asText()));
                }
                for (String id : storedIds) {
                    if (!shownIds.contains(id)) {
                        System.out.println("Cluster test: stored, not in the timeline at " + queryUrl + ": person "
                                + person.getKey() + " event " + id);
                        differences++;
                    }
                }
                for (String id : shownIds) {
                    if (!storedIds.contains(id)) {
                        System.out.println("Cluster test: in the timeline at " + queryUrl + ", not stored: person "
                                + person.getKey() + " event " + id);
                        differences++;
                    }
                }
            }
            return differences;
        }
    }

    /** Clients recording for their own people in turn, until stopped. */
    static final class Load {
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final ExecutorService clients;

        private Load(int clients) {
            this.clients = Executors.newFixedThreadPool(clients);
        }

        /** Each client pauses {@code pause} after each answer: a steady rate, below capacity. */
        static Load paced(Client client, Ledger ledger, int clients, Duration pause) {
            return start(client, ledger, clients, pause);
        }

        /** Each client sends its next request as soon as the last is answered: the capacity. */
        static Load closed(Client client, Ledger ledger, int clients) {
            return start(client, ledger, clients, Duration.ZERO);
        }

        private static Load start(Client client, Ledger ledger, int clients, Duration pause) {
            Load load = new Load(clients);
            for (int number = 0; number < clients; number++) {
                List<String> mine = new ArrayList<>();
                for (int person = number; person < ledger.people.size(); person += clients) {
                    mine.add(ledger.people.get(person));
                }
                load.clients.submit(() -> load.run(client, ledger, mine, pause));
            }
            return load;
        }

        private void run(Client client, Ledger ledger, List<String> people, Duration pause) {
            for (int turn = 0; !stopping.get(); turn++) {
                Request request = ledger.next(people.get(turn % people.size()));
                try {
                    Answer answer = client.record(request);
                    if (answer.status() != 201) {
                        failures.add(request + ": " + answer.status() + " " + answer.body());
                        return;
                    }
                    request.sequence = answer.body().get("sequenceNumber").asLong();
                    request.eventId = answer.body().get("eventId").asText();
                    request.answeredAt = System.nanoTime();
                    acknowledged.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(request + ": " + e);
                    return;
                }
                if (!pause.isZero()) {
                    LockSupport.parkNanos(pause.toNanos()); // the pacing of a steady client, not a wait for a result
                }
            }
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        /** Stops after every client's request under way is answered; how many this load had acknowledged. */
        int stop() {
            stopping.set(true);
            clients.shutdown();
            try {
                if (!clients.awaitTermination(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("The load's clients did not stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return acknowledged.get();
        }
    }

    static JsonNode json(String body) {
        try {
            return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
