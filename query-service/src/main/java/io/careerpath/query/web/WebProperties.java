package io.careerpath.query.web;

import jakarta.validation.Valid;
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
 * @param signIn        where the browser signs in
 */
@Validated
@ConfigurationProperties("careerpath.web")
public record WebProperties(@NotBlank @DefaultValue("http://localhost:8080") String commandApiUrl,
                            @Valid @DefaultValue SignIn signIn) {

    /**
     * The sign-in server as the user's browser reaches it. Blank endpoints are derived from the issuer
     * with Spring Authorization Server's paths (see {@link WebConfigController}).
     *
     * @param issuer           the issuer (default: the issuer tokens must come from,
     *                         {@code spring.security.oauth2.resourceserver.jwt.issuer-uri})
     * @param authorizationUri where the browser is sent to sign in (default {@code <issuer>/oauth2/authorize})
     * @param tokenUri         where the page exchanges the code for tokens (default {@code <issuer>/oauth2/token})
     * @param logoutUri        where the browser is sent to sign out (default {@code <issuer>/connect/logout})
     * @param clientId         the dashboards' public client
     * @param scopes           the scopes asked for, space-separated
     */
    public record SignIn(String issuer, String authorizationUri, String tokenUri, String logoutUri,
                         @NotBlank @DefaultValue("careerpath-dashboard") String clientId,
                         @NotBlank @DefaultValue("openid") String scopes) {
    }
}
