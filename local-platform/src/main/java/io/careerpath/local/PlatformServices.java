package io.careerpath.local;

import io.careerpath.command.CommandServiceApplication;
import io.careerpath.local.signin.SignInServer;
import io.careerpath.query.QueryServiceApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both services in this JVM, each in its own Spring context with its own configuration file, pointed
 * at the given infrastructure. Settings are passed as command-line arguments so that they outrank
 * the services' own configuration files.
 *
 * <p>The dashboards are served by the query service and record events through the command service,
 * so each is told about the other unless the settings already say: the query service learns the
 * command API's actual address ({@code careerpath.web.command-api-url}), and the command service
 * allows the query service's origin ({@code careerpath.web.allowed-origins}). A query port of 0
 * ("any free port") is therefore resolved to a free port before the command service starts.
 *
 * <p>With a {@link SignInServer}, both services take tokens from its issuer (docs/security.md), the query
 * service gets its client secret and token endpoint for the key path and tells the dashboards where to
 * sign in, and the sign-in server lets the dashboards' origin ({@code http://127.0.0.1:<query port>})
 * sign in and out. Settings given explicitly are kept.
 */
public final class PlatformServices implements AutoCloseable {

    private static final String SERVER_PORT = "server.port";
    private static final int DEFAULT_QUERY_PORT = 8081;
    private static final String ALLOWED_ORIGINS = "careerpath.web.allowed-origins";
    private static final String COMMAND_API_URL = "careerpath.web.command-api-url";
    private static final String PERSON_KEYS_URL = "careerpath.person-keys.url";
    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    static final String QUERY_CLIENT_SECRET = "spring.security.oauth2.client.registration.careerpath-keys.client-secret";
    static final String QUERY_TOKEN_URI = "spring.security.oauth2.client.provider.careerpath.token-uri";
    static final String SIGN_IN = "careerpath.web.sign-in.";

    private final ConfigurableApplicationContext command;
    private final ConfigurableApplicationContext query;

    private PlatformServices(ConfigurableApplicationContext command, ConfigurableApplicationContext query) {
        this.command = command;
        this.query = query;
    }

    /**
     * @param signIn          the issuer both services take tokens from; null: whatever the settings (or the
     *                        services' configuration files) say
     * @param commandSettings settings of the command service (data source, Kafka, port, ...)
     * @param querySettings   settings of the query service (MongoDB, Kafka, port, ...)
     * @param customizer      applied to both services' contexts before they refresh (tests use it to put
     *                        both services on one controllable clock)
     */
    public static PlatformServices start(SignInServer signIn, Map<String, String> commandSettings,
                                         Map<String, String> querySettings,
                                         ApplicationContextInitializer<ConfigurableApplicationContext> customizer) {
        Map<String, String> commandWired = new LinkedHashMap<>(commandSettings);
        Map<String, String> queryWired = new LinkedHashMap<>(querySettings);
        if ("0".equals(queryWired.get(SERVER_PORT))) {
            queryWired.put(SERVER_PORT, String.valueOf(freePort()));
        }
        String queryPort = queryWired.getOrDefault(SERVER_PORT, String.valueOf(DEFAULT_QUERY_PORT));
        commandWired.putIfAbsent(ALLOWED_ORIGINS, "http://localhost:" + queryPort + ",http://127.0.0.1:" + queryPort);
        if (signIn != null) {
            signIn.allowDashboard(dashboardOrigin(Integer.parseInt(queryPort)));
            signInSettings(signIn, commandWired, queryWired);
        }
        // the launcher's classpath holds Spring Authorization Server: each service's own configuration file
        // excludes its auto-configuration (spring.autoconfigure.exclude), so it does not reach their contexts
        // the command side first: it creates the topic the query side waits for
        // Neither context registers a shutdown hook of its own (nor one that stops logging): whoever starts them closes
        // them, the launcher from its one hook, so that the query side stops before the command side and the sign-in
        // server after both, instead of every context at once on a thread of Spring's while the launcher's log goes quiet
        ConfigurableApplicationContext command = CommandServiceApplication.builder().initializers(customizer)
                .registerShutdownHook(false).properties("logging.register-shutdown-hook=false")
                .run(arguments(commandWired));
        try {
            queryWired.putIfAbsent(COMMAND_API_URL, "http://localhost:" + port(command));
            queryWired.putIfAbsent(PERSON_KEYS_URL, "http://127.0.0.1:" + port(command));
            ConfigurableApplicationContext query = QueryServiceApplication.builder().initializers(customizer)
                    .registerShutdownHook(false).properties("logging.register-shutdown-hook=false")
                    .run(arguments(queryWired, "spring.main.banner-mode=off"));
            return new PlatformServices(command, query);
        } catch (RuntimeException e) {
            command.close();
            throw e;
        }
    }

    /**
     * The settings that point the services at {@code signIn} (docs/security.md), added where not given:
     * both take tokens from its issuer and fetch its keys; the query service gets its client secret and
     * token endpoint for the key path, and the endpoints the dashboards send the browser to.
     */
    public static void signInSettings(SignInServer signIn, Map<String, String> command, Map<String, String> query) {
        for (Map<String, String> service : List.of(command, query)) {
            service.putIfAbsent(ISSUER_URI, signIn.issuer());
            service.putIfAbsent(JWK_SET_URI, signIn.jwkSetUri());
        }
        query.putIfAbsent(QUERY_CLIENT_SECRET, signIn.queryClientSecret());
        query.putIfAbsent(QUERY_TOKEN_URI, signIn.tokenUri());
        query.putIfAbsent(SIGN_IN + "issuer", signIn.issuer());
        query.putIfAbsent(SIGN_IN + "authorization-uri", signIn.authorizationUri());
        query.putIfAbsent(SIGN_IN + "token-uri", signIn.tokenUri());
        query.putIfAbsent(SIGN_IN + "logout-uri", signIn.logoutUri());
    }

    /** The origin the dashboards are served from: 127.0.0.1, since sign-in servers refuse "localhost" redirects. */
    public static String dashboardOrigin(int queryPort) {
        return "http://127.0.0.1:" + queryPort;
    }

    public int commandPort() {
        return port(command);
    }

    public int queryPort() {
        return port(query);
    }

    /** Where the dashboards are: the query service's start page. */
    public String dashboardUrl() {
        return dashboardOrigin(queryPort()) + "/";
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A port no one listens on now (port 0 for a service is resolved this way). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on this machine", e);
        }
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
