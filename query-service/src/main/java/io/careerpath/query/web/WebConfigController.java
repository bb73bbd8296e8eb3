package io.careerpath.query.web;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the dashboards where the command API is and where the browser signs in, so that the pages
 * carry no address of their own. Open: a page needs it before anyone has signed in.
 */
@RestController
class WebConfigController {

    private final WebProperties properties;
    private final String tokenIssuer;

    WebConfigController(WebProperties properties,
                        @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String tokenIssuer) {
        this.properties = properties;
        this.tokenIssuer = tokenIssuer;
    }

    /**
     * @param commandApi     base URL of the command API, without a trailing slash
     * @param signInRequired always true: every API request needs an access token from the sign-in server
     * @param signIn         where and how the browser signs in (authorization code with PKCE, public client)
     */
    record WebConfig(String commandApi, boolean signInRequired, SignInConfig signIn) {
    }

    /**
     * @param issuer           the OpenID Connect issuer, without a trailing slash
     * @param authorizationUri the authorization endpoint the browser is sent to
     * @param tokenUri         the token endpoint the page exchanges the code (and refresh token) at
     * @param logoutUri        the end-session endpoint the browser is sent to on sign-out
     * @param clientId         the dashboards' public client id
     * @param scopes           the scopes to ask for, space-separated
     */
    record SignInConfig(String issuer, String authorizationUri, String tokenUri, String logoutUri, String clientId,
                        String scopes) {
    }

    @Operation(summary = "Where the dashboards send recorded events (the command API's base URL) and where they sign in")
    @GetMapping("/api/config")
    ResponseEntity<WebConfig> config() {
        String url = withoutTrailingSlash(properties.commandApiUrl());
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(new WebConfig(url, true, signIn()));
    }

    private SignInConfig signIn() {
        WebProperties.SignIn signIn = properties.signIn();
        String issuer = withoutTrailingSlash(StringUtils.hasText(signIn.issuer()) ? signIn.issuer() : tokenIssuer);
        return new SignInConfig(issuer,
                orDerived(signIn.authorizationUri(), issuer, "/oauth2/authorize"),
                orDerived(signIn.tokenUri(), issuer, "/oauth2/token"),
                orDerived(signIn.logoutUri(), issuer, "/connect/logout"),
                signIn.clientId(), signIn.scopes());
    }

    /** Spring Authorization Server's endpoint paths, for an issuer whose endpoints are not configured. */
    private static String orDerived(String configured, String issuer, String path) {
        return StringUtils.hasText(configured) ? configured : issuer + path;
    }

    private static String withoutTrailingSlash(String url) {
        return url.replaceAll("/+$", "");
    }
}
