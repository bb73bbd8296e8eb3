package io.careerpath.command.personaldata;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param cacheSize how many people's keys are kept in memory (32 bytes each); the rest are read from
 *                  {@code person_keys} when needed
 * @param cacheTtl  how long a key read from {@code person_keys} is kept in memory: after an erasure on another
 *                  server, this server forgets the key within this time at the latest
 */
@Validated
@ConfigurationProperties("careerpath.person-keys")
record PersonKeyProperties(@Min(1) @DefaultValue("10000") int cacheSize,
                           @NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration cacheTtl) {
}
