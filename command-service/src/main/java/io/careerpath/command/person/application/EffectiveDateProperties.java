package io.careerpath.command.person.application;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which effective dates are accepted (see {@code EffectiveDateWindow}; the latest is always today).
 *
 * @param earliest the earliest effective date accepted; the careers recorded here began after it
 */
@Validated
@ConfigurationProperties("careerpath.effective-dates")
record EffectiveDateProperties(@NotNull @DefaultValue("1950-01-01") LocalDate earliest) {
}
