package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.careerpath.security.Caller;
import io.careerpath.security.web.TestIssuer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Real bearer tokens, signed with a key this test publishes as the issuer's JWKS: accepted only with the
 * configured issuer and audience and before they expire. Every refusal is a problem detail that says
 * what was wrong, with the {@code WWW-Authenticate} header of RFC 6750; nothing but the open paths answers
 * without a token. (The requests here carry no default token: {@link #anonymous()}.)
 */
class AuthenticationTest extends CommandApiTest {

    private static final String ISSUER = "http://issuer.test";
    private static final RSAKey SIGNING_KEY = TestIssuer.newKey(UUID.randomUUID().toString());
    private static final RSAKey OTHER_KEY = TestIssuer.newKey(UUID.randomUUID().toString());
    /** The issuer's published keys: only the signing key, never the other one. */
    private static final TestIssuer JWKS = TestIssuer.publishing(SIGNING_KEY);

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry properties) {
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
        properties.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JWKS::jwkSetUri);
    }

    @AfterAll
    static void stopIssuer() {
        JWKS.close();
    }

    @Test
    void aValidTokenIsAcceptedAndItsSubjectRecords() throws Exception {
        String person = register();

        MockHttpServletResponse response = send(history(person), token(SIGNING_KEY, ISSUER, Caller.AUDIENCE, 300));

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    }

    @Test
    void withoutATokenTheApiAnswers401WithAProblem() throws Exception {
        MockHttpServletResponse response = anonymous().perform(get("/api/imports")).andReturn().getResponse();

        JsonNode problem = problem(response, 401, "unauthenticated");
        assertThat(problem.get("detail").asText()).contains("access token");
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        long before = allStoredEvents();
        MockHttpServletResponse registration = anonymous().perform(post("/api/people").contentType(MediaType.APPLICATION_JSON)
                .content("{\"displayName\": \"Eve\", \"teamId\": \"t\"}")).andReturn().getResponse();
        problem(registration, 401, "unauthenticated");
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    @Test
    void aMalformedTokenIs401() throws Exception {
        JsonNode problem = problem(send(get("/api/imports"), "not-a-jwt"), 401, "invalid-token");

        assertThat(problem.get("detail").asText()).contains("malformed");
    }

    @Test
    void anExpiredTokenIs401AndSaysSo() throws Exception {
        MockHttpServletResponse response = send(get("/api/imports"), token(SIGNING_KEY, ISSUER, Caller.AUDIENCE, -120));

        JsonNode problem = problem(response, 401, "invalid-token");
        assertThat(problem.get("detail").asText()).isEqualTo("The access token has expired: sign in again");
        assertThat(problem.get("reason").asText()).isEqualTo("expired");
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    void aTokenForAnotherAudienceIs401() throws Exception {
        JsonNode problem = problem(send(get("/api/imports"), token(SIGNING_KEY, ISSUER, "another-api", 300)), 401,
                "invalid-token");

        assertThat(problem.get("reason").asText()).isEqualTo("invalid-audience");
        assertThat(problem.get("detail").asText()).contains("careerpath-api");
    }

    @Test
    void aTokenFromAnotherIssuerIs401() throws Exception {
        JsonNode problem = problem(send(get("/api/imports"), token(SIGNING_KEY, "http://evil.test", Caller.AUDIENCE, 300)),
                401, "invalid-token");

        assertThat(problem.get("reason").asText()).isEqualTo("invalid-issuer");
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() throws Exception {
        JsonNode problem = problem(send(get("/api/imports"), token(OTHER_KEY, ISSUER, Caller.AUDIENCE, 300)), 401,
                "invalid-token");

        assertThat(problem.get("detail").asText()).contains("signature");
    }

    @Test
    void healthAndTheApiDocumentationAreOpen() throws Exception {
        assertThat(anonymous().perform(get("/actuator/health/liveness")).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(anonymous().perform(get("/v3/api-docs")).andReturn().getResponse().getStatus()).isEqualTo(200);
        // tests export no metrics (404), but the path is open: no 401
        assertThat(anonymous().perform(get("/actuator/prometheus")).andReturn().getResponse().getStatus()).isNotEqualTo(401);
    }

    @Test
    void aPreflightFromTheDashboardsNeedsNoTokenAndAllowsTheAuthorizationHeader() throws Exception {
        MockHttpServletResponse preflight = anonymous().perform(options("/api/people/{id}", UUID.randomUUID())
                        .header("Origin", "http://localhost:8081")
                        .header("Access-Control-Request-Method", "DELETE")
                        .header("Access-Control-Request-Headers", "authorization"))
                .andReturn().getResponse();

        assertThat(preflight.getStatus()).isEqualTo(200);
        assertThat(preflight.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request, String token) throws Exception {
        return anonymous().perform(request.header("Authorization", "Bearer " + token)).andReturn().getResponse();
    }

    private JsonNode problem(MockHttpServletResponse response, int status, String type) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:careerpath:problem:" + type);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    /** An HR administrator's access token, expiring {@code expiresIn} seconds from now (negative: expired). */
    private static String token(RSAKey key, String issuer, String audience, long expiresIn) {
        Instant now = Instant.now();
        return TestIssuer.sign(key, new JWTClaimsSet.Builder().issuer(issuer).subject("hr-admin").audience(audience)
                .issueTime(Date.from(now.minusSeconds(600))).expirationTime(Date.from(now.plusSeconds(expiresIn)))
                .claim(Caller.ROLES_CLAIM, List.of("HR_ADMIN")).build());
    }
}
