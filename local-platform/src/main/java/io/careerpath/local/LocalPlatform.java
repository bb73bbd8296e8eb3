package io.careerpath.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine with nothing installed: a real Kafka broker (KRaft, child
 * process), an embedded MongoDB-wire server persisted to an H2 file, an H2 file event store, and
 * both services. Everything it keeps lives under one data directory, so a stop and a start find
 * all the data again.
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);

    /**
     * Where and on which ports. Port 0 for a service means "any free port".
     */
    public record Settings(Path dataDir, int commandPort, int queryPort, int kafkaPort, int kafkaControllerPort,
                           int mongoPort) {

        public static final Settings DEFAULTS = new Settings(Path.of("data"), 8080, 8081, 9092, 9093, 27017);

        /** Reads {@code --data-dir=...}, {@code --command-port=...} and so on, each defaulting to {@link #DEFAULTS}. */
        static Settings fromArguments(String... args) {
            Map<String, String> given = Arrays.stream(args)
                    .filter(arg -> arg.startsWith("--") && arg.contains("="))
                    .collect(Collectors.toMap(arg -> arg.substring(2, arg.indexOf('=')),
                            arg -> arg.substring(arg.indexOf('=') + 1), (a, b) -> b));
            return new Settings(
                    Path.of(given.getOrDefault("data-dir", DEFAULTS.dataDir.toString())),
                    port(given, "command-port", DEFAULTS.commandPort),
                    port(given, "query-port", DEFAULTS.queryPort),
                    port(given, "kafka-port", DEFAULTS.kafkaPort),
                    port(given, "kafka-controller-port", DEFAULTS.kafkaControllerPort),
                    port(given, "mongo-port", DEFAULTS.mongoPort));
        }

        private static int port(Map<String, String> given, String name, int fallback) {
            return Integer.parseInt(given.getOrDefault(name, String.valueOf(fallback)));
        }
    }

    private final KafkaBroker kafka;
    private final EmbeddedMongo mongo;
    private final PlatformServices services;

    private LocalPlatform(KafkaBroker kafka, EmbeddedMongo mongo, PlatformServices services) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.services = services;
    }

    public static LocalPlatform start(Settings settings) throws Exception {
        Path dataDir = settings.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        KafkaBroker kafka = new KafkaBroker(dataDir.resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort())
                .start();
        EmbeddedMongo mongo = null;
        try {
            mongo = EmbeddedMongo.persistent(dataDir.resolve("read-models.mv"), settings.mongoPort());
            Map<String, String> command = new LinkedHashMap<>();
            command.put("server.port", String.valueOf(settings.commandPort()));
            command.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("event-store")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            command.put("spring.datasource.username", "sa");
            command.put("careerpath.kafka.bootstrap-servers", kafka.bootstrapServers());
            Map<String, String> query = new LinkedHashMap<>();
            query.put("server.port", String.valueOf(settings.queryPort()));
            query.put("spring.data.mongodb.uri", mongo.uri());
            query.put("careerpath.kafka.bootstrap-servers", kafka.bootstrapServers());
            return new LocalPlatform(kafka, mongo, PlatformServices.start(command, query));
        } catch (Exception e) {
            if (mongo != null) {
                mongo.close();
            }
            kafka.close();
            throw e;
        }
    }

    public PlatformServices services() {
        return services;
    }

    @Override
    public void close() {
        services.close();
        mongo.close();
        kafka.close();
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromArguments(args);
        LocalPlatform platform;
        try {
            platform = start(settings);
        } catch (Exception e) {
            // a half-started platform may hold non-daemon threads: say why and leave
            log.error("Careerpath could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping Careerpath");
            platform.close();
        }, "careerpath-shutdown"));
        System.out.printf("""

                ================================================================
                 Careerpath is running (data in %s)
                   Dashboards   %s   (open this in a browser)
                   Command API  http://localhost:%d/api/people   (OpenAPI: /swagger-ui.html)
                   Query API    http://localhost:%d/api/people/{personId}/timeline
                   Kafka        %s     MongoDB wire  %s
                 Stop with Ctrl-C; starting again finds all the data.
                ================================================================

                """, settings.dataDir().toAbsolutePath(), platform.services.dashboardUrl(),
                platform.services.commandPort(), platform.services.queryPort(),
                platform.kafka.bootstrapServers(), platform.mongo.uri());
    }
}
