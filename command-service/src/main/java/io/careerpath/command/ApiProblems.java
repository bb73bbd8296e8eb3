package io.careerpath.command;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
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
 * Every refusal leaves the API as an RFC 9457 problem detail whose {@code type} is stable per kind
 * of failure, so that clients can branch on it; validation failures name each offending field.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    static URI type(String slug) {
        return URI.create("urn:careerpath:problem:" + slug);
    }

    record FieldError(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem;
        if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
            problem = problem(HttpStatus.BAD_REQUEST, "unknown-field", "Unknown field",
                    "Field '" + unknown.getPropertyName() + "' is not accepted here");
            problem.setProperty("errors", List.of(new FieldError(path(unknown), "unknown field")));
        } else if (ex.getCause() instanceof InvalidTypeIdException badType) {
            problem = problem(HttpStatus.BAD_REQUEST, "unknown-event-type", "Unknown or missing event type",
                    "'type' must be one of the documented event types, got: " + badType.getTypeId());
            problem.setProperty("errors", List.of(new FieldError("type", "unknown or missing event type")));
        } else if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            problem = problem(HttpStatus.BAD_REQUEST, "invalid-value", "Invalid value",
                    "Field '" + path(mapping) + "' has a value of the wrong type or format");
            problem.setProperty("errors", List.of(new FieldError(path(mapping), "wrong type or format")));
        } else {
            problem = problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                    "The body is not valid JSON");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknownPerson(AggregateNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "person-not-found", "Unknown person",
                "No person with id " + ex.getAggregateIdentifier() + " is registered");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentChange(ConcurrencyException ex) {
        return problem(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent change",
                "Someone else recorded an event for this person at the same moment; reload and try again");
    }

    static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    private static String path(JsonMappingException ex) {
        return ex.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

}
