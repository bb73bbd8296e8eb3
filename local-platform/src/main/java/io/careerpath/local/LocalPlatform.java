package io.careerpath.local;

import io.careerpath.local.signin.DemoAccount;
import io.careerpath.local.signin.SignInServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;

/**
 * The whole platform on one machine with nothing installed: a real Kafka broker (KRaft, child
 * process), an embedded MongoDB-wire server persisted to an H2 file, an H2 file event store, and
 * both services, behind a sign-in server of its own (io.careerpath.local.signin.SignInServer, with the
 * single-machine demo accounts). Everything it keeps lives under one data directory, so a stop and a
 * start find all the data again. It backs the event store up while it runs, and restores a backup into a new
 * data directory ({@link Backups}, docs/operations.md "Backup and restore").
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);

    /** How long Ctrl-C during the start waits for the start's current step before the JVM stops anyway. */
    private static final Duration STOP_WHILE_STARTING = Duration.ofSeconds(30);

    /**
     * Where and on which ports. Port 0 for a service or the sign-in server means "any free port".
     */
    public record Settings(Path dataDir, int commandPort, int queryPort, int kafkaPort, int kafkaControllerPort,
                           int mongoPort, int signInPort) {

        public static final Settings DEFAULTS = new Settings(Path.of("data"), 8080, 8081, 9092, 9093, 27017,
                SignInServer.DEFAULT_PORT);

        /** The sign-in server on any free port. */
        public Settings(Path dataDir, int commandPort, int queryPort, int kafkaPort, int kafkaControllerPort,
                        int mongoPort) {
            this(dataDir, commandPort, queryPort, kafkaPort, kafkaControllerPort, mongoPort, 0);
        }

        /**
         * Reads {@code --data-dir=...}, {@code --command-port=...}, {@code --sign-in-port=...} and so on, each
         * defaulting to {@link #DEFAULTS}.
         */
        static Settings fromArguments(String... args) {
            Map<String, String> given = arguments(args);
            return new Settings(
                    Path.of(given.getOrDefault("data-dir", DEFAULTS.dataDir.toString())),
                    port(given, "command-port", DEFAULTS.commandPort),
                    port(given, "query-port", DEFAULTS.queryPort),
                    port(given, "kafka-port", DEFAULTS.kafkaPort),
                    port(given, "kafka-controller-port", DEFAULTS.kafkaControllerPort),
                    port(given, "mongo-port", DEFAULTS.mongoPort),
                    port(given, "sign-in-port", DEFAULTS.signInPort));
        }

        private static int port(Map<String, String> given, String name, int fallback) {
            return Integer.parseInt(given.getOrDefault(name, String.valueOf(fallback)));
        }
    }

    /** {@code --name=value} arguments by name (the last one wins). */
    private static Map<String, String> arguments(String... args) {
        return Arrays.stream(args)
                .filter(arg -> arg.startsWith("--") && arg.contains("="))
                .collect(Collectors.toMap(arg -> arg.substring(2, arg.indexOf('=')),
                        arg -> arg.substring(arg.indexOf('=') + 1), (a, b) -> b));
    }

    /**
     * The launcher's backups of the event store ({@link EventStoreBackups}).
     *
     * @param every       how often (the first one as soon as the newest backup is this old); zero: never
     * @param kept        how many backups are kept (the oldest are deleted)
     * @param directory   where they are written
     * @param restoreFrom a backup to restore into the data directory before starting (a new one), or null
     */
    public record Backups(Duration every, int kept, Path directory, Path restoreFrom) {

        /** Reads {@code --backup-every=24h}, {@code --backups-kept=7}, {@code --backup-dir=<data-dir>/backups}, {@code --restore-from=...}. */
        static Backups fromArguments(Path dataDir, String... args) {
            Map<String, String> given = arguments(args);
            String restoreFrom = given.get("restore-from");
            return new Backups(DurationStyle.detectAndParse(given.getOrDefault("backup-every", "24h")),
                    Integer.parseInt(given.getOrDefault("backups-kept", "7")),
                    Path.of(given.getOrDefault("backup-dir", dataDir.resolve("backups").toString())),
                    restoreFrom == null ? null : Path.of(restoreFrom));
        }
    }

    private final SignInServer signIn;
    private final KafkaBroker kafka;
    private final EmbeddedMongo mongo;
    private final PlatformServices services;
    private final Path dataDir;
    private volatile Backups backups;
    private final ScheduledExecutorService backupSchedule = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "careerpath-backups");
        thread.setDaemon(true);
        return thread;
    });

    private LocalPlatform(SignInServer signIn, KafkaBroker kafka, EmbeddedMongo mongo, PlatformServices services,
                          Path dataDir) {
        this.signIn = signIn;
        this.kafka = kafka;
        this.mongo = mongo;
        this.services = services;
        this.dataDir = dataDir;
        this.backups = Backups.fromArguments(dataDir);
    }

    /**
     * The key of the name search's index (docs/security.md#finding-people-by-name): created at the first start and
     * kept in the data directory, beside the read models' file but not in it, so that the same digests are computed
     * after a restart. Readable by this user only.
     */
    static String searchIndexSecret(Path dataDir) throws IOException {
        Path file = dataDir.resolve("search-index-secret");
        if (!Files.exists(file)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path written = Files.writeString(dataDir.resolve("search-index-secret.new"),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n");
            try {
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions apply
            }
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return Files.readString(file).trim();
    }

    public static LocalPlatform start(Settings settings) throws Exception {
        return start(settings, Map.of());
    }

    /**
     * @param signInSettings settings of the sign-in server ({@code careerpath.sign-in.*}, e.g. another
     *                       accounts file); its port and key file come from {@code settings}
     */
    public static LocalPlatform start(Settings settings, Map<String, String> signInSettings) throws Exception {
        return start(settings, signInSettings, () -> false);
    }

    /**
     * @param stopRequested asked between the steps of the start (the sign-in server, the read models' store, both
     *                      services, the demo people); once true, the start closes what it started and throws
     *                      {@link InterruptedException}
     */
    static LocalPlatform start(Settings settings, Map<String, String> signInSettings, BooleanSupplier stopRequested)
            throws Exception {
        Path dataDir = settings.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        Map<String, String> signInWired = new LinkedHashMap<>(signInSettings);
        signInWired.put("server.port", String.valueOf(settings.signInPort()));
        // the same key after a restart: a signed-in dashboard stays signed in
        signInWired.putIfAbsent("careerpath.sign-in.key-file", dataDir.resolve("sign-in").resolve("signing-key.jwk").toString());
        // The broker is a JVM of its own that takes seconds to answer. Its port and directory checks fail the start at
        // once; its answer is awaited in the background while this JVM starts the sign-in server and the services,
        // which wait for the broker themselves (the command service to create its topic, the query service for it).
        KafkaBroker kafka = new KafkaBroker(dataDir.resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort())
                .launch();
        CompletableFuture<KafkaBroker> brokerReady = CompletableFuture.supplyAsync(kafka::awaitReady,
                runnable -> new Thread(runnable, "kafka-broker-start").start());
        brokerReady.exceptionally(failure -> {
            if (!stopRequested.getAsBoolean()) { // not when the start closed it on Ctrl-C
                log.error("Kafka did not start; the services wait for it until their start-up timeouts", failure);
            }
            return null;
        });
        SignInServer signIn;
        try {
            signIn = SignInServer.start(signInWired);
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
        EmbeddedMongo mongo = null;
        try {
            requireNoStop(stopRequested);
            mongo = EmbeddedMongo.persistent(dataDir.resolve("read-models.mv"), settings.mongoPort());
            Map<String, String> command = new LinkedHashMap<>();
            command.put("server.port", String.valueOf(settings.commandPort()));
            command.put("spring.datasource.url", EventStoreFile.jdbcUrl(dataDir));
            command.put("spring.datasource.username", "sa");
            command.put("careerpath.kafka.bootstrap-servers", kafka.bootstrapServers());
            // beside the event store, never inside its backups: docs/operations.md, "Erasure after a restore"
            command.put("careerpath.erasure-ledger.directory", dataDir.resolve(EventStoreBackups.ERASURE_LEDGER).toString());
            Map<String, String> query = new LinkedHashMap<>();
            query.put("server.port", String.valueOf(settings.queryPort()));
            query.put("spring.data.mongodb.uri", mongo.uri());
            query.put("careerpath.kafka.bootstrap-servers", kafka.bootstrapServers());
            if (System.getenv("CAREERPATH_SEARCH_INDEX_SECRET") == null) {
                query.put("careerpath.search.index-secret", searchIndexSecret(dataDir));
            }
            PlatformServices services = PlatformServices.start(signIn, command, query, context -> {
            });
            try {
                brokerReady.join(); // answered long ago (the command service created its topic): checks it is ours
                requireNoStop(stopRequested);
            } catch (CompletionException e) {
                services.close();
                throw e.getCause() instanceof Exception cause ? cause : e;
            } catch (InterruptedException e) {
                services.close();
                throw e;
            }
            try {
                DemoPeople.registerIfMissing(signIn, services);
            } catch (RuntimeException e) {
                // a convenience for a first look, never a reason not to run
                log.warn("Could not register the demo accounts' people: {}", e.getMessage(), e);
            }
            return new LocalPlatform(signIn, kafka, mongo, services, dataDir);
        } catch (Exception e) {
            if (mongo != null) {
                mongo.close();
            }
            kafka.close();
            signIn.close();
            throw e;
        }
    }

    private static void requireNoStop(BooleanSupplier stopRequested) throws InterruptedException {
        if (stopRequested.getAsBoolean()) {
            throw new InterruptedException("Stopped while starting");
        }
    }

    public PlatformServices services() {
        return services;
    }

    public SignInServer signIn() {
        return signIn;
    }

    /** Backs the event store up now, as the schedule does (by default into {@code <data-dir>/backups}); the backup's file. */
    public Path backUp() {
        return EventStoreBackups.backUp(services.commandContext().getBean(DataSource.class), backups.directory(),
                backups.kept(), Clock.systemUTC());
    }

    /** Backs the event store up every {@code backups.every()}, the first time once the newest backup is that old. */
    void scheduleBackups(Backups backups) {
        this.backups = backups;
        if (backups.every().isZero()) {
            return;
        }
        List<Path> existing = EventStoreBackups.backups(backups.directory());
        Duration sinceNewest;
        try {
            sinceNewest = existing.isEmpty() ? backups.every()
                    : Duration.between(Files.getLastModifiedTime(existing.get(existing.size() - 1)).toInstant(), Instant.now());
        } catch (IOException e) {
            sinceNewest = backups.every();
        }
        long first = Math.max(0, backups.every().minus(sinceNewest).toMillis());
        backupSchedule.scheduleAtFixedRate(() -> {
            try {
                backUp();
            } catch (RuntimeException e) {
                log.error("Could not back the event store up into {}; next try in {}", backups.directory(),
                        backups.every(), e);
            }
        }, first, backups.every().toMillis(), TimeUnit.MILLISECONDS);
        log.info("The event store is backed up every {} into {} (the newest {} kept); the next in {} s",
                backups.every(), backups.directory(), backups.kept(), first / 1000);
    }

    @Override
    public void close() {
        backupSchedule.shutdown();
        try {
            // a backup under way is finished, not cut off
            backupSchedule.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.close();
        mongo.close();
        kafka.close();
        signIn.close();
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromArguments(args);
        Backups backups = Backups.fromArguments(settings.dataDir(), args);
        // The one shutdown hook, in place before anything starts (the launcher's contexts register none of their own):
        // Ctrl-C while starting stops the start at its next step and closes what it started; Ctrl-C once it runs
        // closes everything in order. Nothing can register a hook once a stop has begun.
        AtomicBoolean stopRequested = new AtomicBoolean();
        CountDownLatch startEnded = new CountDownLatch(1);
        AtomicReference<LocalPlatform> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.set(true);
            try {
                if (!startEnded.await(STOP_WHILE_STARTING.toSeconds(), TimeUnit.SECONDS)) {
                    // a step waiting on something that does not answer: every acknowledged event is already in the
                    // event store file, and a start after this finds everything, as after a crash
                    log.warn("Careerpath is still starting after {} s; stopping without waiting for it",
                            STOP_WHILE_STARTING.toSeconds());
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            LocalPlatform platform = running.get();
            if (platform != null) {
                log.info("Stopping Careerpath");
                platform.close();
                log.info("Careerpath stopped");
            }
        }, "careerpath-shutdown"));
        LocalPlatform platform;
        try {
            if (backups.restoreFrom() != null) {
                EventStoreBackups.restore(backups.restoreFrom(), settings.dataDir().toAbsolutePath());
            }
            platform = start(settings, signInArguments(args), stopRequested::get);
            platform.scheduleBackups(backups);
        } catch (Exception e) {
            // said before the hook may go on: the JVM ends as soon as it returns
            if (stopRequested.get()) {
                log.info("Careerpath stopped while starting");
                startEnded.countDown();
                return;
            }
            log.error("Careerpath could not start: {}", e.getMessage(), e);
            startEnded.countDown();
            // a half-started platform may hold non-daemon threads
            System.exit(1);
            return;
        }
        running.set(platform);
        startEnded.countDown();
        if (!stopRequested.get()) {
            System.out.print(platform.banner(settings));
        }
    }

    /** The {@code --careerpath.sign-in.*=...} arguments (e.g. {@code --careerpath.sign-in.accounts-file=...}). */
    static Map<String, String> signInArguments(String... args) {
        String prefix = "--careerpath.sign-in.";
        return Arrays.stream(args)
                .filter(arg -> arg.startsWith(prefix) && arg.contains("="))
                .collect(Collectors.toMap(arg -> arg.substring(2, arg.indexOf('=')),
                        arg -> arg.substring(arg.indexOf('=') + 1), (a, b) -> b, LinkedHashMap::new));
    }

    String banner(Settings settings) {
        StringBuilder accounts = new StringBuilder();
        for (DemoAccount account : signIn.accounts()) {
            String password = account.plainPassword() != null ? account.plainPassword() : "(see demo-accounts.yml)";
            accounts.append(String.format("     %-8s %-12s %-18s %s%n", account.username(), password,
                    String.join(",", account.roleNames()), account.reach()));
        }
        return String.format("""

                ================================================================
                 Careerpath is running (data in %s)
                   Dashboards   %s   (open this in a browser, then sign in)
                   Command API  http://127.0.0.1:%d/api/people   (OpenAPI: /swagger-ui.html)
                   Query API    http://127.0.0.1:%d/api/people/{personId}/timeline
                   Sign-in      %s   (OpenID Connect issuer; command line: client %s, device grant)
                   Kafka        %s     MongoDB wire  %s
                 Single-machine demo accounts (NEVER for production; demo-accounts.yml):
                     user     password     roles              sees
                %s Stop with Ctrl-C; starting again finds all the data.
                ================================================================

                """, settings.dataDir().toAbsolutePath(), services.dashboardUrl(), services.commandPort(),
                services.queryPort(), signIn.issuer(), SignInServer.CLI_CLIENT_ID, kafka.bootstrapServers(), mongo.uri(), accounts);
    }
}
