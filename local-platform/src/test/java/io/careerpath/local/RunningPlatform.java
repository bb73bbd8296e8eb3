package io.careerpath.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.local.signin.SignInServer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Both services running on the shared test infrastructure, with a database, Mongo database and
 * topic of their own, on free ports, taking tokens from the shared sign-in server.
 *
 * <p>{@link #commandApi}, {@link #queryApi} and {@link #client} act as the HR administrator
 * ({@value #HR_ADMIN}, who may do everything), signed in through the real authorization-code flow;
 * {@link #clientAs}, {@link #commandApiAs} and {@link #queryApiAs} act as any other demo account, and
 * {@link #signInServer()} mints tokens a well-behaved server never issues.
 */
final class RunningPlatform implements AutoCloseable {

    /** The demo account the default clients act as. */
    static final String HR_ADMIN = "hana";

    final TestInfrastructure infrastructure;
    final PlatformServices services;
    final SignIn signIn;
    final RestClient commandApi;
    final RestClient queryApi;
    final CareerpathClient client;
    final String topic;
    /** The query service's MongoDB database (read models, its token, its dead letters). */
    final String readModelDatabase;

    private RunningPlatform(TestInfrastructure infrastructure, PlatformServices services, SignIn signIn, String topic,
                            String readModelDatabase) {
        this.infrastructure = infrastructure;
        this.topic = topic;
        this.readModelDatabase = readModelDatabase;
        this.services = services;
        this.signIn = signIn;
        this.commandApi = commandApiAs(HR_ADMIN);
        this.queryApi = queryApiAs(HR_ADMIN);
        this.client = new CareerpathClient(commandApi, queryApi);
    }

    static RunningPlatform start() {
        return start(context -> {
        });
    }

    /**
     * A platform for a whole test class: register it with {@code @RegisterExtension static}; it starts before the
     * class's {@code @BeforeAll} methods (which can take it with {@link PerClass#get()}) and is closed after its
     * {@code @AfterAll} methods, whatever happened in between.
     */
    static PerClass perClass() {
        return perClass(RunningPlatform::start);
    }

    /** As {@link #perClass()}, started by {@code starter} (with a clock, a customizer, adjusted settings, ...). */
    static PerClass perClass(Supplier<RunningPlatform> starter) {
        return new PerClass(starter);
    }

    /** Starts a platform before a test class and closes it after the class (see {@link #perClass()}). */
    static final class PerClass implements org.junit.jupiter.api.extension.BeforeAllCallback,
            org.junit.jupiter.api.extension.AfterAllCallback {
        private final Supplier<RunningPlatform> starter;
        private final java.util.List<java.util.function.Consumer<RunningPlatform>> beforeClose = new java.util.ArrayList<>();
        private final java.util.List<Runnable> afterClose = new java.util.ArrayList<>();
        private RunningPlatform platform;

        private PerClass(Supplier<RunningPlatform> starter) {
            this.starter = starter;
        }

        /** Runs {@code action} on the platform just before it is closed (say, to bring back what a test stopped). */
        PerClass beforeClose(java.util.function.Consumer<RunningPlatform> action) {
            beforeClose.add(action);
            return this;
        }

        /** Runs {@code action} just after the platform closed (say, to close a proxy the platform went through). */
        PerClass afterClose(Runnable action) {
            afterClose.add(action);
            return this;
        }

        /** The running platform; only from the class's {@code @BeforeAll} methods on. */
        RunningPlatform get() {
            if (platform == null) {
                throw new IllegalStateException("The platform starts before the test class's @BeforeAll methods");
            }
            return platform;
        }

        @Override
        public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) {
            platform = starter.get();
        }

        @Override
        public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) {
            if (platform == null) {
                return;
            }
            try {
                beforeClose.forEach(action -> action.accept(platform));
            } finally {
                try {
                    platform.close();
                } finally {
                    platform = null;
                    afterClose.forEach(Runnable::run);
                }
            }
        }
    }

    /** Both services read "now" from {@code clock}: a test can move the platform to another day. */
    static RunningPlatform startWithClock(Clock clock) {
        return start(withClock(clock));
    }

    /** As {@link #startWithClock(Clock)}, with each service's settings changed by {@code adjust} before it starts. */
    static RunningPlatform startWithClock(Clock clock, BiConsumer<Map<String, String>, Map<String, String>> adjust) {
        return start(TestInfrastructure.get().signIn(), adjust, withClock(clock));
    }

    private static ApplicationContextInitializer<ConfigurableApplicationContext> withClock(Clock clock) {
        return context -> context.addBeanFactoryPostProcessor(beanFactory -> {
            ((BeanDefinitionRegistry) beanFactory).removeBeanDefinition("clock");
            beanFactory.registerSingleton("clock", clock);
        });
    }

    /** With {@code customizer} applied to both services' contexts before they refresh. */
    static RunningPlatform start(ApplicationContextInitializer<ConfigurableApplicationContext> customizer) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        return start(infrastructure.signIn(), (command, query) -> {
        }, customizer);
    }

    /**
     * With each service's settings changed by {@code adjust} before it starts (given the command service's and
     * the query service's, as this class would pass them): a component's address behind a {@link TcpProxy}, say.
     */
    static RunningPlatform start(BiConsumer<Map<String, String>, Map<String, String>> adjust) {
        return start(TestInfrastructure.get().signIn(), adjust, context -> {
        });
    }

    /** With each service's settings changed by {@code adjust}, and {@code customizer} applied to both contexts. */
    static RunningPlatform start(BiConsumer<Map<String, String>, Map<String, String>> adjust,
                                 ApplicationContextInitializer<ConfigurableApplicationContext> customizer) {
        return start(TestInfrastructure.get().signIn(), adjust, customizer);
    }

    /** As {@link #start(BiConsumer)}, taking tokens from {@code signInServer} (one with settings of a test's own). */
    static RunningPlatform start(SignInServer signInServer, BiConsumer<Map<String, String>, Map<String, String>> adjust) {
        return start(new SignIn(signInServer, "http://127.0.0.1:" + TestInfrastructure.freePort()), adjust, context -> {
        });
    }

    /**
     * Both services taking tokens from the real Keycloak ({@link KeycloakServer}, one per test JVM) with the compose
     * file's realm, as docker-compose.yml wires them; the demo accounts sign in on Keycloak's own login page.
     */
    static RunningPlatform startOnKeycloak() {
        KeycloakServer keycloak = KeycloakServer.get();
        // "openid": what the dashboards ask for (careerpath.web.sign-in.scopes); the realm has no "profile" scope
        return start(SignIn.atIssuer(keycloak.issuer(), KeycloakServer.REGISTERED_DASHBOARD_ORIGIN, "openid"),
                keycloak::settings,
                context -> {
                });
    }

    private static RunningPlatform start(SignIn signIn, BiConsumer<Map<String, String>, Map<String, String>> adjust,
                                         ApplicationContextInitializer<ConfigurableApplicationContext> customizer) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "careerpath.career-events." + run;
        TestInfrastructure.Database database = infrastructure.newDatabase();
        Map<String, String> command = new LinkedHashMap<>(Map.of("server.port", "0",
                "spring.datasource.url", database.url(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password(),
                "careerpath.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                "careerpath.kafka.topic", topic,
                "careerpath.kafka.partitions", "3",
                // a ledger per platform: an erasure must never be re-applied to another test's event store
                "careerpath.erasure-ledger.directory", "target/erasure-ledgers/" + run));
        Map<String, String> query = new LinkedHashMap<>(querySettings(infrastructure, topic, "careerpath_" + run));
        adjust.accept(command, query);
        PlatformServices services = PlatformServices.start(signIn.server(), command, query, customizer);
        return new RunningPlatform(infrastructure, services, signIn, topic, "careerpath_" + run);
    }

    private static Map<String, String> querySettings(TestInfrastructure infrastructure, String topic, String database) {
        return Map.of("server.port", "0",
                "spring.data.mongodb.uri", infrastructure.mongoUri(),
                "spring.data.mongodb.database", database,
                "careerpath.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                "careerpath.kafka.topic", topic,
                "careerpath.search.index-secret", TEST_SEARCH_INDEX_SECRET);
    }

    /** The name search's index key in the tests (the launcher creates one per data directory). */
    static final String TEST_SEARCH_INDEX_SECRET = "test-search-index-secret";

    /**
     * One more query service on this platform's topic and command service, with read models of its own in
     * {@code database}: a new instance, as an operator would add one.
     */
    org.springframework.context.ConfigurableApplicationContext startAnotherQueryService(String database) {
        return startAnotherQueryService(database, null, Map.of());
    }

    /**
     * As {@link #startAnotherQueryService(String)}, reading "now" from {@code clock} (unless null) and with
     * {@code settings} added: the same database as this platform's ({@link #readModelDatabase}) makes it a second
     * instance of the same service.
     */
    org.springframework.context.ConfigurableApplicationContext startAnotherQueryService(String database, Clock clock,
                                                                                      Map<String, String> settings) {
        Map<String, String> command = new java.util.LinkedHashMap<>();
        Map<String, String> query = new java.util.LinkedHashMap<>(querySettings(infrastructure, topic, database));
        PlatformServices.signInSettings(signInServer(), command, query);
        query.put("careerpath.person-keys.url", "http://127.0.0.1:" + services.commandPort());
        query.put("careerpath.web.command-api-url", "http://127.0.0.1:" + services.commandPort());
        query.putAll(settings);
        var builder = io.careerpath.query.QueryServiceApplication.builder();
        if (clock != null) {
            builder.initializers(withClock(clock));
        }
        return builder.run(query.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    /** The query service's MongoDB database, to look at (or tamper with) what it stores. */
    com.mongodb.client.MongoDatabase readModels(com.mongodb.client.MongoClient client) {
        return client.getDatabase(readModelDatabase);
    }

    /** The dashboards' start page, served by the query service (which knows the command API's address). */
    String dashboardUrl() {
        return services.dashboardUrl();
    }

    /** The sign-in server the services take tokens from: its accounts, and tokens minted with its key. */
    SignInServer signInServer() {
        return signIn.server();
    }

    /** The person the demo account is (its token's {@code person_id}), who is recorded as recording. */
    String personIdOf(String username) {
        // Keycloak's realm holds the same accounts as demo-accounts.yml (KeycloakRealmTest)
        return signInServer() != null ? signInServer().account(username).personId()
                : io.careerpath.local.signin.DemoAccounts.read("classpath:demo-accounts.yml").get(username).personId();
    }

    /** The secret of the query service's client at the issuer the services take tokens from. */
    String queryClientSecret() {
        return signInServer() != null ? signInServer().queryClientSecret() : KeycloakServer.QUERY_CLIENT_SECRET;
    }

    /** What the demo account does with the APIs, signed in with its password. */
    CareerpathClient clientAs(String username) {
        return new CareerpathClient(commandApiAs(username), queryApiAs(username));
    }

    RestClient commandApiAs(String username) {
        return commandApi(() -> signIn.accessToken(username));
    }

    RestClient queryApiAs(String username) {
        return queryApi(() -> signIn.accessToken(username));
    }

    /** The command API with exactly this token (minted, expired, for another audience, ...). */
    RestClient commandApiWithToken(String token) {
        return commandApi(() -> token);
    }

    RestClient queryApiWithToken(String token) {
        return queryApi(() -> token);
    }

    /** What the command service's health endpoint {@code path} ("/readiness", or "" for all) answers: status and body. */
    ResponseEntity<JsonNode> commandHealth(String path) {
        return health(commandApi, path);
    }

    ResponseEntity<JsonNode> queryHealth(String path) {
        return health(queryApi, path);
    }

    private static ResponseEntity<JsonNode> health(RestClient api, String path) {
        return api.get().uri("/actuator/health" + path).retrieve()
                .onStatus(status -> true, (request, response) -> {
                    // DOWN answers 503: returned, not thrown
                })
                .toEntity(JsonNode.class);
    }

    /** The command API without any token. */
    RestClient anonymousCommandApi() {
        return commandApi(() -> null);
    }

    RestClient anonymousQueryApi() {
        return queryApi(() -> null);
    }

    /** {@code Bearer <token>} of the demo account, for requests sent without these clients. */
    String bearer(String username) {
        return signIn.bearer(username);
    }

    private RestClient commandApi(Supplier<String> token) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + services.commandPort())
                .defaultHeader("Content-Type", MediaType.APPLICATION_JSON_VALUE)
                .requestInterceptor(bearer(token)).build();
    }

    private RestClient queryApi(Supplier<String> token) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + services.queryPort())
                .requestInterceptor(bearer(token)).build();
    }

    /** Asks for the token on every request: a cached one is renewed before it expires. */
    private static org.springframework.http.client.ClientHttpRequestInterceptor bearer(Supplier<String> token) {
        return (request, body, execution) -> {
            String value = token.get();
            if (value != null && !request.getHeaders().containsKey("Authorization")) {
                request.getHeaders().setBearerAuth(value);
            }
            return execution.execute(request, body);
        };
    }

    @Override
    public void close() {
        services.close();
    }
}
