package io.careerpath.query.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.careerpath.query.keys.KeysUnavailable;
import io.careerpath.security.web.ProblemDetails;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Refusals leave the query API as RFC 9457 problem details with a stable type per failure. Bad input
 * names the parameter or field, never echoes the value (which may be anything, of any length). A component
 * that is away (MongoDB, the command service's key path) is a 503 with {@code Retry-After}; anything
 * unexpected a 500 {@code internal-error}, never Spring's bare error page.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class QueryApiProblems extends ResponseEntityExceptionHandler {

    /** Seconds a client should wait after a 503: components come back within seconds, or an operator acts. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            if (result instanceof ParameterErrors body) {
                // a validated request body: name the body's fields, not the parameter
                body.getFieldErrors().forEach(error -> errors.add(Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage()))));
            } else {
                result.getResolvableErrors().forEach(error -> errors.add(Map.of(
                        "field", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", String.valueOf(error.getDefaultMessage()))));
            }
        });
        return ResponseEntity.badRequest().body(validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getBindingResult().getAllErrors().forEach(error -> errors.add(Map.of(
                "field", error instanceof FieldError field ? field.getField() : error.getObjectName(),
                "message", String.valueOf(error.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(validation(errors));
    }

    /** A parameter that does not parse as its type ({@code asOf=yesterday}, {@code minSequence=$gt}). */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(validation(List.of(Map.of(
                "field", String.valueOf(ex.getPropertyName()), "message", expected(ex.getRequiredType())))));
    }

    /** A body that is not JSON, or whose fields do not parse as their types (an unknown enum value, an object for a number). */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String field = "body";
        String message = "must be a JSON object of the documented fields";
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                    .collect(Collectors.joining("."));
            message = mapping instanceof UnrecognizedPropertyException ? "is not a field of this request"
                    : mapping instanceof InvalidFormatException invalid ? expected(invalid.getTargetType())
                    : "has the wrong type";
        }
        return ResponseEntity.badRequest().body(validation(List.of(Map.of("field", field, "message", message))));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == LocalDate.class || Temporal.class.isAssignableFrom(type)) {
            return "must be a date (yyyy-mm-dd)";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "must be a number";
        }
        return "must be a " + type.getSimpleName();
    }

    /** Bad input, with each offending field named in {@code errors}. */
    private static ProblemDetail validation(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetails.problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                errors.stream().map(e -> e.get("field") + ": " + e.get("message")).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(NotYetProjected.class)
    ResponseEntity<ProblemDetail> notYetProjected(NotYetProjected ex) {
        ProblemDetail problem = ProblemDetails.problem(HttpStatus.SERVICE_UNAVAILABLE, "not-yet-projected",
                "Not yet projected", ex.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler(NotConfigured.class)
    ProblemDetail notConfigured(NotConfigured ex) {
        return ProblemDetails.problem(HttpStatus.SERVICE_UNAVAILABLE, ex.slug(), "Not configured", ex.getMessage());
    }

    @ExceptionHandler(KeysUnavailable.class)
    ResponseEntity<ProblemDetail> keysUnavailable(KeysUnavailable ex) {
        logger.warn("Personal data cannot be opened: " + ex.getMessage());
        ProblemDetail problem = ProblemDetails.problem(HttpStatus.SERVICE_UNAVAILABLE, "keys-unavailable",
                "Keys unavailable",
                "The people's keys cannot be fetched from the command service right now; try again shortly");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    /**
     * MongoDB away (no server within {@code careerpath.read-models.mongo.server-selection-timeout}, a connection
     * refused or cut) is a 503: the read models cannot be read now. Anything else unexpected is a 500, logged.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (isReadModelOutage(ex)) {
            logger.warn("The read models cannot be read: " + ex);
            ProblemDetail problem = ProblemDetails.problem(HttpStatus.SERVICE_UNAVAILABLE, "read-models-unavailable",
                    "Read models unavailable",
                    "The read models (MongoDB) cannot be reached now; nothing was read or changed. Try again in a few"
                            + " seconds");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .body(problem);
        }
        logger.error("Unexpected failure answering a request", ex);
        return ResponseEntity.internalServerError().body(ProblemDetails.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error", "Internal error", "The request could not be completed"));
    }

    private static boolean isReadModelOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MongoTimeoutException || cause instanceof MongoSocketException
                    || cause instanceof MongoServerUnavailableException || cause instanceof MongoNodeIsRecoveringException
                    || cause instanceof MongoNotPrimaryException) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(Forbidden.class)
    ProblemDetail forbidden(Forbidden ex) {
        return ProblemDetails.problem(HttpStatus.FORBIDDEN, ex.slug(), "Forbidden", ex.getMessage());
    }

    @ExceptionHandler(InvalidInput.class)
    ProblemDetail invalidInput(InvalidInput ex) {
        return validation(List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound ex) {
        return ProblemDetails.problem(HttpStatus.NOT_FOUND, ex.slug(), "Not found", ex.getMessage());
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict ex) {
        return ProblemDetails.problem(HttpStatus.CONFLICT, ex.slug(), "Conflict", ex.getMessage());
    }
}
