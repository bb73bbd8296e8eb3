package io.careerpath.local;

import io.careerpath.local.signin.SignInServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one place that chooses what the integration tests run on. Where a Docker engine answers:
 * Testcontainers (Kafka, PostgreSQL, MongoDB, pinned images). Otherwise, local stand-ins for the
 * same protocols: the KRaft broker from Kafka's own jars, the PostgreSQL on 127.0.0.1:5432, and
 * mongo-java-server. Started once per test JVM and shared; each platform a test starts gets its own
 * database, Mongo database and topic, so tests never see each other's data.
 *
 * <p>Sign-in is the launcher's own {@link SignInServer} (with the demo accounts) in either case, one per
 * test JVM, started when a test first needs it; {@link #signIn()} signs in through it with the real
 * authorization-code flow.
 *
 * <p>Missing infrastructure fails the run under CI ({@code CI=true}); on a developer's machine the
 * tests that need it are skipped with the reason, never silently.
 */
abstract class TestInfrastructure {

    private static TestInfrastructure instance;

    static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = DockerClientFactory.instance().isDockerAvailable() ? new Containers() : new Local();
            TestInfrastructure started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.stopSignInServer();
                started.shutdown();
            }, "test-infrastructure-shutdown"));
        }
        return instance;
    }

    private SignInServer signInServer;
    private SignIn signIn;

    /** The sign-in server every platform of this test JVM takes its tokens from (demo accounts, a free port). */
    synchronized SignInServer signInServer() {
        if (signInServer == null) {
            signInServer = SignInServer.start(Map.of("server.port", "0"));
        }
        return signInServer;
    }

    /**
     * Signs the demo accounts in at {@link #signInServer()}, as the dashboards would (the code is sent to
     * an origin of no platform in particular: the tests only read it from the redirect).
     */
    synchronized SignIn signIn() {
        if (signIn == null) {
            signIn = new SignIn(signInServer(), "http://127.0.0.1:" + freePort());
        }
        return signIn;
    }

    private synchronized void stopSignInServer() {
        if (signInServer != null) {
            signInServer.close();
        }
    }

    /** A fresh PostgreSQL database for one platform run. */
    record Database(String url, String username, String password) {
    }

    abstract String kafkaBootstrapServers();

    /** Takes the broker away as an outage would: clients keep their addresses and find nothing there. */
    abstract void stopKafka();

    abstract void startKafka();

    abstract String mongoUri();

    abstract Database newDatabase();

    abstract void shutdown();

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Database createDatabase(String serverUrl, String username, String password) {
        String name = "careerpath_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(serverUrl + "/postgres", username, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a database on " + serverUrl, e);
        }
        return new Database(serverUrl + "/" + name, username, password);
    }

    /** Testcontainers, when a Docker engine answers. */
    private static final class Containers extends TestInfrastructure {

        private final KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:3.9.1"));
        private final PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse("postgres:15.10"));
        private final MongoDBContainer mongo = new MongoDBContainer(DockerImageName.parse("mongo:7.0.15"));

        Containers() {
            kafka.start();
            postgres.start();
            mongo.start();
        }

        @Override
        String kafkaBootstrapServers() {
            return kafka.getBootstrapServers();
        }

        @Override
        void stopKafka() {
            kafka.getDockerClient().pauseContainerCmd(kafka.getContainerId()).exec();
        }

        @Override
        void startKafka() {
            kafka.getDockerClient().unpauseContainerCmd(kafka.getContainerId()).exec();
        }

        @Override
        String mongoUri() {
            return mongo.getConnectionString();
        }

        @Override
        Database newDatabase() {
            String server = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432);
            return createDatabase(server, postgres.getUsername(), postgres.getPassword());
        }

        @Override
        void shutdown() {
            kafka.stop();
            postgres.stop();
            mongo.stop();
        }
    }

    /** No Docker engine: the local stand-ins. */
    private static final class Local extends TestInfrastructure {

        private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432";

        private final KafkaBroker kafka;
        private final EmbeddedMongo mongo;
        private final List<String> databases = new ArrayList<>();

        Local() {
            requirePostgres();
            try {
                Path dir = Files.createTempDirectory(Path.of("target"), "test-kafka-");
                kafka = new KafkaBroker(dir, freePort(), freePort()).start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            mongo = EmbeddedMongo.inMemory(freePort());
        }

        private static void requirePostgres() {
            try (Connection ignored = DriverManager.getConnection(POSTGRES + "/postgres", "postgres", "")) {
                // reachable
            } catch (SQLException e) {
                String reason = "No Docker engine and no PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres): "
                        + e.getMessage();
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IllegalStateException(reason + ". .ci/run must start PostgreSQL.", e);
                }
                Assumptions.abort(reason);
            }
        }

        @Override
        String kafkaBootstrapServers() {
            return kafka.bootstrapServers();
        }

        @Override
        void stopKafka() {
            kafka.stop();
        }

        @Override
        void startKafka() {
            kafka.start();
        }

        @Override
        String mongoUri() {
            return mongo.uri();
        }

        @Override
        synchronized Database newDatabase() {
            Database database = createDatabase(POSTGRES, "postgres", "");
            databases.add(database.url().substring(database.url().lastIndexOf('/') + 1));
            return database;
        }

        @Override
        void shutdown() {
            kafka.close();
            mongo.close();
            try (Connection connection = DriverManager.getConnection(POSTGRES + "/postgres", "postgres", "");
                 Statement statement = connection.createStatement()) {
                for (String database : databases) {
                    statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            } catch (SQLException e) {
                // leftover test databases are harmless; the next run creates new ones
            }
        }
    }
}
