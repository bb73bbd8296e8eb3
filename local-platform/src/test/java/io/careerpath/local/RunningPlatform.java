package io.careerpath.local;

import io.careerpath.local.signin.SignInServer;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
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

    private RunningPlatform(TestInfrastructure infrastructure, PlatformServices services, SignIn signIn, String topic) {
        this.infrastructure = infrastructure;
        this.topic = topic;
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

    /** Both services read "now" from {@code clock}: a test can move the platform to another day. */
    static RunningPlatform startWithClock(Clock clock) {
        return start(context -> context.addBeanFactoryPostProcessor(beanFactory -> {
            ((BeanDefinitionRegistry) beanFactory).removeBeanDefinition("clock");
            beanFactory.registerSingleton("clock", clock);
        }));
    }

    private static RunningPlatform start(ApplicationContextInitializer<ConfigurableApplicationContext> customizer) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "careerpath.career-events." + run;
        TestInfrastructure.Database database = infrastructure.newDatabase();
        PlatformServices services = PlatformServices.start(infrastructure.signInServer(),
                Map.of("server.port", "0",
                        "spring.datasource.url", database.url(),
                        "spring.datasource.username", database.username(),
                        "spring.datasource.password", database.password(),
                        "careerpath.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                        "careerpath.kafka.topic", topic,
                        "careerpath.kafka.partitions", "3"),
                Map.of("server.port", "0",
                        "spring.data.mongodb.uri", infrastructure.mongoUri(),
                        "spring.data.mongodb.database", "careerpath_" + run,
                        "careerpath.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                        "careerpath.kafka.topic", topic),
                customizer);
        return new RunningPlatform(infrastructure, services, infrastructure.signIn(), topic);
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
        return signInServer().account(username).personId();
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
