package io.careerpath.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one node; alone, or one of a cluster), run as a child process
 * from Kafka's own jars on this JVM's class path. A separate process, not a thread: it can be
 * stopped and started again like a real broker (the outage tests do exactly that), its log stays
 * under {@code dataDir} across restarts, and its memory is not the services'.
 *
 * <p>The broker never outlives its launcher for long, and two brokers never share a log directory:
 * <ul>
 *   <li>the child ends itself when this JVM dies, even by SIGKILL ({@link KafkaBrokerChild});</li>
 *   <li>this JVM holds a lock on {@code launcher.lock} in {@code dataDir} while it runs the broker, so a
 *       second launcher on the same directory is refused instead of disturbing the first;</li>
 *   <li>holding that lock, a start stops a broker still running from an earlier launcher, found by its
 *       pid file ({@link BrokerPidFile});</li>
 *   <li>a port taken by anything else fails the start with the port's name, and the broker that answers
 *       must be of this log directory's cluster: a foreign broker on the port never passes for ours.</li>
 * </ul>
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String HOST = "127.0.0.1";

    /**
     * Which cluster a broker belongs to. Every broker here is also a controller (KRaft's combined mode).
     *
     * @param nodeId       this broker's id
     * @param quorumVoters every controller, {@code id@host:port,...}
     * @param clusterId    the id every member's log directory is formatted with; null: a new random one (one node)
     * @param replicas     the replication factor of Kafka's own topics and of topics created without one; with 3 or
     *                     more, a write needs 2 replicas in sync ({@code min.insync.replicas}), so an acknowledged
     *                     record survives the loss of any one broker
     */
    public record Membership(int nodeId, String quorumVoters, String clusterId, int replicas) {

        static Membership alone(int controllerPort) {
            return new Membership(1, "1@" + HOST + ":" + controllerPort, null, 1);
        }

        int minInSyncReplicas() {
            return replicas >= 3 ? 2 : 1;
        }
    }

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Membership membership;
    private final BrokerPidFile pidFile;
    private Process process;
    /** The cluster the log directory is (or is being) formatted for: the broker that answers must say the same. */
    private String clusterId;
    private FileLock launcherLock;

    public KafkaBroker(Path dataDir, int port, int controllerPort) {
        this(dataDir, port, controllerPort, Membership.alone(controllerPort));
    }

    /** A member of a cluster of brokers (start them together: a controller waits for a majority of the quorum). */
    public KafkaBroker(Path dataDir, int port, int controllerPort, Membership membership) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.membership = membership;
        this.pidFile = new BrokerPidFile(this.dataDir.resolve("broker.pid"), config());
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The broker process, while it runs. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public int nodeId() {
        return membership.nodeId();
    }

    /**
     * Kills the broker as a crash would (SIGKILL: no controlled shutdown, nothing flushed), for tests of the bad
     * day; the directory stays this launcher's, and {@link #start()} brings the broker back on it.
     */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
            pidFile.delete();
        }
    }

    /**
     * {@link #launch()}, then {@link #awaitReady()}.
     *
     * @throws IllegalStateException if another launcher runs a broker on this directory, a port is taken, or
     *                               the broker does not come up
     */
    public synchronized KafkaBroker start() {
        return launch().awaitReady();
    }

    /**
     * Stops a broker left running on the log directory by an earlier launcher and starts the broker's process
     * (which formats the directory on first use), without waiting for it to answer: the platform's services wait
     * for the broker themselves, so a launcher starts them meanwhile.
     *
     * @throws IllegalStateException if another launcher runs a broker on this directory, or a port is taken
     */
    public synchronized KafkaBroker launch() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            lockDirectory();
            pidFile.stopLeftoverBroker();
            requireFree(port, "listener");
            requireFree(controllerPort, "controller listener");
            List<String> arguments = new ArrayList<>(List.of(writeConfig().toString()));
            if (Files.exists(metaProperties())) {
                clusterId = formattedClusterId();
            } else {
                clusterId = membership.clusterId() != null ? membership.clusterId() : Uuid.randomUuid().toString();
                arguments.add(clusterId);
            }
            process = runBroker(arguments);
            pidFile.write(process.pid());
            return this;
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Waits until the launched broker answers as this log directory's cluster; stops it if it does not.
     *
     * @throws IllegalStateException if the broker exits, does not answer in time, or another cluster answers
     */
    public synchronized KafkaBroker awaitReady() {
        try {
            awaitAnswer();
            log.info("Kafka broker ready on {} (pid {}, data in {})", bootstrapServers(), process.pid(), dataDir);
            return this;
        } catch (InterruptedException e) {
            stop(); // before the flag is set again: stop waits for the broker to exit
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Kafka", e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Stops the broker the way an operator would (SIGTERM: a controlled shutdown), forcibly if it hangs. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
            pidFile.delete();
        }
        unlockDirectory();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Takes the directory's launcher lock, held until {@link #stop()}. The operating system releases it when
     * this JVM dies, however it dies: whoever gets it next knows that any broker still on the directory is
     * left over.
     */
    private void lockDirectory() throws IOException {
        if (launcherLock != null) {
            return;
        }
        Path file = dataDir.resolve("launcher.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another launcher is running a Kafka broker on " + dataDir + " (it holds "
                    + file + "): stop it first, or give this one another data directory");
        }
        launcherLock = lock;
    }

    private void unlockDirectory() {
        if (launcherLock == null) {
            return;
        }
        try {
            launcherLock.channel().close();
        } catch (IOException e) {
            log.warn("Cannot release {}: {}", dataDir.resolve("launcher.lock"), e.getMessage());
        }
        launcherLock = null;
    }

    private void requireFree(int candidate, String listener) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, candidate));
        } catch (IOException taken) {
            throw new IllegalStateException("Kafka's " + listener + " port " + HOST + ":" + candidate + " is taken by a"
                    + " process that is not this platform's broker (no broker of " + dataDir + " is running). Stop that"
                    + " process, or choose other ports (the launcher's --kafka-port and --kafka-controller-port)", taken);
        }
    }

    private Path config() {
        return dataDir.resolve("server.properties");
    }

    private Path metaProperties() {
        return dataDir.resolve("logs").resolve("meta.properties");
    }

    /** The id the log directory was formatted with. */
    private String formattedClusterId() throws IOException {
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties())) {
            meta.load(in);
        }
        return meta.getProperty("cluster.id");
    }

    private Path writeConfig() throws IOException {
        Path config = config();
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + membership.nodeId(),
                "controller.quorum.voters=" + membership.quorumVoters(),
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("logs"),
                // the platform creates its topic; a typo in a topic name must not create another one
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "default.replication.factor=" + membership.replicas(),
                "min.insync.replicas=" + membership.minInSyncReplicas(),
                "offsets.topic.replication.factor=" + membership.replicas(),
                "transaction.state.log.replication.factor=" + membership.replicas(),
                "transaction.state.log.min.isr=" + membership.minInSyncReplicas(),
                "group.initial.rebalance.delay.ms=0",
                // a finite retention set on a topic (by an operator, or TopicRetentionTest) takes effect within
                // seconds, not the default five minutes: what the platform does about it shows at once
                "log.retention.check.interval.ms=1000",
                ""));
        return config;
    }

    /** The broker's process ({@link KafkaBrokerChild}), its output appended to {@code kafka.log}. */
    private Process runBroker(List<String> arguments) throws IOException {
        Path logback = dataDir.resolve("kafka-logback.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                </configuration>
                """);
        return ChildJvm.builder(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + logback),
                        KafkaBrokerChild.class.getName(), arguments)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("kafka.log").toFile()))
                .start();
    }

    private void awaitAnswer() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        awaitListener(deadline);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                // tried every 200 ms while the broker starts, not Kafka's back-off of up to a second
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200))) {
            while (true) {
                requireRunning();
                String answered;
                try {
                    DescribeClusterResult cluster = admin.describeCluster();
                    cluster.nodes().get(2, TimeUnit.SECONDS);
                    answered = cluster.clusterId().get(2, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notStarted(notYet);
                    }
                    TimeUnit.MILLISECONDS.sleep(200);
                    continue;
                }
                if (!clusterId.equals(answered)) {
                    throw new IllegalStateException(bootstrapServers() + " is answered by another Kafka cluster ("
                            + answered + "), not this platform's broker (cluster " + clusterId + " in " + dataDir + ")");
                }
                return;
            }
        }
    }

    /**
     * Waits, quietly, until the broker's listener accepts connections: an admin client asking before that logs a
     * warning with every refused connection (some fifty in a start on two cores), which reads as a fault to whoever
     * watches the platform start.
     */
    private void awaitListener(long deadline) throws InterruptedException {
        while (true) {
            requireRunning();
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(HOST, port), 200);
                return;
            } catch (IOException notListening) {
                if (System.nanoTime() > deadline) {
                    throw notStarted(notListening);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private void requireRunning() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + dataDir.resolve("kafka.log"));
        }
    }

    private IllegalStateException notStarted(Exception cause) {
        return new IllegalStateException("Kafka did not start within " + START_TIMEOUT + "; see "
                + dataDir.resolve("kafka.log"), cause);
    }
}
