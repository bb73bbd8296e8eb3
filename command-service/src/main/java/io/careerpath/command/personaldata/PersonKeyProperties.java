package io.careerpath.command.personaldata;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param cacheSize how many people's keys are kept in memory (32 bytes each); the rest are read from
 *                  {@code person_keys} when needed
 */
@Validated
@ConfigurationProperties("careerpath.person-keys")
record PersonKeyProperties(@Min(1) @DefaultValue("10000") int cacheSize) {
}
