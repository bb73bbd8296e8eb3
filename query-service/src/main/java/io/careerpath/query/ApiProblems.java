package io.careerpath.query;

import io.careerpath.query.history.PersonHistories;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Refusals leave the query API as RFC 9457 problem details with a stable type per failure. */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(PersonHistories.NotYetProjected.class)
    ResponseEntity<ProblemDetail> notYetProjected(PersonHistories.NotYetProjected ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setType(URI.create("urn:careerpath:problem:not-yet-projected"));
        problem.setTitle("Not yet projected");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler(InvalidQuery.class)
    ProblemDetail invalidQuery(InvalidQuery ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setType(URI.create("urn:careerpath:problem:invalid-query"));
        problem.setTitle("Invalid query");
        problem.setProperty("errors", java.util.List.of(java.util.Map.of("field", ex.field(), "message", ex.getMessage())));
        return problem;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setType(URI.create("urn:careerpath:problem:" + ex.slug()));
        problem.setTitle("Not found");
        return problem;
    }
}
