package io.careerpath.command.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.command.Problems;
import io.careerpath.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * The refusals of the security layer as RFC 9457 problem details, like every other refusal of the API:
 * 401 (no token, or one that is not accepted: the detail says why, e.g. "The bearer token has
 * expired"), 403 (the key path without its scope), 503 when a token cannot be checked because the
 * issuer's keys are out of reach, and 400 for URLs the firewall rejects. Status and
 * {@code WWW-Authenticate} stay those of Spring Security's bearer token handlers, which run first.
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler,
        AuthenticationFailureHandler {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
    private final ObjectMapper json;

    SecurityProblems(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearer.commence(request, response, failure);
        HttpStatus status = HttpStatus.valueOf(response.getStatus());
        ProblemDetail problem = failure instanceof OAuth2AuthenticationException
                ? Problems.problem(status, "invalid-token", "Invalid bearer token", why(failure))
                : Problems.problem(status, "unauthenticated", "Sign-in required",
                "This request needs a bearer token: send Authorization: Bearer <access token from the"
                        + " configured issuer>");
        write(request, response, problem);
    }

    /** A bearer token that failed: refused (401), unless it could not be checked at all (503). */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException failure) throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            write(request, response, Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "issuer-unavailable",
                    "Sign-in server unavailable", "The bearer token cannot be checked now: the issuer's signing keys"
                            + " cannot be fetched. Try again shortly; nothing was recorded"));
            return;
        }
        commence(request, response, failure);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        bearerDenied.handle(request, response, denied);
        String detail = request.getRequestURI().startsWith("/internal/")
                ? "Only the query service's own client (scope " + Caller.KEYS_SCOPE + ") may use this endpoint"
                : "This token does not allow this request";
        write(request, response, Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        write(request, response, Problems.problem(HttpStatus.BAD_REQUEST, "rejected-request", "Request rejected",
                "The request URL contains characters the API does not accept (encoded slashes, dots or percent"
                        + " signs, or control characters); nothing was read or recorded"));
    }

    /** What was wrong with a token that was sent, in words a client can act on. */
    static String why(AuthenticationException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid) {
                for (OAuth2Error error : invalid.getErrors()) {
                    String description = String.valueOf(error.getDescription());
                    String lower = description.toLowerCase(Locale.ROOT);
                    if (lower.contains("expired")) {
                        return "The bearer token has expired: sign in again";
                    }
                    if (lower.contains("audience") || lower.contains("aud claim")) {
                        return "The bearer token has an invalid audience: it must include " + Caller.AUDIENCE;
                    }
                    if (lower.contains("iss claim")) {
                        return "The bearer token has an invalid issuer: it was not issued by the configured issuer";
                    }
                    if (lower.contains("used before")) {
                        return "The bearer token is not valid yet (nbf)";
                    }
                }
                return "The bearer token is not valid: " + invalid.getErrors().iterator().next().getDescription();
            }
        }
        String description = failure instanceof OAuth2AuthenticationException oauth
                && oauth.getError().getDescription() != null ? oauth.getError().getDescription() : failure.getMessage();
        String lower = String.valueOf(description).toLowerCase(Locale.ROOT);
        if (lower.contains("malformed") || lower.contains("invalid serialized") || lower.contains("parse")) {
            return "The bearer token is malformed: it is not a signed JWT";
        }
        if (lower.contains("signature") || lower.contains("signed jwt rejected") || lower.contains("no matching key")) {
            return "The bearer token's signature does not verify against the issuer's published keys";
        }
        return "The bearer token is not accepted";
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
