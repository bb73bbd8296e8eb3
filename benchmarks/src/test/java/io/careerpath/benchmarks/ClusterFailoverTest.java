package io.careerpath.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.careerpath.local.EmbeddedMongo;
import io.careerpath.local.KafkaBroker;
import io.careerpath.local.PlatformServices;
import io.careerpath.local.signin.SignInServer;
import io.careerpath.query.intake.ProjectionTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18's cluster on one machine: three Kafka brokers in KRaft mode (three replicas of the topic, two in sync
 * for an acknowledgement), the event store on PostgreSQL, the Mongo-wire server, and two command-service and two
 * query-service instances, each in its own JVM; the clients and the query services reach the command services
 * through a round-robin TCP balancer ({@link RoundRobinProxy}, what a Kubernetes Service does), retrying a request
 * that got no answer with the same {@code Idempotency-Key}.
 *
 * <p>Under steady load it kills (SIGKILL) the broker leading most partitions, then the command instance holding
 * the publisher's claim, then a query instance, and brings each back. Each failure's heal is timed from the kill
 * to the moment every live query instance shows every event acknowledged by then ("end to end"), plus what
 * heals it: the partitions' new leaders and the returned broker back in sync, the publisher's claim taken over,
 * the projection's segments taken over and spread again. In the end the event store, the source of truth, is
 * compared with what the clients were told, with the topic, and with the timelines of both query instances.
 *
 * <p>Run by {@code .ci/run} as the {@code cluster} profile ({@code ./mvnw -B -pl benchmarks -am verify -DskipTests
 * -Pcluster}); its figures go to {@code target/cluster-report.md} and docs/scaling.md.
 */
class ClusterFailoverTest {

    private static final String TOPIC = "careerpath.career-events";
    private static final int PARTITIONS = 6;
    private static final int SEGMENTS = 2;
    private static final int PEOPLE = 40;
    private static final int STEADY_CLIENTS = 4;
    /** Each steady client's pause between requests: about 40 events/s in all, well below what the cluster takes. */
    private static final Duration STEADY_PAUSE = Duration.ofMillis(100);
    private static final int THROUGHPUT_CLIENTS = 8;
    private static final Duration THROUGHPUT_WINDOW = Duration.ofSeconds(15);
    /** Events the load must have acknowledged after a kill before its heal is timed: the cluster works on without the victim. */
    private static final int ACKNOWLEDGED_AFTER_KILL = 40;
    private static final Duration HEAL_LIMIT = Duration.ofSeconds(90);

    private static final Pattern READ_MODEL_WARNINGS = Pattern.compile(
            "out of step|[Rr]epair|[Dd]ead.letter|Integrity check|ERROR");

    private final ClusterReport report = new ClusterReport();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void noAcknowledgedEventIsLostOrDuplicatedWhenABrokerACommandInstanceAndAQueryInstanceAreKilledUnderLoad()
            throws Exception {
        Path dir = Path.of("target", "cluster-test").toAbsolutePath();
        ClusterLoad.deleteRecursively(dir);
        Files.createDirectories(dir.resolve("logs"));
        String database = "careerpath_cluster_" + ProcessHandle.current().pid();
        try (SignInServer signIn = SignInServer.start(Map.of("server.port", "0"));
             KafkaCluster kafka = KafkaCluster.start(dir.resolve("kafka"), 3);
             EmbeddedMongo mongo = EmbeddedMongo.inMemory(PlatformBenchmark.freePort());
             MongoClient mongoClient = MongoClients.create(mongo.uri());
             Services services = new Services(signIn, kafka, mongo, BenchmarkPostgres.create(database), dir)) {
            services.startCommand(0);
            services.startQuery(0);
            topicIsReplicatedForDurability(kafka);

            String token = signIn.mintFor("hana", claims -> claims.expiresAt(Instant.now().plus(Duration.ofHours(2))));
            ClusterLoad.Client client = new ClusterLoad.Client(services.commandProxy.url(), token, HEAL_LIMIT);
            ClusterLoad.Ledger ledger = new ClusterLoad.Ledger();
            for (int i = 0; i < PEOPLE; i++) {
                ledger.register(client, "Cluster Test Person " + i);
            }
            Segments segments = new Segments(mongoClient);

            throughput("one instance of each service", client, ledger, services, kafka, segments);
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> services.startCommand(1)),
                    CompletableFuture.runAsync(() -> services.startQuery(1))).join();
            long spreading = System.nanoTime();
            await("the projection's segments spread over both query instances").atMost(HEAL_LIMIT)
                    .pollInterval(Duration.ofMillis(200)).until(() -> segments.spreadOver(services.livePids()));
            report.line("Segments spread over the second query instance %.1f s after it was ready", seconds(spreading));
            throughput("two instances of each service", client, ledger, services, kafka, segments);

            ClusterLoad.Load load = ClusterLoad.Load.paced(client, ledger, STEADY_CLIENTS, STEADY_PAUSE);
            brokerFailure(kafka, load, ledger, services, client);
            commandFailure(load, ledger, services, client, database);
            queryFailure(load, ledger, services, client, segments);
            load.stop();
            assertThat(load.failures()).as("answers other than 201 during the failures").isEmpty();

            Map<String, JsonNode> stored = ledger.stored(client);
            ClusterLoad.StoreFigures store = ledger.compareWithStore(stored);
            report.line("Acknowledged %d events in all; %d requests were sent again after a failure, %d of them answered"
                            + " as replays", ledger.acknowledged(), client.retried(), client.replayed());
            report.line("Event store against the answers: %d acknowledged events missing, %d recorded twice",
                    store.missing(), store.duplicated());
            TopicFigures topic = topicAgainstStore(kafka, stored);
            report.line("Topic against the event store: %d stored events not on the topic, %d people out of order,"
                    + " %d records sent again after a failover (read once by the projection)", topic.missing(),
                    topic.outOfOrder(), topic.resent());
            Map<String, Integer> timelineDifferences = new LinkedHashMap<>();
            for (int instance = 0; instance < 2; instance++) {
                String queryUrl = services.queryUrl(instance);
                awaitVisible("the stored events", client, services, queryUrl, ClusterLoad.Ledger.lastSequences(stored),
                        () -> true);
                timelineDifferences.put("query instance " + (instance + 1),
                        ClusterLoad.Ledger.compareWithTimelines(stored, client, queryUrl));
            }
            report.line("Timelines against the event store (entries in one and not the other): %s", timelineDifferences);

            assertThat(store.missing()).as("acknowledged events missing from the event store").isZero();
            assertThat(store.duplicated()).as("requests recorded twice").isZero();
            assertThat(topic.missing()).as("stored events never published").isZero();
            assertThat(topic.outOfOrder()).as("people whose events are out of order on the topic").isZero();
            assertThat(timelineDifferences.values()).as("timeline entries differing from the store").containsOnly(0);
        } finally {
            BenchmarkPostgres.drop(database);
            report.write(Path.of("target", "cluster-report.md"));
        }
    }

    /** The topic the first command instance created: three replicas per partition, two needed in sync. */
    private void topicIsReplicatedForDurability(KafkaCluster kafka) throws Exception {
        assertThat(kafka.partitions(TOPIC)).hasSize(PARTITIONS)
                .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
        try (var admin = kafka.admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("2");
        }
    }

    /**
     * Closed loop from {@value #THROUGHPUT_CLIENTS} clients for {@link #THROUGHPUT_WINDOW}: events acknowledged per
     * second, and how long after the window every query instance showed them all.
     */
    private void throughput(String shape, ClusterLoad.Client client, ClusterLoad.Ledger ledger, Services services,
                            KafkaCluster kafka, Segments segments) throws Exception {
        long started = System.nanoTime();
        ClusterLoad.Load load = ClusterLoad.Load.closed(client, ledger, THROUGHPUT_CLIENTS);
        await().atMost(THROUGHPUT_WINDOW.plusSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> System.nanoTime() - started >= THROUGHPUT_WINDOW.toNanos() || !load.failures().isEmpty());
        int acknowledged = load.stop();
        double window = seconds(started);
        assertThat(load.failures()).as("answers other than 201 with %s", shape).isEmpty();
        Map<String, Long> snapshot = ledger.lastSequences();
        long events = ledger.people.size() + ledger.acknowledged();
        long drained = System.nanoTime();
        await("every event of the window on the topic").atMost(HEAL_LIMIT).pollInterval(Duration.ofMillis(50))
                .until(() -> kafka.records(TOPIC) >= events);
        double published = seconds(drained);
        Map<TopicPartition, Long> ends = kafka.ends(TOPIC);
        try {
            await("every event of the window passed by every segment of the projection").atMost(HEAL_LIMIT)
                    .pollInterval(Duration.ofMillis(50)).until(() -> segments.passed(ends));
        } catch (ConditionTimeoutException e) {
            Path dump = Path.of("target", "cluster-test", "test-jvm-threads.txt");
            Files.writeString(dump, Arrays.stream(ManagementFactory.getThreadMXBean()
                    .dumpAllThreads(true, true)).map(Object::toString).collect(Collectors.joining("\n")));
            for (int i = 0; i < 2; i++) {
                if (services.query(i) != null && services.query(i).alive()) {
                    new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                            String.valueOf(services.query(i).pid()), "Thread.print").redirectErrorStream(true)
                            .redirectOutput(Path.of("target", "cluster-test", "query-" + (i + 1) + "-threads.txt").toFile())
                            .start().waitFor();
                }
            }
            List<String> seen = new ArrayList<>();
            for (String queryUrl : services.liveQueryUrls()) {
                seen.add(queryUrl + (client.visible(queryUrl, snapshot) ? " shows" : " does not show"));
            }
            throw new AssertionError("The projection's segments did not pass the topic's ends " + ends + ": "
                    + segments.tokens.segments() + "; every event of the window: " + seen + " (this JVM's threads, with the Mongo-wire server's: " + dump + ")", e);
        }
        double projected = seconds(drained);
        List<String> firstLook = new ArrayList<>();
        for (String queryUrl : services.liveQueryUrls()) {
            List<String> behind = client.behind(queryUrl, snapshot);
            firstLook.add(String.format(Locale.ROOT, "%d at %s%s", behind.size(), queryUrl,
                    behind.isEmpty() ? "" : " " + behind.stream().limit(3).toList()));
        }
        for (String queryUrl : services.liveQueryUrls()) {
            awaitVisible("every event of the window", client, services, queryUrl, snapshot, () -> true);
        }
        double drain = seconds(drained);
        report.line("Throughput with %s: %.0f events/s acknowledged (%d in %.1f s, %d clients); every one on the topic"
                        + " %.1f s, in the read model (passed by every segment) %.1f s and seen in every query instance's"
                        + " timelines %.1f s after the window, so %.0f events/s from request to read model", shape,
                acknowledged / window, acknowledged, window, THROUGHPUT_CLIENTS, published, projected, drain,
                acknowledged / (window + projected));
        List<String> checks = new ArrayList<>();
        for (String queryUrl : services.liveQueryUrls()) {
            long check = System.nanoTime();
            client.visible(queryUrl, snapshot);
            checks.add(String.format(Locale.ROOT, "%.2f s at %s", seconds(check), queryUrl));
        }
        report.line("  (one look at every timeline takes %s; people behind at the first look once every segment"
                + " had passed the window: %s)", String.join(", ", checks), String.join(", ", firstLook));
    }

    private void brokerFailure(KafkaCluster kafka, ClusterLoad.Load load, ClusterLoad.Ledger ledger, Services services,
                               ClusterLoad.Client client) throws Exception {
        KafkaBroker victim = kafka.leaderOfMostPartitions(TOPIC);
        long killed = kill("Kafka broker " + victim.nodeId() + " (leading most partitions)", victim::kill);
        healed(killed, load, ledger, services, client, Map.of("every partition led by one of the other brokers",
                () -> kafka.partitions(TOPIC).stream()
                        .allMatch(partition -> partition.leader() != null && partition.leader().id() != victim.nodeId())));
        long restarted = System.nanoTime();
        victim.start();
        await("the returned broker back in sync on every partition").atMost(HEAL_LIMIT)
                .pollInterval(Duration.ofMillis(200)).until(() -> kafka.fullyInSync(TOPIC));
        report.line("  broker %d back and in sync on every partition %.1f s after its start", victim.nodeId(),
                seconds(restarted));
    }

    private void commandFailure(ClusterLoad.Load load, ClusterLoad.Ledger ledger, Services services,
                                ClusterLoad.Client client, String database) throws Exception {
        long holder = publisherClaimOwner(database);
        int victim = services.commandInstanceOf(holder);
        long survivor = services.command(1 - victim).pid();
        long killed = kill("command instance " + (victim + 1) + " (holding the publisher's claim)",
                () -> services.command(victim).kill());
        healed(killed, load, ledger, services, client, Map.of(
                "the publisher's claim taken over by command instance " + (2 - victim),
                () -> publisherClaimOwner(database) == survivor));
        long restarted = System.nanoTime();
        services.startCommand(victim);
        report.line("  command instance %d ready again %.1f s after its start", victim + 1, seconds(restarted));
    }

    private void queryFailure(ClusterLoad.Load load, ClusterLoad.Ledger ledger, Services services,
                              ClusterLoad.Client client, Segments segments) {
        int victim = 0;
        long survivor = services.query(1).pid();
        long killed = kill("query instance 1", () -> services.query(victim).kill());
        healed(killed, load, ledger, services, client, Map.of("every segment held by query instance 2",
                () -> segments.allHeldBy(survivor)));
        long restarted = System.nanoTime();
        services.startQuery(victim);
        double ready = seconds(restarted);
        await("the segments spread again").atMost(HEAL_LIMIT).pollInterval(Duration.ofMillis(200))
                .until(() -> segments.spreadOver(services.livePids()));
        report.line("  query instance 1 ready again %.1f s after its start; segments spread over both again %.1f s"
                + " after its start", ready, seconds(restarted));
    }

    private long kill(String what, Runnable kill) {
        long killed = System.nanoTime();
        kill.run();
        report.line("Killed %s (SIGKILL)", what);
        return killed;
    }

    /**
     * Times the heal of a failure: once the load has {@value #ACKNOWLEDGED_AFTER_KILL} events acknowledged after the
     * kill, every event acknowledged by then must be visible on every live query instance. Meanwhile, the moment
     * each of {@code milestones} (what heals this failure) first holds is noted, also counted from the kill.
     */
    private void healed(long killed, ClusterLoad.Load load, ClusterLoad.Ledger ledger, Services services,
                        ClusterLoad.Client client, Map<String, Callable<Boolean>> milestones) {
        Map<String, Double> reached = new LinkedHashMap<>();
        Callable<Boolean> allReached = () -> {
            for (Map.Entry<String, Callable<Boolean>> milestone : milestones.entrySet()) {
                if (!reached.containsKey(milestone.getKey()) && milestone.getValue().call()) {
                    reached.put(milestone.getKey(), seconds(killed));
                }
            }
            return reached.size() == milestones.size();
        };
        await("events acknowledged after the kill").atMost(HEAL_LIMIT).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    allReached.call();
                    return ledger.acknowledgedAfter(killed) >= ACKNOWLEDGED_AFTER_KILL || !load.failures().isEmpty();
                });
        assertThat(load.failures()).as("answers other than 201 after the kill").isEmpty();
        double working = seconds(killed);
        Map<String, Long> snapshot = ledger.lastSequences();
        for (String queryUrl : services.liveQueryUrls()) {
            awaitVisible("every event acknowledged so far", client, services, queryUrl, snapshot, allReached);
        }
        double visible = seconds(killed);
        await(String.join(", ", milestones.keySet())).atMost(HEAL_LIMIT).pollInterval(Duration.ofMillis(100))
                .until(allReached);
        reached.forEach((milestone, seconds) -> report.line("  %s %.1f s after the kill", milestone, seconds));
        report.line("  %d events acknowledged after the kill within %.1f s of it; every event acknowledged by then"
                + " visible on every live query instance %.1f s after the kill (healed end to end)",
                ACKNOWLEDGED_AFTER_KILL, working, visible);
    }

    /**
     * Waits until the instance's timelines show the events, calling {@code meanwhile} at each look; if they do not
     * within {@link #HEAL_LIMIT}, fails naming the people behind, what the instance answered for them, and what its
     * log says of out-of-step read models, repairs and dead letters (CI shows the failure's message, not the logs).
     */
    private static void awaitVisible(String what, ClusterLoad.Client client, Services services, String queryUrl,
                                     Map<String, Long> events, Callable<Boolean> meanwhile) {
        try {
            await(what + " visible at " + queryUrl).atMost(HEAL_LIMIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> meanwhile.call() & client.visible(queryUrl, events));
        } catch (ConditionTimeoutException e) {
            List<String> behind = client.behind(queryUrl, events);
            throw new AssertionError(String.format(Locale.ROOT, "%s not visible at %s within %s: %d of %d people"
                            + " behind %s; the instance's log on its read model: %s", what, queryUrl, HEAL_LIMIT,
                    behind.size(), events.size(), behind.stream().limit(10).toList(),
                    services.readModelWarnings(queryUrl)), e);
        }
    }

    /** The pid in the owner of the publisher's token ({@code pid@host}, Axon's default node id); 0 if none. */
    private static long publisherClaimOwner(String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(BenchmarkPostgres.url(database), BenchmarkPostgres.USER, "");
             Statement statement = connection.createStatement();
             ResultSet owners = statement.executeQuery("SELECT owner FROM TokenEntry WHERE processorName = 'kafka-publisher'")) {
            return owners.next() ? pidOf(owners.getString(1)) : 0;
        }
    }

    private static long pidOf(String owner) {
        return owner == null || !owner.contains("@") ? 0 : Long.parseLong(owner.substring(0, owner.indexOf('@')));
    }

    /** The projection's segments as its token store (MongoDB) holds them: which process holds each, where each stands. */
    private static final class Segments {
        private final ProjectionTokens tokens;

        Segments(MongoClient mongo) {
            this.tokens = new ProjectionTokens(mongo.getDatabase("careerpath"), JacksonSerializer.defaultSerializer(),
                    Duration.ofSeconds(10));
        }

        Map<Integer, Long> owners() {
            Map<Integer, Long> owners = new HashMap<>();
            tokens.segments().forEach(segment -> owners.put(segment.id(), pidOf(segment.owner())));
            return owners;
        }

        boolean allHeldBy(long pid) {
            Map<Integer, Long> owners = owners();
            return owners.size() == SEGMENTS && owners.values().stream().allMatch(owner -> owner == pid);
        }

        /** Every segment held, and every given process holding one. */
        boolean spreadOver(Set<Long> pids) {
            Map<Integer, Long> owners = owners();
            return owners.size() == SEGMENTS && Set.copyOf(owners.values()).equals(pids);
        }

        /** Whether every segment has passed every record the topic holds (the offsets the next records will get). */
        boolean passed(Map<TopicPartition, Long> ends) {
            Map<TopicPartition, Long> projected = tokens.projected().orElse(Map.of());
            return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                    || projected.getOrDefault(end.getKey(), -1L) >= end.getValue() - 1);
        }
    }

    /** What the topic holds against the store: stored events never published, people out of order, records sent again. */
    record TopicFigures(int missing, int outOfOrder, int resent) {
    }

    /**
     * Reads the whole topic. A person's records are in one partition, so their order there is the order the
     * projection sees: the first time each sequence number appears, it must be the next one. A record sent again
     * (a publisher taking over re-sends what its predecessor sent but had not recorded as sent) is counted apart.
     */
    private static TopicFigures topicAgainstStore(KafkaCluster kafka, Map<String, JsonNode> stored) {
        Map<String, List<Long>> sequences = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    Header sequence = record.headers().lastHeader("axon-message-aggregate-seq");
                    if (sequence != null) {
                        sequences.computeIfAbsent(record.key(), person -> new ArrayList<>())
                                .add(ByteBuffer.wrap(sequence.value()).getLong());
                    }
                });
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        int missing = 0;
        int outOfOrder = 0;
        int resent = 0;
        for (Map.Entry<String, JsonNode> person : stored.entrySet()) {
            List<Long> onTopic = sequences.getOrDefault(person.getKey(), List.of());
            Set<Long> seen = new TreeSet<>();
            long expected = 0;
            boolean inOrder = true;
            for (long sequence : onTopic) {
                if (!seen.add(sequence)) {
                    resent++;
                } else if (sequence != expected++) {
                    inOrder = false;
                }
            }
            outOfOrder += inOrder ? 0 : 1;
            for (JsonNode event : person.getValue().get("events")) {
                missing += seen.contains(event.get("sequenceNumber").asLong()) ? 0 : 1;
            }
        }
        return new TopicFigures(missing, outOfOrder, resent);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /**
     * The four service instances, each in its own JVM on a port of its own that a restart keeps, and the balancer
     * in front of the command instances.
     */
    private static final class Services implements AutoCloseable {
        private final Map<String, String> commandSettings = new LinkedHashMap<>();
        private final Map<String, String> querySettings = new LinkedHashMap<>();
        private final int[] commandPorts = new int[2];
        private final int[] queryPorts = new int[2];
        private final ServiceProcess[] commands = new ServiceProcess[2];
        private final ServiceProcess[] queries = new ServiceProcess[2];
        private final RoundRobinProxy commandProxy;
        private final Path dir;

        Services(SignInServer signIn, KafkaCluster kafka, EmbeddedMongo mongo, String eventStore, Path dir)
                throws Exception {
            this.dir = dir;
            for (int i = 0; i < 2; i++) {
                commandPorts[i] = PlatformBenchmark.freePort();
                queryPorts[i] = PlatformBenchmark.freePort();
            }
            commandProxy = RoundRobinProxy.start(List.of(commandPorts[0], commandPorts[1]));
            commandSettings.putAll(Map.of("spring.datasource.url", eventStore,
                    "spring.datasource.username", BenchmarkPostgres.USER, "spring.datasource.password", "",
                    "careerpath.kafka.bootstrap-servers", kafka.bootstrapServers(), "careerpath.kafka.topic", TOPIC,
                    "careerpath.kafka.partitions", String.valueOf(PARTITIONS), "careerpath.kafka.replication-factor", "3"));
            querySettings.putAll(Map.of("spring.data.mongodb.uri", mongo.uri(),
                    "careerpath.kafka.bootstrap-servers", kafka.bootstrapServers(), "careerpath.kafka.topic", TOPIC,
                    "careerpath.kafka.segments", String.valueOf(SEGMENTS),
                    "careerpath.search.index-secret", "cluster-test-search-index-secret-of-32-bytes",
                    "careerpath.person-keys.url", commandProxy.url(),
                    // what the integrity check and the projection say of the read model, for a failure's message
                    "logging.level.io.careerpath", "INFO"));
            PlatformServices.signInSettings(signIn, commandSettings, querySettings);
        }

        void startCommand(int instance) {
            Map<String, String> settings = new LinkedHashMap<>(commandSettings);
            settings.put("careerpath.erasure-ledger.directory", dir.resolve("erasure-ledger-" + (instance + 1)).toString());
            commands[instance] = ServiceProcess.start("command", "command-" + (instance + 1), commandPorts[instance],
                    settings, dir.resolve("logs"));
        }

        void startQuery(int instance) {
            queries[instance] = ServiceProcess.start("query", "query-" + (instance + 1), queryPorts[instance],
                    querySettings, dir.resolve("logs"));
        }

        ServiceProcess command(int instance) {
            return commands[instance];
        }

        ServiceProcess query(int instance) {
            return queries[instance];
        }

        int commandInstanceOf(long pid) {
            for (int i = 0; i < 2; i++) {
                if (commands[i] != null && commands[i].pid() == pid) {
                    return i;
                }
            }
            throw new IllegalStateException("No command instance has pid " + pid);
        }

        String queryUrl(int instance) {
            return "http://127.0.0.1:" + queryPorts[instance];
        }

        List<String> liveQueryUrls() {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                if (queries[i] != null && queries[i].alive()) {
                    urls.add(queryUrl(i));
                }
            }
            return urls;
        }

        /** The last lines of the instance's log about its read model: people out of step, repairs, dead letters. */
        List<String> readModelWarnings(String queryUrl) {
            for (int i = 0; i < 2; i++) {
                if (queryUrl(i).equals(queryUrl) && queries[i] != null) {
                    try (var lines = Files.lines(queries[i].log())) {
                        List<String> found = lines.filter(READ_MODEL_WARNINGS.asPredicate()).toList();
                        return found.subList(Math.max(0, found.size() - 5), found.size());
                    } catch (IOException | UncheckedIOException e) {
                        return List.of("(its log could not be read: " + e + ")");
                    }
                }
            }
            return List.of();
        }

        /** The live query instances' processes. */
        Set<Long> livePids() {
            return Arrays.stream(queries).filter(query -> query != null && query.alive())
                    .map(ServiceProcess::pid).collect(Collectors.toSet());
        }

        @Override
        public void close() {
            commandProxy.close();
            for (ServiceProcess service : List.of(queries[0], queries[1], commands[0], commands[1]).stream()
                    .filter(Objects::nonNull).toList()) {
                service.close();
            }
        }
    }

    /** The figures, printed as they come and written as a report for docs/scaling.md. */
    private static final class ClusterReport {
        private final List<String> lines = new ArrayList<>();

        void line(String format, Object... arguments) {
            String line = String.format(Locale.ROOT, format, arguments);
            lines.add(line);
            System.out.println("Cluster test: " + line);
        }

        void write(Path file) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, "# Cluster test (" + Instant.now() + ")\n\n"
                        + lines.stream().map(line -> line.startsWith("  ") ? "  - " + line.strip() : "- " + line)
                        .collect(Collectors.joining("\n")) + "\n");
            } catch (IOException e) {
                System.out.println("Cluster test: could not write " + file + ": " + e);
            }
        }
    }
}
