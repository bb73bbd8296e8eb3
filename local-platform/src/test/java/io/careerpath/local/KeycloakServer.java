package io.careerpath.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Keycloak (the version docker-compose.yml runs), one per test JVM, started when a test first needs it
 * and stopped when the JVM exits. Its server distribution is a Maven artifact ({@code keycloak-quarkus-dist},
 * unpacked into {@code target/keycloak} by local-platform's pom: resolved and cached like any dependency, never
 * downloaded here); it runs in development mode on a free loopback port with the compose file's realm
 * ({@code keycloak/careerpath-realm.json}) imported unchanged into a fresh H2 store, so the tests see what
 * {@code docker compose up} gives: the same clients, demo accounts, claims and audience.
 *
 * <p>Under CI ({@code CI=true}) a Keycloak that cannot start fails the tests; elsewhere a missing distribution
 * (say, a test run from an IDE that skipped Maven's unpack) skips them with the reason.
 */
final class KeycloakServer {

    /** The realm of docker-compose.yml. */
    static final String REALM = "careerpath";
    /** Given to the realm import for {@code ${CAREERPATH_QUERY_CLIENT_SECRET}}: docker-compose.yml's demo default. */
    static final String QUERY_CLIENT_SECRET = "query-client-demo-secret";
    /**
     * A redirect address the realm registers for the dashboards' client: the tests that sign in over plain HTTP
     * only read the code from the redirect, never follow it.
     */
    static final String REGISTERED_DASHBOARD_ORIGIN = "http://127.0.0.1:8081";
    /** Its first start also builds Keycloak's optimized server image (a few tens of seconds on two busy cores). */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "keycloak-test-admin";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static KeycloakServer instance;

    private final Process process;
    private final String baseUrl;
    /** How long it took from launch until the realm's discovery document answered. */
    final Duration startedIn;

    private KeycloakServer(Process process, String baseUrl, Duration startedIn) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.startedIn = startedIn;
    }

    static synchronized KeycloakServer get() {
        if (instance == null) {
            instance = start();
            KeycloakServer started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "keycloak-shutdown"));
        }
        return instance;
    }

    private static KeycloakServer start() {
        Path home = home();
        Path realm = Path.of("..", "keycloak", "careerpath-realm.json");
        int port = TestInfrastructure.freePort();
        try {
            // a fresh store each JVM: the import's strategy keeps a realm that exists, so an old one would hide edits
            deleteRecursively(home.resolve("data"));
            Files.createDirectories(home.resolve("data/import"));
            Files.copy(realm, home.resolve("data/import/careerpath-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            Path log = Path.of("target", "keycloak-test.log").toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--import-realm", "--http-host=127.0.0.1", "--http-port=" + port,
                    // its management interface defaults to 9000, the single-machine sign-in server's port
                    "--http-management-port=0")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("CAREERPATH_QUERY_CLIENT_SECRET", QUERY_CLIENT_SECRET);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            // an administrator, as compose bootstraps one: it registers a test's dashboards' address (allowDashboard)
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            long launched = System.nanoTime();
            Process process = builder.start();
            String baseUrl = "http://127.0.0.1:" + port;
            KeycloakServer server = new KeycloakServer(process, baseUrl, null);
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                await("Keycloak's realm " + REALM + " on port " + port + " (log: " + log + ")").atMost(START_TIMEOUT)
                        .pollInterval(Duration.ofMillis(500)).until(() -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("Keycloak exited with " + process.exitValue()
                                        + "; its log: " + log);
                            }
                            return discovery(http, server.issuer());
                        });
            } catch (RuntimeException e) {
                server.stop();
                throw e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - launched);
            System.out.println("Keycloak started in " + took.toMillis() + " ms at " + server.issuer());
            return new KeycloakServer(process, baseUrl, took);
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak could not be started from " + home, e);
        }
    }

    private static Path home() {
        String configured = System.getProperty("careerpath.keycloak.home");
        Path home = configured == null ? null : Path.of(configured);
        if (home == null || !Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            String reason = "No Keycloak distribution at " + home + " (system property careerpath.keycloak.home, set by"
                    + " local-platform's pom after Maven unpacks org.keycloak:keycloak-quarkus-dist)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(reason);
            }
            Assumptions.abort(reason);
        }
        return home;
    }

    private static boolean discovery(HttpClient http, String issuer) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create(issuer + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().contains("\"issuer\":\"" + issuer + "\"");
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The realm's issuer, as its tokens carry it. */
    String issuer() {
        return baseUrl + "/realms/" + REALM;
    }

    String tokenUri() {
        return issuer() + "/protocol/openid-connect/token";
    }

    String jwkSetUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    String authorizationUri() {
        return issuer() + "/protocol/openid-connect/auth";
    }

    String logoutUri() {
        return issuer() + "/protocol/openid-connect/logout";
    }

    /**
     * Points both services at this Keycloak, as docker-compose.yml does with its environment: tokens of this
     * issuer (keys from its JWKS address), the query service's client secret and token endpoint for the key
     * path, and where the dashboards send the browser to sign in.
     */
    void settings(Map<String, String> command, Map<String, String> query) {
        for (Map<String, String> service : List.of(command, query)) {
            service.put(PlatformServices.ISSUER_URI, issuer());
            service.put(PlatformServices.JWK_SET_URI, jwkSetUri());
        }
        query.put(PlatformServices.QUERY_CLIENT_SECRET, QUERY_CLIENT_SECRET);
        query.put(PlatformServices.QUERY_TOKEN_URI, tokenUri());
        query.put(PlatformServices.SIGN_IN + "issuer", issuer());
        query.put(PlatformServices.SIGN_IN + "authorization-uri", authorizationUri());
        query.put(PlatformServices.SIGN_IN + "token-uri", tokenUri());
        query.put(PlatformServices.SIGN_IN + "logout-uri", logoutUri());
    }

    /**
     * Lets the dashboards at {@code origin} sign in (its redirect address, web origin and sign-out address added
     * to the realm's {@code careerpath-dashboard} client through Keycloak's admin API), as an operator registers the
     * address the dashboards are served at; the realm file names only compose's (port 8081).
     */
    synchronized void allowDashboard(String origin) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                            + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(SignIn.form(Map.of("grant_type", "password",
                            "client_id", "admin-cli", "username", ADMIN, "password", ADMIN_PASSWORD)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            String bearer = "Bearer " + JSON.readTree(token.body()).get("access_token").asText();
            String clients = issuer().replace("/realms/", "/admin/realms/") + "/clients";
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(clients + "?clientId="
                    + io.careerpath.local.signin.SignInServer.DASHBOARD_CLIENT_ID)).header("Authorization", bearer).build(),
                    HttpResponse.BodyHandlers.ofString());
            var client = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(found.body()).get(0);
            ((com.fasterxml.jackson.databind.node.ArrayNode) client.get("redirectUris"))
                    .add(io.careerpath.local.signin.SignInServer.dashboardRedirectUri(origin));
            ((com.fasterxml.jackson.databind.node.ArrayNode) client.get("webOrigins")).add(origin);
            var attributes = (com.fasterxml.jackson.databind.node.ObjectNode) client.get("attributes");
            attributes.put("post.logout.redirect.uris", attributes.path("post.logout.redirect.uris").asText() + "##" + origin + "/");
            HttpResponse<String> updated = http.send(HttpRequest.newBuilder(URI.create(clients + "/" + client.get("id").asText()))
                    .header("Authorization", bearer).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(client.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (updated.statusCode() != 204) {
                throw new IllegalStateException("Keycloak did not update the dashboards' client: " + updated.statusCode()
                        + " " + updated.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        // kc.sh runs Keycloak's JVM as its child (after a build step, as a second one): end the whole tree
        List<ProcessHandle> tree = Stream.concat(process.toHandle().descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle member : tree) {
            try {
                member.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                member.destroyForcibly();
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
