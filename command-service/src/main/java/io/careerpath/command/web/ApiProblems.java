package io.careerpath.command.web;

import io.careerpath.security.web.ProblemDetails;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refusal leaves the API as an RFC 9457 problem detail (see {@link Problems}); validation
 * failures name each offending field in {@code errors}. This advice covers what any endpoint can
 * meet (bodies, headers, Axon's answers, the unexpected); features add their own advice for their own
 * failures, ordered before this one, whose last handler takes every exception.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    /** Seconds a client should wait after a 503: the pool reconnects as soon as the database answers again. */
    private static final String RETRY_AFTER_SECONDS = "5";

    /** One offending field of a request. */
    record FieldError(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
        ProblemDetail problem = ProblemDetails.problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        RequestBodyLimit.BodyTooLarge tooLarge = causeOfType(ex, RequestBodyLimit.BodyTooLarge.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(RequestBodyLimit.problem(tooLarge.limit()));
        }
        ProblemDetail problem = BodyProblems.unreadable(ex.getCause(), "body");
        return ResponseEntity.badRequest().body(problem);
    }

    /** Everything else Spring MVC refuses (415, 405, 406, ...) keeps its status and gets a stable type. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            String slug = status == null ? "http-" + statusCode.value()
                    : status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            problem.setType(ProblemDetails.type(slug));
        }
        return response;
    }

    /** Unknown, erased, or hidden from the caller: the same answer (the aggregate throws it for all three). */
    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknownPerson(AggregateNotFoundException ex) {
        return Problems.personNotFound(String.valueOf(ex.getAggregateIdentifier()));
    }

    /** A registration raced another one for the same person id (or for a person whose key exists). */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ProblemDetail personExists(AggregateStreamCreationException ex) {
        return ProblemDetails.problem(HttpStatus.CONFLICT, "person-already-exists", "Person already exists",
                "A person with this id is already registered; nothing was recorded");
    }

    /** {@code If-Match} named a sequence number the person has moved past (or not reached). */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ProblemDetail staleSequence(ConflictingAggregateVersionException ex) {
        ProblemDetail problem = ProblemDetails.problem(HttpStatus.CONFLICT, "sequence-mismatch", "The person has changed",
                "If-Match expected the person's last event to be number " + ex.getExpectedVersion()
                        + ", but it is number " + ex.getActualVersion() + ": reload the history and decide again");
        problem.setProperty("currentSequence", ex.getActualVersion());
        return problem;
    }

    /** Two writers (two servers, or two transactions) appended to the same person at the same moment. */
    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentChange(ConcurrencyException ex) {
        return ProblemDetails.problem(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent change",
                "Someone else recorded an event for this person at the same moment; nothing of this request was"
                        + " recorded: reload and try again");
    }

    /**
     * The event store away (or too busy to lend a connection within 750 ms) is the platform's fault for a
     * while, not the request's: 503 with Retry-After. A request cut off while its transaction was committing may
     * have been recorded after all, so the answer points to the Idempotency-Key rather than promising nothing.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (EventStoreFailures.isOutage(ex)) {
            log.warn("The event store cannot serve a request: {}", ex.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .body(ProblemDetails.problem(HttpStatus.SERVICE_UNAVAILABLE, "event-store-unavailable",
                            "Event store unavailable", "The event store cannot be reached now (away, restarting or"
                                    + " overloaded): try again in a few seconds. Nothing was recorded, unless the"
                                    + " connection broke while the write was being confirmed; retrying with the same"
                                    + " Idempotency-Key is safe either way"));
        }
        log.error("Unexpected failure answering a request", ex);
        return ResponseEntity.internalServerError().body(ProblemDetails.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error", "Internal error",
                "The request could not be completed. Retrying with the same Idempotency-Key is safe"));
    }

    private static <T extends Throwable> T causeOfType(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
