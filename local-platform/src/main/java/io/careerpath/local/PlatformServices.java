package io.careerpath.local;

import io.careerpath.command.CommandServiceApplication;
import io.careerpath.query.QueryServiceApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both services in this JVM, each in its own Spring context with its own configuration file, pointed
 * at the given infrastructure. Settings are passed as command-line arguments so that they outrank
 * the services' own configuration files.
 */
public final class PlatformServices implements AutoCloseable {

    private final ConfigurableApplicationContext command;
    private final ConfigurableApplicationContext query;

    private PlatformServices(ConfigurableApplicationContext command, ConfigurableApplicationContext query) {
        this.command = command;
        this.query = query;
    }

    /**
     * @param commandSettings settings of the command service (data source, Kafka, port, ...)
     * @param querySettings   settings of the query service (MongoDB, Kafka, port, ...)
     */
    public static PlatformServices start(Map<String, String> commandSettings, Map<String, String> querySettings) {
        // the command side first: it creates the topic the query side waits for
        ConfigurableApplicationContext command = CommandServiceApplication.builder().run(arguments(commandSettings));
        try {
            ConfigurableApplicationContext query = QueryServiceApplication.builder()
                    .run(arguments(querySettings, "spring.main.banner-mode=off"));
            return new PlatformServices(command, query);
        } catch (RuntimeException e) {
            command.close();
            throw e;
        }
    }

    public int commandPort() {
        return ((WebServerApplicationContext) command).getWebServer().getPort();
    }

    public int queryPort() {
        return ((WebServerApplicationContext) query).getWebServer().getPort();
    }

    public ConfigurableApplicationContext commandContext() {
        return command;
    }

    public ConfigurableApplicationContext queryContext() {
        return query;
    }

    @Override
    public void close() {
        // the query side first: it only reads what the command side publishes
        query.close();
        command.close();
    }

    private static String[] arguments(Map<String, String> settings, String... more) {
        List<String> arguments = new ArrayList<>();
        settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        for (String setting : more) {
            arguments.add("--" + setting);
        }
        return arguments.toArray(String[]::new);
    }
}
