package io.careerpath.command.person.api;

import io.careerpath.security.web.ProblemDetails;
import io.careerpath.command.person.domain.CareerRuleViolation;
import io.careerpath.command.web.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A broken career rule answers 422 (the request is well-formed, the history it would make is not),
 * with the rule's own problem type. 409 is kept for conflicts with other writers.
 */
@RestControllerAdvice
@Order(0)
class CareerRuleProblems {

    @ExceptionHandler(CareerRuleViolation.class)
    ProblemDetail ruleViolated(CareerRuleViolation violation) {
        ProblemDetail problem = ProblemDetails.problem(HttpStatus.UNPROCESSABLE_ENTITY, violation.rule().slug(),
                violation.rule().title(), violation.getMessage());
        if (violation.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", violation.field(), "message", violation.getMessage())));
        }
        if (violation.relatedEventId() != null) {
            problem.setProperty("relatedEventId", violation.relatedEventId());
        }
        return problem;
    }
}
