package io.careerpath.local;

import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Both services running on the shared test infrastructure, with a database, Mongo database and
 * topic of their own, on free ports.
 */
final class RunningPlatform implements AutoCloseable {

    final TestInfrastructure infrastructure;
    final PlatformServices services;
    final RestClient commandApi;
    final RestClient queryApi;
    final CareerpathClient client;
    final String topic;

    private RunningPlatform(TestInfrastructure infrastructure, PlatformServices services, String topic) {
        this.infrastructure = infrastructure;
        this.topic = topic;
        this.services = services;
        this.commandApi = RestClient.builder().baseUrl("http://127.0.0.1:" + services.commandPort())
                .defaultHeader("Content-Type", MediaType.APPLICATION_JSON_VALUE).build();
        this.queryApi = RestClient.builder().baseUrl("http://127.0.0.1:" + services.queryPort()).build();
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
        PlatformServices services = PlatformServices.start(
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
        return new RunningPlatform(infrastructure, services, topic);
    }

    /** The dashboards' start page, served by the query service (which knows the command API's address). */
    String dashboardUrl() {
        return services.dashboardUrl();
    }

    @Override
    public void close() {
        services.close();
    }
}
