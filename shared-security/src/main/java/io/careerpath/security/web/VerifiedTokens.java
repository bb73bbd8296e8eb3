package io.careerpath.security.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Checks a token's signature once instead of on every request: a client sends the same access token for its
 * whole lifetime, and the RSA check of its signature (with the parsing around it) was about a tenth of a read's
 * CPU (docs/performance.md, issue 17).
 *
 * <p>Only tokens the full decoder accepted are kept, keyed by the whole token string, so a token that differs in
 * any byte (a tampered one, a bad signature) is never found here and goes through the full check. A token found
 * here still has its claims checked on every use by the same validator (expiry and not-before, issuer, audience):
 * an expired token is refused exactly as before, with the same error. What a hit skips is only the signature and
 * key check, and it skips it for at most {@link #LIFETIME}, well within the five minutes the decoder itself keeps
 * the issuer's published keys: a key the issuer withdraws stops accepting tokens no later than it did without
 * this cache. The number of tokens kept is bounded.
 */
final class VerifiedTokens implements JwtDecoder {

    static final Duration LIFETIME = Duration.ofSeconds(60);
    static final int MAXIMUM_TOKENS = 10_000;

    private final JwtDecoder fullCheck;
    private final OAuth2TokenValidator<Jwt> claims;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder fullCheck, OAuth2TokenValidator<Jwt> claims) {
        this.fullCheck = fullCheck;
        this.claims = claims;
        this.verified = Caffeine.newBuilder().maximumSize(MAXIMUM_TOKENS).expireAfterWrite(LIFETIME).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            if (!claims.validate(known).hasErrors()) {
                return known;
            }
            // expired (or no longer valid otherwise): the full check refuses it with its usual error
            verified.invalidate(token);
        }
        Jwt checked = fullCheck.decode(token);
        verified.put(token, checked);
        return checked;
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
