package io.careerpath.local;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clients using a running platform as people would, while a test takes its components away: each records
 * career events (each request with an {@code Idempotency-Key}, as a careful client sends it) and reads
 * timelines, audit views and skills. Every request is logged with the phase it started in, how it was
 * answered and how long that took, so that a test can say what each endpoint did during an outage, and what
 * was acknowledged can be compared with the event store afterwards ({@link EventAccounting}).
 */
final class PlatformLoad implements AutoCloseable {

    enum Operation {
        /** {@code POST /api/people/{id}/career-events} on the command service. */
        RECORD,
        /** {@code GET /api/people/{id}/career-events}: the audit view, read from the event store. */
        AUDIT,
        /** {@code GET /api/people/{id}/timeline} on the query service. */
        TIMELINE,
        /** {@code GET /api/people/{id}/skills} on the query service. */
        SKILLS
    }

    /**
     * One request: when it started (its phase), what it was, how it was answered (status 0: no answer at all)
     * and in how many milliseconds. The body is kept for record requests only (the ids they were answered with):
     * a run logs thousands of timelines, which would fill the heap the soak run measures.
     */
    record Request(String phase, Operation operation, String personId, long millis, int status, String problemType,
                   String retryAfter, String readModelLag, JsonNode body, String idempotencyKey, String requestBody) {

        boolean acknowledged() {
            return operation == Operation.RECORD && status == 201;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(PlatformLoad.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private final RunningPlatform platform;
    private final List<String> people;
    private final String account;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Request> answers = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger recorded = new AtomicInteger();
    private volatile String phase = "before";
    private ScheduledExecutorService clients;

    /**
     * @param people  the people the clients record for and read (registered already)
     * @param account the demo account the clients act as
     */
    PlatformLoad(RunningPlatform platform, List<String> people, String account) {
        this.platform = platform;
        this.people = List.copyOf(people);
        this.account = account;
    }

    /**
     * Starts {@code count} clients, each doing one round (record, read the timeline, and every fourth round the
     * audit view and the skills) every {@code pause}.
     */
    PlatformLoad start(int count, Duration pause) {
        clients = Executors.newScheduledThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, "platform-load");
            thread.setDaemon(true);
            return thread;
        });
        for (int client = 0; client < count; client++) {
            AtomicInteger rounds = new AtomicInteger();
            clients.scheduleWithFixedDelay(() -> round(rounds.incrementAndGet()), 0, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Requests started from now on belong to {@code name}. */
    void phase(String name) {
        phase = name;
    }

    /** Waits until no request started in {@code name} is still running: what follows cannot change their answers. */
    void awaitFinished(String name) {
        await().atMost(CLIENT_TIMEOUT.plusSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> inFlight.getOrDefault(name, new AtomicInteger()).get() == 0);
    }

    /** Waits until {@code count} more requests matching {@code which} have been answered. */
    void awaitMore(int count, Predicate<Request> which) {
        long before = answers.stream().filter(which).count();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> answers.stream().filter(which).count() >= before + count);
    }

    void stop() {
        if (clients != null) {
            clients.shutdown();
            try {
                if (!clients.awaitTermination(CLIENT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The clients did not finish their requests");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    List<Request> requests() {
        return List.copyOf(answers);
    }

    List<Request> requests(String phaseName, Operation operation) {
        return answers.stream().filter(r -> r.phase().equals(phaseName) && r.operation() == operation).toList();
    }

    /** How the requests of a phase were answered: operation, then status, then how many. */
    Map<Operation, Map<Integer, Long>> statuses(String phaseName) {
        Map<Operation, Map<Integer, Long>> statuses = new TreeMap<>();
        answers.stream().filter(r -> r.phase().equals(phaseName)).forEach(r -> statuses
                .computeIfAbsent(r.operation(), o -> new TreeMap<>()).merge(r.status(), 1L, Long::sum));
        return statuses;
    }

    /**
     * Sends every record request not answered 201 again, with its own Idempotency-Key, until it is (a request cut
     * off while committing may have been recorded: the key replays its first answer instead of recording twice).
     */
    void retryUnacknowledged() {
        Set<String> acknowledgedKeys = answers.stream().filter(Request::acknowledged).map(Request::idempotencyKey)
                .collect(Collectors.toSet());
        Map<String, Request> unanswered = new HashMap<>();
        answers.stream().filter(r -> r.operation() == Operation.RECORD && !acknowledgedKeys.contains(r.idempotencyKey()))
                .forEach(r -> unanswered.putIfAbsent(r.idempotencyKey(), r));
        for (Request failed : unanswered.values()) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> record("retry",
                    failed.personId(), failed.idempotencyKey(), failed.requestBody()).acknowledged());
        }
    }

    /** The event ids the command service acknowledged (201), by person; replays of one key count once. */
    Map<String, Set<String>> acknowledged() {
        Map<String, Set<String>> byPerson = new TreeMap<>();
        answers.stream().filter(Request::acknowledged).forEach(r -> byPerson
                .computeIfAbsent(r.personId(), p -> new HashSet<>()).add(r.body().get("eventId").asText()));
        return byPerson;
    }

    List<String> people() {
        return people;
    }

    /** The latency percentile (0-100) of the requests matching {@code which}, in milliseconds; -1 if none. */
    long percentile(Predicate<Request> which, double percentile) {
        List<Long> millis = answers.stream().filter(which).map(Request::millis).sorted(Comparator.naturalOrder()).toList();
        if (millis.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * millis.size()) - 1;
        return millis.get(Math.max(0, Math.min(millis.size() - 1, index)));
    }

    private void round(int round) {
        String personId = people.get(ThreadLocalRandom.current().nextInt(people.size()));
        try {
            // an administrative load on a day of its own: one event per request, no career rule to trip over
            int n = recorded.incrementAndGet();
            String body = JSON.createObjectNode().put("type", "ADMINISTRATIVE_LOAD_RECORDED")
                    .put("effectiveDate", LocalDate.of(2020, 1, 1).plusDays(n % 1500).toString())
                    .put("percentOfTime", n % 101).toString();
            record(phase, personId, UUID.randomUUID().toString(), body);
            send(phase, Operation.TIMELINE, personId, query("/api/people/" + personId + "/timeline").GET());
            if (round % 4 == 0) {
                send(phase, Operation.AUDIT, personId, command("/api/people/" + personId + "/career-events").GET());
                send(phase, Operation.SKILLS, personId, query("/api/people/" + personId + "/skills").GET());
            }
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: keep the client going
            log.warn("A client's round failed", e);
        }
    }

    private Request record(String phaseName, String personId, String key, String body) {
        HttpRequest.Builder request = command("/api/people/" + personId + "/career-events")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(phaseName, Operation.RECORD, personId, request, key, body);
    }

    private Request send(String phaseName, Operation operation, String personId, HttpRequest.Builder request) {
        return send(phaseName, operation, personId, request, null, null);
    }

    private Request send(String phaseName, Operation operation, String personId, HttpRequest.Builder request,
                         String key, String requestBody) {
        AtomicInteger running = inFlight.computeIfAbsent(phaseName, p -> new AtomicInteger());
        running.incrementAndGet();
        String bearer = platform.bearer(account);
        long start = System.nanoTime();
        Request answered;
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", bearer).timeout(CLIENT_TIMEOUT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            answered = new Request(phaseName, operation, personId, millis, response.statusCode(),
                    json.path("type").asText(null), response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Careerpath-Read-Model-Lag").orElse(null),
                    operation == Operation.RECORD ? json : JSON.nullNode(), key, requestBody);
        } catch (IOException e) {
            answered = new Request(phaseName, operation, personId, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    0, e.toString(), null, null, JSON.nullNode(), key, requestBody);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            running.decrementAndGet();
        }
        answers.add(answered);
        return answered;
    }

    private HttpRequest.Builder command(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.services.commandPort() + path));
    }

    private HttpRequest.Builder query(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.services.queryPort() + path));
    }

    /** What the requests of each phase got, for a test's failure message or a report. */
    String summary() {
        Map<String, Map<Operation, Map<Integer, Long>>> byPhase = new TreeMap<>();
        answers.forEach(r -> byPhase.computeIfAbsent(r.phase(), p -> new TreeMap<>())
                .computeIfAbsent(r.operation(), o -> new TreeMap<>()).merge(r.status(), 1L, Long::sum));
        List<String> lines = new ArrayList<>();
        byPhase.forEach((name, operations) -> lines.add(name + ": " + operations));
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        stop();
    }
}
