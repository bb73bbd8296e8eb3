package io.careerpath.query.access;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The Content-Security-Policy of everything this service serves (docs/security.md, "The pages' policy"):
 * the dashboards hold access tokens in the browser, so they may run only this service's own scripts and
 * styles, and talk only to this service, the command API and the sign-in server (origins from the same
 * settings {@code GET /api/config} hands out). No inline script or style, no framing, no plugins.
 * oidc-client-ts renews no token in a hidden frame (js/auth.js: {@code automaticSilentRenew: false}), so
 * no frame is allowed either.
 */
final class PagePolicy {

    private PagePolicy() {
    }

    static String of(Environment environment) {
        String commandApi = environment.getProperty("careerpath.web.command-api-url", "http://localhost:8080");
        String tokenIssuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "");
        String issuer = environment.getProperty("careerpath.web.sign-in.issuer", "");
        String signInIssuer = StringUtils.hasText(issuer) ? issuer : tokenIssuer;
        Set<String> signIn = origins(signInIssuer,
                environment.getProperty("careerpath.web.sign-in.authorization-uri", ""),
                environment.getProperty("careerpath.web.sign-in.token-uri", ""),
                environment.getProperty("careerpath.web.sign-in.logout-uri", ""));
        Set<String> connect = new LinkedHashSet<>(origins(commandApi));
        connect.addAll(signIn);
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src " + join("'self'", connect) + "; form-action " + join("'self'", signIn)
                + "; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    }

    private static String join(String first, Set<String> origins) {
        return Stream.concat(Stream.of(first), origins.stream()).reduce((a, b) -> a + " " + b).orElseThrow();
    }

    /** The origins (scheme, host, port) of the URLs given; blank ones are skipped. */
    static Set<String> origins(String... urls) {
        Set<String> origins = new LinkedHashSet<>();
        for (String url : urls) {
            if (!StringUtils.hasText(url)) {
                continue;
            }
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalStateException("Not an absolute URL for the pages' Content-Security-Policy: " + url);
            }
            origins.add(uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase()
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        }
        return origins;
    }
}
