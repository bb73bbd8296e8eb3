package io.careerpath.query.access;

import static io.careerpath.query.api.ApiFixture.A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.security.web.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Real tokens through the real decoder: signature against keys the issuer publishes (a JWK set
 * served over HTTP here), issuer, audience, expiry; and the 401 problem details saying what was wrong.
 */
@ApiTest
class TokenCheckTest {

    private static final String ISSUER = "http://127.0.0.1:9000";
    private static final RSAKey SIGNING = TestIssuer.newKey("issuer-key");
    private static final RSAKey FORGER = TestIssuer.newKey("issuer-key"); // same key id, other key
    private static final TestIssuer JWKS = TestIssuer.publishing(SIGNING);

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;

    @DynamicPropertySource
    static void issuerKeys(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JWKS::jwkSetUri);
    }

    @AfterAll
    static void stop() {
        JWKS.close();
    }

    @BeforeEach
    void seed() {
        fixture.seeded();
    }

    private static String token(RSAKey key, Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("account-a")
                .audience(List.of("careerpath-api", "careerpath-dashboard"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("roles", List.of("EMPLOYEE")).claim("person_id", A);
        change.accept(claims);
        return TestIssuer.sign(key, claims.build());
    }

    private ResultActions timelineWith(String token) throws Exception {
        return mvc.perform(get("/api/people/" + A + "/timeline").header("Authorization", "Bearer " + token));
    }

    private void refused(String token, String reason, String detail) throws Exception {
        timelineWith(token)
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", Matchers.containsString("error=\"invalid_token\"")))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:careerpath:problem:invalid-token"))
                .andExpect(jsonPath("$.reason").value(reason))
                .andExpect(jsonPath("$.detail").value(Matchers.containsStringIgnoringCase(detail)));
    }

    @Test
    void aValidTokenIsAccepted() throws Exception {
        timelineWith(token(SIGNING, claims -> {
        })).andExpect(status().isOk()).andExpect(jsonPath("$.displayName").value("Ada Lovelace"));
    }

    @Test
    void anExpiredToken() throws Exception {
        refused(token(SIGNING, claims -> claims.issueTime(Date.from(Instant.now().minusSeconds(900)))
                        .expirationTime(Date.from(Instant.now().minusSeconds(600)))),
                "expired", "expired");
    }

    @Test
    void aTokenForAnotherAudience() throws Exception {
        refused(token(SIGNING, claims -> claims.audience("another-api")), "invalid-audience", "audience");
        refused(token(SIGNING, claims -> claims.audience((String) null)), "invalid-audience", "audience");
    }

    @Test
    void aTokenOfAnotherIssuer() throws Exception {
        refused(token(SIGNING, claims -> claims.issuer("http://evil.example")), "invalid-issuer", "issuer");
    }

    @Test
    void aTokenWithABadSignature() throws Exception {
        refused(token(FORGER, claims -> {
        }), "bad-signature", "signature");
        String good = token(SIGNING, claims -> {
        });
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"x\",\"roles\":[\"HR_ADMIN\"]}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        refused(tampered, "bad-signature", "signature");
    }

    @Test
    void aMalformedToken() throws Exception {
        refused("not.a.token", "malformed-token", "malformed");
    }

    @Test
    void noTokenAtAll() throws Exception {
        mvc.perform(get("/api/teams"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(jsonPath("$.reason").value("missing-token"));
        assertThat(java.net.URI.create(JWKS.jwkSetUri()).getPort()).isPositive();
    }
}
