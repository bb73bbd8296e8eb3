package io.careerpath.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.careerpath.security.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The cache of verified tokens must not change what is accepted: only the repeated signature check is saved. */
class VerifiedTokensTest {

    private static final RSAKey PUBLISHED = TestIssuer.newKey("published");
    private static final RSAKey OTHER = TestIssuer.newKey("published");
    private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");

    /** The time the token checks see; a test moves it. */
    private static final class MovableClock extends Clock {
        volatile Instant now = START;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger fullChecks = new AtomicInteger();
    private final VerifiedTokens tokens = verifiedTokens();

    private VerifiedTokens verifiedTokens() {
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        NimbusJwtDecoder signatures;
        try {
            signatures = NimbusJwtDecoder.withPublicKey(PUBLISHED.toRSAPublicKey()).build();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
        signatures.setJwtValidator(timestamps);
        JwtDecoder counted = token -> {
            fullChecks.incrementAndGet();
            return signatures.decode(token);
        };
        return new VerifiedTokens(counted, timestamps);
    }

    private static String token(RSAKey key, Instant expiresAt) {
        return TestIssuer.sign(key, new JWTClaimsSet.Builder().subject("someone").issueTime(Date.from(START))
                .expirationTime(Date.from(expiresAt)).build());
    }

    @Test
    void aTokenAlreadyVerifiedIsNotVerifiedAgain() {
        String token = token(PUBLISHED, START.plus(Duration.ofMinutes(5)));

        Jwt first = tokens.decode(token);
        Jwt again = tokens.decode(token);

        assertThat(again.getSubject()).isEqualTo(first.getSubject()).isEqualTo("someone");
        assertThat(fullChecks).hasValue(1);
    }

    @Test
    void aTamperedTokenIsStillRefusedAfterTheGenuineOneWasAccepted() {
        String genuine = token(PUBLISHED, START.plus(Duration.ofMinutes(5)));
        tokens.decode(genuine);
        String[] parts = genuine.split("\\.");
        String otherClaims = TestIssuer.sign(PUBLISHED, new JWTClaimsSet.Builder().subject("someone-else")
                .expirationTime(Date.from(START.plus(Duration.ofMinutes(5)))).build()).split("\\.")[1];
        String tampered = parts[0] + "." + otherClaims + "." + parts[2]; // other claims under the genuine signature

        assertThatThrownBy(() -> tokens.decode(tampered)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(tampered)).as("never kept").isInstanceOf(BadJwtException.class);
        assertThat(tokens.decode(genuine).getSubject()).isEqualTo("someone");
    }

    @Test
    void aTokenSignedWithAnotherKeyOfTheSameIdIsRefusedEveryTime() {
        String forged = token(OTHER, START.plus(Duration.ofMinutes(5)));

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(fullChecks).as("a refused token is never kept").hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aVerifiedTokenIsRefusedOnceItExpiresWithTheUsualError() {
        String token = token(PUBLISHED, START.plus(Duration.ofMinutes(2)));
        tokens.decode(token);

        clock.now = START.plus(Duration.ofMinutes(4)); // past exp and the 60 s skew

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(fullChecks).as("refused by the full check, as without the cache").hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void theServicesDecoderStillRefusesAWrongAudienceAndAForgedSignatureAfterAcceptingAToken() {
        try (TestIssuer issuer = TestIssuer.publishing(PUBLISHED)) {
            OAuth2ResourceServerProperties.Jwt settings = new OAuth2ResourceServerProperties.Jwt();
            settings.setIssuerUri("https://issuer.example");
            settings.setJwkSetUri(issuer.jwkSetUri());
            JwtDecoder decoder = AccessTokens.decoder(settings);
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("someone").issuer("https://issuer.example")
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))));

            assertThat(decoder.decode(issuer.sign(claims.audience(List.of(Caller.AUDIENCE)).build())).getSubject())
                    .isEqualTo("someone");
            assertThatThrownBy(() -> decoder.decode(issuer.sign(claims.audience(List.of("another-api")).build())))
                    .isInstanceOf(JwtValidationException.class).hasMessageContaining(AccessTokens.WRONG_AUDIENCE);
            assertThatThrownBy(() -> decoder.decode(TestIssuer.sign(OTHER, claims.audience(List.of(Caller.AUDIENCE)).build())))
                    .isInstanceOf(BadJwtException.class);
        }
    }
}
