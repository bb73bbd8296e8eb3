package io.careerpath.security.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The refusals of sign-in, as RFC 9457 problem details alike in both services (docs/security.md), each
 * keeping the {@code WWW-Authenticate} header Spring's bearer-token handlers set:
 * <ul>
 *   <li>401 {@code unauthenticated}: no token (reason {@code missing-token});</li>
 *   <li>401 {@code invalid-token}: a token that does not verify, with a {@code reason} ({@code expired},
 *       {@code invalid-audience}, {@code invalid-issuer}, {@code bad-signature}, {@code malformed-token},
 *       {@code invalid-token}) and a detail a client can act on;</li>
 *   <li>503 {@code issuer-unavailable} with {@code Retry-After}: a token that cannot be checked now, since
 *       the issuer's keys are out of reach (the token may well be good);</li>
 *   <li>403 {@code forbidden}: a token that does not allow the request;</li>
 *   <li>400 {@code rejected-request}: an address Spring Security's firewall refuses (encoded slashes or
 *       dots, {@code ;}, control characters: path traversal), before any handler runs.</li>
 * </ul>
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler,
        AuthenticationFailureHandler {

    private final ObjectMapper json;
    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    public SecurityProblems(ObjectMapper json) {
        this.json = json;
    }

    /** No token, or one that does not verify: 401. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearer.commence(request, response, failure);
        HttpStatus status = HttpStatus.valueOf(response.getStatus());
        if (!(failure instanceof OAuth2AuthenticationException)) {
            ProblemDetail problem = problem(status, "unauthenticated", "Sign-in required",
                    "No access token: sign in and send it as 'Authorization: Bearer <token>'");
            problem.setProperty("reason", "missing-token");
            write(request, response, problem);
            return;
        }
        Reason reason = Reason.of(failure);
        ProblemDetail problem = problem(status, "invalid-token", "Invalid bearer token", reason.detail(failure));
        problem.setProperty("reason", reason.slug);
        write(request, response, problem);
    }

    /** A token was sent but could not be checked: a bad one is a 401, an unreachable issuer a 503. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException failure) throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            write(request, response, problem(HttpStatus.SERVICE_UNAVAILABLE, "issuer-unavailable",
                    "Sign-in server unavailable", "The access token cannot be checked now: the issuer's signing keys"
                            + " are out of reach. Try again shortly; nothing was read or recorded"));
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
        write(request, response, problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        write(request, response, problem(HttpStatus.BAD_REQUEST, "rejected-request", "Request rejected",
                "The request's address contains what the API does not accept (encoded slashes, dots or percent"
                        + " signs, ';', or control characters); nothing was read or recorded"));
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        return ProblemDetails.problem(status, slug, title, detail);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** What was wrong with a token that was sent, as far as the failure tells. */
    enum Reason {
        EXPIRED("expired"),
        INVALID_AUDIENCE("invalid-audience"),
        INVALID_ISSUER("invalid-issuer"),
        BAD_SIGNATURE("bad-signature"),
        MALFORMED("malformed-token"),
        INVALID("invalid-token");

        final String slug;

        Reason(String slug) {
            this.slug = slug;
        }

        static Reason of(AuthenticationException failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof JwtValidationException invalid) {
                    for (OAuth2Error error : invalid.getErrors()) {
                        String description = String.valueOf(error.getDescription());
                        if (description.equals(AccessTokens.WRONG_AUDIENCE)) {
                            return INVALID_AUDIENCE;
                        }
                        if (description.equals(AccessTokens.WRONG_ISSUER)) {
                            return INVALID_ISSUER;
                        }
                        if (description.contains("expired")) {
                            return EXPIRED;
                        }
                    }
                    return INVALID;
                }
                if (cause instanceof BadJwtException bad) {
                    String message = String.valueOf(bad.getMessage());
                    if (message.contains("Signed JWT rejected") || message.contains("signature")
                            || message.contains("No matching key")) {
                        return BAD_SIGNATURE;
                    }
                    if (message.contains("Malformed") || message.contains("Invalid JWT serialization")
                            || message.contains("Unsupported algorithm") || message.contains("parse")) {
                        return MALFORMED;
                    }
                }
            }
            String description = String.valueOf(((OAuth2AuthenticationException) failure).getError().getDescription());
            return description.toLowerCase().contains("malformed") ? MALFORMED : INVALID;
        }

        String detail(AuthenticationException failure) {
            return switch (this) {
                case EXPIRED -> "The access token has expired: sign in again";
                case INVALID_AUDIENCE -> "Invalid audience: " + AccessTokens.WRONG_AUDIENCE;
                case INVALID_ISSUER -> "Invalid issuer: " + AccessTokens.WRONG_ISSUER;
                case BAD_SIGNATURE -> "Bad signature: the access token is not signed with a key the issuer publishes";
                case MALFORMED -> "The access token is malformed: it is not a signed JWT";
                case INVALID -> "The access token is invalid: " + description(failure);
            };
        }

        private static String description(AuthenticationException failure) {
            return failure instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
                    ? oauth.getError().getDescription()
                    : String.valueOf(failure.getMessage());
        }
    }
}
