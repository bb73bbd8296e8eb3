package io.careerpath.query.keys;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the people's keys come from (docs/security.md, the key path) and how long they stay in memory.
 *
 * @param url                    the command service's base URL as this service reaches it; keys are
 *                               asked for at {@code <url>/internal/person-keys}
 * @param clientRegistrationId   the OAuth2 client registration whose client-credentials token is sent
 *                               ({@code spring.security.oauth2.client.registration.<id>})
 * @param cacheSize              at most this many people's keys are held in memory
 * @param cacheTtl               a key is asked for again after this long, so that a key erased while the
 *                               erasure event is still on its way stops opening data soon anyway
 * @param timeout                connect and read timeout of one request for keys
 */
@Validated
@ConfigurationProperties("careerpath.person-keys")
public record PersonKeysProperties(
        @NotBlank String url,
        @NotBlank @DefaultValue("careerpath-keys") String clientRegistrationId,
        @Min(1) @Max(10_000_000) @DefaultValue("100000") int cacheSize,
        @NotNull @DefaultValue("10m") Duration cacheTtl,
        @NotNull @DefaultValue("5s") Duration timeout) {
}
