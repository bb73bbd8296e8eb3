package io.careerpath.command.person.application;

import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The people a command-service instance keeps decided state of in memory (see {@code CatchingUpCachingRepository}).
 *
 * @param cacheSize people held at most (a person's state is a few kilobytes; the least recently used go first);
 *                  0 holds none: every command replays the person's history
 * @param cacheTtl  how long a person is held after their last command; after it the next command replays them
 */
@Validated
@ConfigurationProperties("careerpath.commands")
record PersonCacheProperties(@PositiveOrZero @DefaultValue("5000") long cacheSize,
                             @DefaultValue("10m") Duration cacheTtl) {
}
