package io.careerpath.command.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the command API.
 *
 * @param maxBodySize the largest request body accepted; larger ones get 413 before they are parsed
 */
@Validated
@ConfigurationProperties("careerpath.api")
record ApiProperties(@NotNull @DefaultValue("64KB") DataSize maxBodySize) {
}
