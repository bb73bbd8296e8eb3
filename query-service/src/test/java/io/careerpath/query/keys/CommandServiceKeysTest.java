package io.careerpath.query.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.careerpath.security.PersonalData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The key path's client against a stand-in for the issuer's token endpoint and the command
 * service's key endpoint (one local HTTP server): what it sends, what it makes of the answers.
 */
class CommandServiceKeysTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PersonKeysProperties.class)
    static class KeyPath {
    }

    private WebApplicationContextRunner runner(String base) {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                        HttpMessageConvertersAutoConfiguration.class, RestClientAutoConfiguration.class,
                        OAuth2ClientAutoConfiguration.class))
                .withUserConfiguration(KeyPath.class, PersonKeysConfiguration.class)
                .withPropertyValues(
                        "careerpath.person-keys.url=" + base,
                        "careerpath.person-keys.timeout=2s",
                        "spring.security.oauth2.client.registration.careerpath-keys.provider=careerpath",
                        "spring.security.oauth2.client.registration.careerpath-keys.client-id=careerpath-query",
                        "spring.security.oauth2.client.registration.careerpath-keys.client-secret=s3cret",
                        "spring.security.oauth2.client.registration.careerpath-keys.authorization-grant-type=client_credentials",
                        "spring.security.oauth2.client.registration.careerpath-keys.scope=careerpath.keys",
                        "spring.security.oauth2.client.provider.careerpath.token-uri=" + base + "/oauth2/token");
    }

    private String serve(String keysAnswer, int keysStatus) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth2/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add("token " + exchange.getRequestHeaders().getFirst("Authorization") + " " + form);
            reply(exchange, 200, "{\"access_token\":\"the-query-token\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                    + "\"scope\":\"careerpath.keys\"}");
        });
        server.createContext("/internal/person-keys", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add("keys " + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            reply(exchange, keysStatus, keysAnswer);
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void asksWithItsOwnClientCredentialsTokenAndReadsTheKeys() throws IOException {
        byte[] key = PersonalData.newKey();
        String base = serve("{\"keys\":{\"p1\":\"" + Base64.getEncoder().encodeToString(key) + "\"}}", 200);

        runner(base).run(context -> {
            Map<String, byte[]> keys = context.getBean(KeyFetcher.class).fetch(List.of("p1", "p2"));

            assertThat(keys).containsOnlyKeys("p1");
            assertThat(keys.get("p1")).isEqualTo(key);
        });
        assertThat(seen.get(0)).startsWith("token Basic ").contains("grant_type=client_credentials")
                .contains("scope=careerpath.keys");
        assertThat(seen.get(1)).isEqualTo("keys Bearer the-query-token {\"personIds\":[\"p1\",\"p2\"]}");
    }

    @Test
    void aRefusalOrAnUnreachableServiceIsUnavailabilityNotErasure() throws IOException {
        String base = serve("{\"type\":\"about:blank\",\"status\":403}", 403);
        runner(base).run(context -> assertThatThrownBy(() -> context.getBean(KeyFetcher.class).fetch(List.of("p1")))
                .isInstanceOf(KeysUnavailable.class));
        runner("http://127.0.0.1:1").run(context -> assertThatThrownBy(() -> context.getBean(KeyFetcher.class)
                .fetch(List.of("p1"))).isInstanceOf(KeysUnavailable.class));
    }

    @Test
    void somethingThatIsNoKeyIsNotTakenForOne() throws IOException {
        String base = serve("{\"keys\":{\"p1\":\"c2hvcnQ=\"}}", 200);
        runner(base).run(context -> assertThatThrownBy(() -> context.getBean(KeyFetcher.class).fetch(List.of("p1")))
                .isInstanceOf(KeysUnavailable.class));
    }
}
