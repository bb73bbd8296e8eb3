package io.careerpath.query.access;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Refusals of the security filters, as RFC 9457 problem details like every other refusal of the API.
 * Spring's bearer-token handlers still set the status and the {@code WWW-Authenticate} header
 * (RFC 6750); this adds a body whose {@code detail} says what was wrong with the token and whose
 * {@code reason} a client can branch on: {@code missing-token}, {@code expired}, {@code invalid-audience},
 * {@code invalid-issuer}, {@code bad-signature}, {@code malformed-token}, {@code invalid-token}.
 */
final class AuthProblems implements AuthenticationEntryPoint, AuthenticationFailureHandler, AccessDeniedHandler,
        RequestRejectedHandler {

    private static final String TYPE = "urn:careerpath:problem:";

    private final ObjectMapper json;
    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    AuthProblems(ObjectMapper json) {
        this.json = json;
    }

    /** No token, or one that does not verify: 401. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearer.commence(request, response, failure);
        HttpStatus status = HttpStatus.valueOf(response.getStatus());
        Reason reason = Reason.of(failure);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, reason.detail(failure));
        problem.setType(URI.create(TYPE + (status == HttpStatus.UNAUTHORIZED ? "unauthenticated" : "invalid-request")));
        problem.setTitle(status == HttpStatus.UNAUTHORIZED ? "Not signed in" : "Invalid request");
        problem.setProperty("reason", reason.slug);
        write(response, problem);
    }

    /** A token was sent but could not be checked: a bad one is a 401, an unreachable issuer a 503. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException failure) throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "Access tokens cannot be checked right now: the sign-in server's keys are out of reach");
            problem.setType(URI.create(TYPE + "issuer-unavailable"));
            problem.setTitle("Sign-in server unavailable");
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            write(response, problem);
            return;
        }
        commence(request, response, failure);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        bearerDenied.handle(request, response, denied);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "The caller may not do this");
        problem.setType(URI.create(TYPE + "forbidden"));
        problem.setTitle("Forbidden");
        write(response, problem);
    }

    /** Paths the firewall refuses ({@code ..}, encoded slashes, control characters) never reach a handler. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request's address is refused: " + rejected.getMessage());
        problem.setType(URI.create(TYPE + "validation"));
        problem.setTitle("Invalid request");
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        write(response, problem);
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** What was wrong with the token, as far as the failure tells. */
    enum Reason {
        MISSING_TOKEN("missing-token"),
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
            if (!(failure instanceof OAuth2AuthenticationException oauth)) {
                return MISSING_TOKEN; // the request reached a protected endpoint as nobody
            }
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof JwtValidationException invalid) {
                    for (OAuth2Error error : invalid.getErrors()) {
                        String description = String.valueOf(error.getDescription());
                        if (description.equals(TokenValidation.WRONG_AUDIENCE)) {
                            return INVALID_AUDIENCE;
                        }
                        if (description.equals(TokenValidation.WRONG_ISSUER)) {
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
                    if (message.contains("Signed JWT rejected") || message.contains("signature")) {
                        return BAD_SIGNATURE;
                    }
                    if (message.contains("Malformed") || message.contains("Invalid JWT serialization")
                            || message.contains("Unsupported algorithm") || message.contains("parse")) {
                        return MALFORMED;
                    }
                }
            }
            String description = String.valueOf(oauth.getError().getDescription());
            return description.contains("malformed") ? MALFORMED : INVALID;
        }

        String detail(AuthenticationException failure) {
            return switch (this) {
                case MISSING_TOKEN -> "No access token: sign in and send it as 'Authorization: Bearer <token>'";
                case EXPIRED -> "The access token has expired: " + description(failure);
                case INVALID_AUDIENCE -> "Invalid audience: " + TokenValidation.WRONG_AUDIENCE;
                case INVALID_ISSUER -> "Invalid issuer: " + TokenValidation.WRONG_ISSUER;
                case BAD_SIGNATURE -> "Bad signature: the access token is not signed with a key of the issuer";
                case MALFORMED -> "The access token is malformed";
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
