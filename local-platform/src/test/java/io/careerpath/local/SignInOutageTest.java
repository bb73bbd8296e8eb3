package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.careerpath.local.PlatformLoad.Operation;
import io.careerpath.local.PlatformLoad.Request;
import io.careerpath.local.signin.SignInServer;
import io.careerpath.security.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The sign-in server away, for real: both services reach it (its keys, and the query service's token endpoint
 * for the key path) through a proxy the test cuts, while people keep using tokens it issued before. Those keep
 * working; a token signed with a key the services have never seen is 503 {@code issuer-unavailable} (it may be the
 * issuer's new key: nobody can tell while it is away), never 401; answers that need a person's key the query
 * service does not hold yet are 503 {@code keys-unavailable} (its own token cannot be renewed). Once the server is
 * back, everything answers as before, with no restart, and every acknowledged event is in the event store, on the
 * topic and in the read model ({@link EventAccounting}: once in the store and the read model).
 *
 * <p>The sign-in server here is the test's own, with access tokens living 61 s: the query service renews its own
 * token once it is within a minute of expiry, so it needs the server again a second after each renewal.
 */
@Tag("bad-day")
class SignInOutageTest {

    private static final String OUTAGE = "outage";
    private static final String RECOVERY = "recovery";

    static SignInServer signInServer;
    static TcpProxy signInProxy;
    static RunningPlatform platform;

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass(() -> {
        signInServer = SignInServer.start(Map.of("server.port", "0", "careerpath.sign-in.access-token-ttl", "61s"));
        signInProxy = TcpProxy.to("127.0.0.1", signInServer.port());
        return RunningPlatform.start(signInServer, (command, query) -> {
            // the tokens still name the real issuer; only the way to its keys and its token endpoint can be cut
            command.put(PlatformServices.JWK_SET_URI, signInProxy.inFront(signInServer.jwkSetUri()));
            query.put(PlatformServices.JWK_SET_URI, signInProxy.inFront(signInServer.jwkSetUri()));
            query.put(PlatformServices.QUERY_TOKEN_URI, signInProxy.inFront(signInServer.tokenUri()));
        });
    }).beforeClose(running -> signInProxy.restore()).afterClose(() -> {
        signInProxy.close();
        signInServer.close();
    });

    @BeforeAll
    static void start() {
        platform = platformPerClass.get();
    }

    @Test
    void whileTheSignInServerIsAwayIssuedTokensKeepWorkingAndWhatCannotBeCheckedOrOpenedIs503UntilItReturns() {
        List<String> people = List.of(platform.client.register("Alan Turing", "team-apollo", "2015-01-01"),
                platform.client.register("Joan Clarke", "team-apollo", "2015-01-01"));
        people.forEach(platform.client::awaitTimelineHoldingTheStore);
        Map<String, Set<String>> acknowledged = new HashMap<>(EventAccounting.storedNow(platform, people));
        String strangersToken = signedWithAKeyTheIssuerNeverPublished();

        PlatformLoad load = new PlatformLoad(platform, people, RunningPlatform.HR_ADMIN).start(2, Duration.ofMillis(100));
        load.awaitMore(5, Request::acknowledged);

        signInProxy.cut();
        load.phase(OUTAGE);
        // someone registered now: the command side checks the token with the keys it holds
        ResponseEntity<JsonNode> registered = platform.client.tryRegister(Map.of("displayName", "Tommy Flowers",
                "teamId", "team-gemini", "effectiveDate", "2015-01-01"));
        assertThat(registered.getStatusCode().value()).isEqualTo(201);
        String newcomer = registered.getBody().get("personId").asText();
        acknowledged.put(newcomer, new HashSet<>(Set.of(registered.getBody().get("eventId").asText())));
        // once projected, their name cannot be opened: the query service cannot renew its token for the key path
        ResponseEntity<JsonNode> newcomersTimeline = awaitProjected(newcomer);
        assertThat(newcomersTimeline.getStatusCode().value()).as(newcomersTimeline.toString()).isEqualTo(503);
        assertThat(newcomersTimeline.getBody().get("type").asText()).isEqualTo("urn:careerpath:problem:keys-unavailable");
        assertThat(newcomersTimeline.getHeaders().getFirst("Retry-After")).isNotBlank();
        // a key never seen may be the issuer's new one: unavailable, not refused
        for (ResponseEntity<JsonNode> answer : List.of(
                get(platform.commandApiWithToken(strangersToken), "/api/people/" + people.get(0) + "/career-events"),
                get(platform.queryApiWithToken(strangersToken), "/api/people/" + people.get(0) + "/timeline"))) {
            assertThat(answer.getStatusCode().value()).as(answer.toString()).isEqualTo(503);
            assertThat(answer.getBody().get("type").asText()).isEqualTo("urn:careerpath:problem:issuer-unavailable");
            assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
        }
        // the sign-in server is in neither service's readiness: both still serve every token they can check
        assertThat(platform.commandHealth("/readiness").getStatusCode().value()).isEqualTo(200);
        assertThat(platform.queryHealth("/readiness").getStatusCode().value()).isEqualTo(200);
        load.awaitMore(20, request -> request.phase().equals(OUTAGE));

        load.phase(RECOVERY);
        load.awaitFinished(OUTAGE);
        signInProxy.restore();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> platform.client.tryTimeline(newcomer).getStatusCode().value() == 200);
        assertThat(platform.client.tryTimeline(newcomer).getBody().get("displayName").asText()).isEqualTo("Tommy Flowers");
        ResponseEntity<JsonNode> refused = get(platform.queryApiWithToken(strangersToken), "/api/people/" + people.get(0)
                + "/timeline");
        assertThat(refused.getStatusCode().value()).as("the issuer answers: not its key").isEqualTo(401);
        assertThat(refused.getBody().get("reason").asText()).isEqualTo("bad-signature");
        load.awaitMore(5, request -> request.phase().equals(RECOVERY) && request.acknowledged());
        load.stop();

        String answers = load.summary();
        assertThat(load.requests(OUTAGE, Operation.RECORD)).as(answers).isNotEmpty()
                .allSatisfy(request -> assertThat(request.status()).isIn(201, 409));
        for (Operation read : List.of(Operation.TIMELINE, Operation.AUDIT, Operation.SKILLS)) {
            assertThat(load.requests(OUTAGE, read)).as(answers)
                    .allSatisfy(request -> assertThat(request.status()).isEqualTo(200));
        }

        load.retryUnacknowledged();
        load.acknowledged().forEach((person, events) -> acknowledged.computeIfAbsent(person, p -> new HashSet<>())
                .addAll(events));
        EventAccounting.Result result = EventAccounting.check(platform, acknowledged, Duration.ofSeconds(60));
        System.out.println("Sign-in server outage: " + answers.replace("\n", "; ") + " => " + result);
        assertThat(result.everyAcknowledgedEventAccountedFor()).as(result.toString()).isTrue();
    }

    /** The person's timeline once the query service holds their history (404 until then). */
    private static ResponseEntity<JsonNode> awaitProjected(String personId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> platform.client.tryTimeline(personId), answer -> answer.getStatusCode().value() != 404);
    }

    private static ResponseEntity<JsonNode> get(RestClient api, String path) {
        return api.get().uri(path).retrieve().onStatus(status -> true, (request, response) -> {
        }).toEntity(JsonNode.class);
    }

    /** An HR administrator's token in every claim, but signed with a key of nobody's (an unknown key id). */
    private static String signedWithAKeyTheIssuerNeverPublished() {
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("not-the-issuers-key").generate();
            Instant now = Instant.now();
            SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.getKeyID())
                    .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder()
                    .issuer(signInServer.issuer())
                    .audience(Caller.AUDIENCE)
                    .subject(RunningPlatform.HR_ADMIN)
                    .claim("roles", List.of("HR_ADMIN"))
                    .claim("person_id", platform.personIdOf(RunningPlatform.HR_ADMIN))
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                    .build());
            token.sign(new RSASSASigner(stranger));
            return token.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
