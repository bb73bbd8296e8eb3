package io.careerpath.security.web;

import io.careerpath.security.Caller;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestTemplate;

/**
 * Which access tokens both services accept (docs/security.md): signed with a key the issuer publishes,
 * {@code iss} the configured issuer, {@code aud} containing {@value Caller#AUDIENCE} (or the configured
 * audiences), naming its subject ({@code sub}), not expired.
 *
 * <p>Declared here rather than left to Spring Boot for two reasons. The issuer is reached lazily, on the
 * first token, and again after a failure: a service starts (and answers its open endpoints) before the
 * sign-in server is up, and while the issuer cannot be reached a token cannot be checked, which is a
 * 503 ({@link SecurityProblems}), not a 401. And the JWKS address is optional: {@code jwk-set-uri} is set
 * when the services reach the issuer at another address than the one in {@code iss} (Keycloak inside a
 * compose network); an empty value, which Boot would take for an address, means the issuer's discovery.
 *
 * <p>While the issuer is away, tokens signed with a key already checked keep working ({@link LastKnownKeys}), and
 * the issuer is given at most two seconds to answer. A token's signature is checked once a minute, not per
 * request ({@link VerifiedTokens}); its claims are checked on every request.
 */
public final class AccessTokens {

    static final String WRONG_AUDIENCE = "The token is not meant for " + Caller.AUDIENCE + " (aud)";
    static final String WRONG_ISSUER = "The token was issued by another issuer (iss)";
    static final String NO_SUBJECT = "The token names no subject (sub)";
    private static final Duration ISSUER_TIMEOUT = Duration.ofSeconds(2);

    private AccessTokens() {
    }

    /** The decoder of the resource server settings ({@code spring.security.oauth2.resourceserver.jwt.*}). */
    public static JwtDecoder decoder(OAuth2ResourceServerProperties.Jwt settings) {
        String issuer = settings.getIssuerUri();
        if (!StringUtils.hasText(issuer)) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.issuer-uri"
                    + " (CAREERPATH_ISSUER_URI) is required: tokens are accepted from one issuer only");
        }
        String jwkSetUri = settings.getJwkSetUri();
        List<String> audiences = settings.getAudiences().isEmpty() ? List.of(Caller.AUDIENCE) : settings.getAudiences();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(), issuedBy(issuer), meantFor(audiences), namesItsSubject());
        return new VerifiedTokens(new LazyJwtDecoder(() -> {
            NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = StringUtils.hasText(jwkSetUri)
                    ? NimbusJwtDecoder.withJwkSetUri(jwkSetUri).jwsAlgorithms(algorithms -> settings.getJwsAlgorithms()
                            .forEach(name -> algorithms.add(SignatureAlgorithm.from(name))))
                    : NimbusJwtDecoder.withIssuerLocation(issuer);
            NimbusJwtDecoder decoder = builder.restOperations(issuerClient())
                    .jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(
                            new LastKnownKeys(processor.getJWSKeySelector())))
                    .build();
            decoder.setJwtValidator(validator);
            return decoder;
        }), validator);
    }

    /**
     * How the services ask the issuer for its discovery document and keys: within {@link #ISSUER_TIMEOUT}, so
     * that a request whose token needs the issuer's keys answers 503 promptly when it is unreachable, instead of
     * waiting as long as the network lets it (Spring's default client has no timeout).
     */
    private static RestTemplate issuerClient() {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(ISSUER_TIMEOUT);
        requests.setReadTimeout(ISSUER_TIMEOUT);
        return new RestTemplate(requests);
    }

    private static OAuth2TokenValidator<Jwt> issuedBy(String issuer) {
        String expected = issuer.replaceAll("/+$", "");
        return token -> {
            String iss = token.getClaimAsString("iss");
            return iss != null && iss.replaceAll("/+$", "").equals(expected)
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, WRONG_ISSUER, null));
        };
    }

    /**
     * A caller is its {@code sub} (who recorded what): a token without one is refused with 401, not answered with a
     * failure later (Keycloak leaves {@code sub} out for a realm whose client scopes lack its built-in "basic").
     */
    private static OAuth2TokenValidator<Jwt> namesItsSubject() {
        return token -> StringUtils.hasText(token.getSubject())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, NO_SUBJECT, null));
    }

    private static OAuth2TokenValidator<Jwt> meantFor(List<String> audiences) {
        return token -> {
            List<String> aud = token.getAudience();
            return aud != null && aud.stream().anyMatch(audiences::contains)
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, WRONG_AUDIENCE, null));
        };
    }

    /** Builds the real decoder on first use, and tries again on the next token if the issuer was not reachable. */
    static final class LazyJwtDecoder implements JwtDecoder {

        private final Supplier<JwtDecoder> factory;
        private volatile JwtDecoder decoder;

        LazyJwtDecoder(Supplier<JwtDecoder> factory) {
            this.factory = factory;
        }

        @Override
        public Jwt decode(String token) throws JwtException {
            return decoder().decode(token);
        }

        private JwtDecoder decoder() {
            JwtDecoder current = decoder;
            if (current == null) {
                synchronized (this) {
                    if (decoder == null) {
                        try {
                            decoder = factory.get();
                        } catch (RuntimeException e) {
                            // not a BadJwtException: the token is not at fault, so this is no 401
                            throw new JwtException("The issuer cannot be reached to check tokens: " + e.getMessage(), e);
                        }
                    }
                    current = decoder;
                }
            }
            return current;
        }
    }
}
