package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.careerpath.local.PlatformLoad.Operation;
import io.careerpath.local.PlatformLoad.Request;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The soak run: mixed reads and writes from several clients over the whole platform (both services, the real
 * broker, PostgreSQL, MongoDB wire, the sign-in server) for some minutes, with one outage of each kind injected
 * along the way. It reports the requests by status and the p50/p99 latency before, during and after each outage,
 * the heap after a full GC at the start and the end, and the events lost (which must be none). Not part of
 * {@code ./mvnw verify} (the class is not named as a test); run it with
 *
 * <pre>./mvnw -pl local-platform -am verify -Dtest=SoakRun -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * ({@code -Dsoak.phase=30s} sets how long each phase lasts, {@code -Dsoak.clients=4} how many clients). The report
 * is written to {@code local-platform/target/soak-report.md}; docs/operations.md keeps the latest.
 */
class SoakRun {

    private static final Duration PHASE = Duration.parse("PT" + System.getProperty("soak.phase", "30s").toUpperCase());
    private static final int CLIENTS = Integer.getInteger("soak.clients", 4);
    private static final int PEOPLE = 20;

    /** One kind of outage: how to take the component away and bring it back. */
    private record Outage(String name, Runnable cut, Runnable restore) {
    }

    static TcpProxy database;
    static TcpProxy mongo;
    static TcpProxy signIn;
    static RunningPlatform platform;

    @BeforeAll
    static void start() {
        var signInServer = TestInfrastructure.get().signInServer();
        platform = RunningPlatform.start((command, query) -> {
            String url = command.get("spring.datasource.url");
            database = TcpProxy.toAddressOf(url);
            command.put("spring.datasource.url", database.inFront(url));
            String uri = query.get("spring.data.mongodb.uri");
            mongo = TcpProxy.toAddressOf(uri);
            query.put("spring.data.mongodb.uri", mongo.inFront(uri));
            signIn = TcpProxy.to("127.0.0.1", signInServer.port());
            command.put(PlatformServices.JWK_SET_URI, signIn.inFront(signInServer.jwkSetUri()));
            query.put(PlatformServices.JWK_SET_URI, signIn.inFront(signInServer.jwkSetUri()));
            query.put(PlatformServices.QUERY_TOKEN_URI, signIn.inFront(signInServer.tokenUri()));
        });
    }

    @AfterAll
    static void stop() {
        platform.infrastructure.startKafka();
        List.of(database, mongo, signIn).forEach(TcpProxy::restore);
        platform.close();
        List.of(database, mongo, signIn).forEach(TcpProxy::close);
    }

    @Test
    void mixedLoadThroughOneOutageOfEachKindLosesNoEvent() throws IOException {
        Instant started = Instant.now();
        List<String> teams = List.of("team-apollo", "team-gemini", "team-mercury");
        List<String> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            people.add(platform.client.register("Soak person " + i, teams.get(i % teams.size()), "2015-01-01"));
        }
        people.forEach(platform.client::awaitTimelineHoldingTheStore);
        Map<String, Set<String>> acknowledged = new HashMap<>(EventAccounting.storedNow(platform, people));
        long heapAtStart = heapAfterFullGc();

        List<Outage> outages = List.of(
                new Outage("Kafka", platform.infrastructure::stopKafka, platform.infrastructure::startKafka),
                new Outage("event store", database::cut, database::restore),
                new Outage("MongoDB", mongo::cut, mongo::restore),
                new Outage("sign-in server", signIn::cut, signIn::restore));
        List<String> phases = new ArrayList<>();
        PlatformLoad load = new PlatformLoad(platform, people, RunningPlatform.HR_ADMIN);
        load.phase(phase(phases, outages.get(0), "before"));
        load.start(CLIENTS, Duration.ofMillis(100));
        for (int i = 0; i < outages.size(); i++) {
            Outage outage = outages.get(i);
            if (i > 0) {
                load.phase(phase(phases, outage, "before"));
            }
            hold(load);
            outage.cut().run();
            load.phase(phase(phases, outage, "during"));
            hold(load);
            load.phase(phase(phases, outage, "after"));
            outage.restore().run();
            hold(load);
        }
        load.stop();

        load.retryUnacknowledged();
        load.acknowledged().forEach((person, events) -> acknowledged.computeIfAbsent(person, p -> new HashSet<>())
                .addAll(events));
        EventAccounting.Result result = EventAccounting.check(platform, acknowledged, Duration.ofSeconds(120));
        long heapAtEnd = heapAfterFullGc();

        String report = report(load, phases, result, heapAtStart, heapAtEnd, Duration.between(started, Instant.now()));
        Path file = Path.of("target", "soak-report.md");
        Files.writeString(file, report);
        System.out.println(report);
        assertThat(result.lost()).as(result.toString()).isZero();
        assertThat(result.everyAcknowledgedEventAccountedFor()).as(result.toString()).isTrue();
    }

    private static String phase(List<String> phases, Outage outage, String when) {
        String name = (phases.size() / 3 + 1) + ". " + outage.name() + ", " + when;
        phases.add(name);
        return name;
    }

    /**
     * Lets the current phase run its course, polling meanwhile that no request is left without an answer or
     * answered with a bare 500: whatever is away, every answer is a success or a problem the client can act on.
     */
    private static void hold(PlatformLoad load) {
        await().during(PHASE).atMost(PHASE.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> load.requests().stream().noneMatch(r -> r.status() == 0 || r.status() == 500));
    }

    private static long heapAfterFullGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String report(PlatformLoad load, List<String> phases, EventAccounting.Result result, long heapAtStart,
                                 long heapAtEnd, Duration took) {
        Predicate<Request> write = r -> r.operation() == Operation.RECORD;
        Predicate<Request> read = write.negate();
        StringBuilder report = new StringBuilder();
        report.append(String.format("Soak run of %s (%d s per phase, %d clients, %d people; %d cores, Java %s, max heap %d MB)%n%n",
                format(took), PHASE.toSeconds(), CLIENTS, load.people().size(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20));
        report.append("| phase | requests | by status | writes p50 / p99 ms | reads p50 / p99 ms | read model lag, max s |\n");
        report.append("|---|---|---|---|---|---|\n");
        for (String phase : phases) {
            Predicate<Request> inPhase = r -> r.phase().equals(phase);
            List<Request> requests = load.requests().stream().filter(inPhase).toList();
            Map<Integer, Long> statuses = new TreeMap<>(requests.stream()
                    .collect(Collectors.groupingBy(Request::status, Collectors.counting())));
            long maxLag = requests.stream().filter(r -> r.readModelLag() != null)
                    .mapToLong(r -> Long.parseLong(r.readModelLag())).max().orElse(-1);
            report.append(String.format("| %s | %d | %s | %d / %d | %d / %d | %s |%n", phase, requests.size(),
                    statuses.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")),
                    load.percentile(inPhase.and(write), 50), load.percentile(inPhase.and(write), 99),
                    load.percentile(inPhase.and(read), 50), load.percentile(inPhase.and(read), 99),
                    maxLag < 0 ? "—" : String.valueOf(maxLag)));
        }
        Map<String, Long> problems = new LinkedHashMap<>(new TreeMap<>(load.requests().stream()
                .filter(r -> r.status() >= 400)
                .collect(Collectors.groupingBy(r -> r.status() + " " + r.problemType(), Collectors.counting()))));
        report.append(String.format("%nRefusals by problem type: %s%n", problems));
        report.append(String.format("Record requests refused during outages and sent again with their Idempotency-Key"
                + " afterwards: %d%n", load.requests().stream().filter(r -> r.phase().equals("retry")).count()));
        report.append(String.format("Events acknowledged: %d; stored: %d; published more than once (at least once by"
                        + " design, applied once): %d; lost (missing from the store, the topic or a timeline): %d%n",
                result.acknowledged(), result.stored(), result.publishedAgain().size(), result.lost()));
        report.append(String.format("Heap after a full GC: %d MB at the start, %d MB at the end (the test JVM: both"
                + " services, the sign-in server, the in-memory MongoDB-wire server and the clients)%n",
                heapAtStart >> 20, heapAtEnd >> 20));
        return report.toString();
    }

    private static String format(Duration duration) {
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }
}
