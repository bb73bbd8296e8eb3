package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an attacker sends, on the running platform: tokens that are forged (another key, no signature,
 * garbage), expired, for another audience or from another issuer answer 401 on both services; ids and
 * query parameters carrying MongoDB operators, path traversal or oversized values answer 400, as problem
 * details naming what was wrong, and record nothing.
 */
class HostileInputEndToEndTest {

    private static RunningPlatform platform;
    private static String person;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
        person = platform.client.register("Hostile Target", "team-apollo", "2020-01-01");
        platform.client.awaitTimeline(person, timeline -> true);
    }

    static Stream<Arguments> badTokens() throws JOSEException {
        SignInServerTokens tokens = new SignInServerTokens(platform());
        return Stream.of(
                Arguments.of("signed with another key", tokens.forgedWithAnotherKey()),
                Arguments.of("no signature (alg none)", tokens.unsigned()),
                Arguments.of("not a JWT", "not-a-token"),
                Arguments.of("expired", platform().signInServer().mintExpiredFor("hana")),
                Arguments.of("for another audience", platform().signInServer().mintForAudience("hana", "someone-else")),
                Arguments.of("from another issuer", platform().signInServer().mintFor("hana",
                        claims -> claims.issuer("http://127.0.0.1:1/evil"))),
                // what Keycloak issued for a realm that lists its own client scopes without the built-in "basic"
                Arguments.of("naming no subject (sub)", platform().signInServer().mintFor("hana",
                        claims -> claims.claims(all -> all.remove("sub")))));
    }

    private static RunningPlatform platform() {
        return platform;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsRefusedWith401OnBothServices(String what, String token) throws Exception {
        for (String url : List.of(
                "http://127.0.0.1:" + platform.services.commandPort() + "/api/people/" + person + "/career-events",
                "http://127.0.0.1:" + platform.services.queryPort() + "/api/people/" + person + "/timeline")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(what + " at " + url + ": " + response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        }
    }

    @Test
    void theGenuineTokenOfTheSameAccountIsAccepted() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + platform.services.queryPort() + "/api/people/" + person + "/timeline"))
                .header("Authorization", platform.bearer("hana")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    static Stream<String> hostileIds() {
        return Stream.of("{\"$gt\":\"\"}", "$where", "..%2F..%2Fetc%2Fpasswd", "x".repeat(2_000), "'; DROP TABLE x; --");
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void aHostileIdIsRefusedWith400AndRecordsNothing(String id) throws Exception {
        String encoded = id.contains("%") ? id : URLEncoder.encode(id, StandardCharsets.UTF_8);
        long before = sequence();
        for (Map.Entry<String, String> request : Map.of(
                "command GET", "http://127.0.0.1:" + platform.services.commandPort() + "/api/people/" + encoded + "/career-events",
                "query GET", "http://127.0.0.1:" + platform.services.queryPort() + "/api/people/" + encoded + "/timeline",
                "query board", "http://127.0.0.1:" + platform.services.queryPort() + "/api/teams/" + encoded + "/rotation-board")
                .entrySet()) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(request.getValue()))
                    .header("Authorization", platform.bearer("hana")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(request.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        HttpResponse<String> recorded = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + platform.services.commandPort() + "/api/people/" + encoded + "/career-events"))
                .header("Authorization", platform.bearer("hana")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"ADMINISTRATIVE_LOAD_RECORDED\","
                        + " \"effectiveDate\": \"2021-01-04\", \"percentOfTime\": 10}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(400);
        assertThat(sequence()).as("nothing recorded").isEqualTo(before);
    }

    @Test
    void hostileQueryParametersAreRefusedWith400NamingTheParameter() throws Exception {
        for (String query : List.of("asOf=%7B%22%24gt%22%3A%22%22%7D", "knownOn=2024-13-45", "minSequence=-1",
                "asOf=" + "9".repeat(5_000))) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + platform.services.queryPort() + "/api/people/" + person + "/timeline?" + query))
                    .header("Authorization", platform.bearer("hana")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(400);
            String parameter = query.substring(0, query.indexOf('='));
            assertThat(response.body()).as("names the parameter").contains(parameter);
        }
    }

    private static long sequence() {
        JsonNode events = platform.client.careerEvents(person);
        return events.get("sequence").asLong();
    }

    /** Tokens a well-behaved issuer never gives: signed with a key of the attacker's, or not signed at all. */
    private record SignInServerTokens(RunningPlatform platform) {

        String forgedWithAnotherKey() throws JOSEException {
            RSAKey attackerKey = new RSAKeyGenerator(2048).keyID("attacker").generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attackerKey.getKeyID()).build(),
                    claims());
            jwt.sign(new RSASSASigner(attackerKey));
            return jwt.serialize();
        }

        String unsigned() {
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + base64.encodeToString(claims().toString().getBytes(StandardCharsets.UTF_8)) + ".";
        }

        /** The claims of the HR administrator's genuine token, which the forger copied. */
        private JWTClaimsSet claims() {
            return new JWTClaimsSet.Builder().issuer(platform.signInServer().issuer()).audience("careerpath-api")
                    .subject("hana").claim("roles", List.of("HR_ADMIN"))
                    .claim("person_id", platform.personIdOf("hana"))
                    .issueTime(Date.from(Instant.now())).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
                    .build();
        }
    }
}
