package io.careerpath.query.web;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the dashboards (static pages served by this service) need to know about the platform.
 *
 * @param commandApiUrl where the browser sends recorded events: the command service's base URL as
 *                      the user's browser reaches it (the command service must allow this
 *                      service's origin, see {@code careerpath.web.allowed-origins} there)
 */
@Validated
@ConfigurationProperties("careerpath.web")
public record WebProperties(@NotBlank @DefaultValue("http://localhost:8080") String commandApiUrl) {
}
