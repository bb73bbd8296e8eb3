package io.careerpath.command.security;

import io.careerpath.security.Caller;
import java.util.List;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Which tokens are accepted (docs/security.md): signed with a key the issuer publishes, {@code iss} the
 * configured issuer, {@code aud} containing {@value Caller#AUDIENCE} (the configured audiences), not
 * expired. Declared here rather than left to Spring Boot because the JWKS address is optional:
 * {@code CAREERPATH_JWK_SET_URI} may be empty, which Boot would take for an address.
 *
 * <p>Nothing is fetched at start: with a JWKS address the keys are fetched on the first token, without
 * one the issuer's discovery document too. So the service starts while the issuer is not up yet.
 */
@Configuration(proxyBeanMethods = false)
class TokenValidation {

    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties) {
        OAuth2ResourceServerProperties.Jwt settings = properties.getJwt();
        String issuer = settings.getIssuerUri();
        if (!StringUtils.hasText(issuer)) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.issuer-uri"
                    + " (CAREERPATH_ISSUER_URI) is required: tokens are accepted from one issuer only");
        }
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer), new AudienceValidator(settings.getAudiences()));
        String jwkSetUri = settings.getJwkSetUri();
        if (StringUtils.hasText(jwkSetUri)) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                    .jwsAlgorithms(algorithms -> settings.getJwsAlgorithms()
                            .forEach(name -> algorithms.add(SignatureAlgorithm.from(name))))
                    .build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        JwtDecoder discovered = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
            decoder.setJwtValidator(validator);
            return decoder;
        });
        return token -> {
            try {
                return discovered.decode(token);
            } catch (JwtDecoderInitializationException unreachable) {
                // the issuer is not up (yet): a service failure (503), not a bad token; asked again next time
                throw new JwtException("The issuer's discovery document cannot be read: " + unreachable.getMessage(),
                        unreachable);
            }
        };
    }

    /** {@code aud} must contain one of the configured audiences; says so in words when it does not. */
    record AudienceValidator(List<String> audiences) implements OAuth2TokenValidator<Jwt> {

        @Override
        public OAuth2TokenValidatorResult validate(Jwt token) {
            if (audiences == null || audiences.isEmpty()) {
                return OAuth2TokenValidatorResult.success();
            }
            List<String> carried = token.getAudience();
            if (carried != null && carried.stream().anyMatch(audiences::contains)) {
                return OAuth2TokenValidatorResult.success();
            }
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "invalid audience: the token is not for " + String.join(", ", audiences), null));
        }
    }
}
