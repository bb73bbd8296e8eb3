package io.careerpath.pipeline.deadletters;

import io.careerpath.pipeline.deadletters.DeadLetterAdministration.Report;
import io.careerpath.pipeline.deadletters.DeadLetterAdministration.RetryOutcome;
import io.careerpath.security.Caller;
import io.careerpath.security.web.ProblemDetails;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead-letter administration of a service (HR administrators only): list what is parked, retry a
 * person's parked events once the cause is fixed, evict a letter that can never be handled. Ids are
 * checked before anything reaches a queue, and never echoed back.
 */
@RestController
class DeadLetterController {

    static final String PATH = "/api/admin/dead-letters";
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Letter ids are the JDBC queue's UUIDs or event ids: short, and of these characters only. */
    private static final Pattern LETTER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final DeadLetterAdministration deadLetters;

    DeadLetterController(DeadLetterAdministration deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Operation(summary = "Every parked sequence with its letters, a total and counts by cause (HR administrators)")
    @GetMapping(PATH)
    Report list(@Parameter(hidden = true) Caller caller) {
        requireAdministrator(caller);
        return deadLetters.report();
    }

    @Operation(summary = "Processes a parked sequence now (HR administrators)",
            description = "Answers whether every letter went through, or how many are still parked and why.")
    @PostMapping(PATH + "/{sequenceId}/retry")
    RetryOutcome retry(@Parameter(hidden = true) Caller caller, @PathVariable String sequenceId) {
        requireAdministrator(caller);
        return deadLetters.retry(sequenceId(sequenceId));
    }

    @Operation(summary = "Evicts one letter: its event is never handled here (HR administrators)")
    @DeleteMapping(PATH + "/{sequenceId}/letters/{letterId}")
    ResponseEntity<Void> evict(@Parameter(hidden = true) Caller caller, @PathVariable String sequenceId, @PathVariable String letterId) {
        requireAdministrator(caller);
        String sequence = sequenceId(sequenceId);
        if (!LETTER_ID.matcher(letterId).matches()) {
            throw invalid("letterId", "must be the letterId of a dead letter as listed (letters, digits, '.', '_', ':', '-')");
        }
        deadLetters.evict(sequence, letterId);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(DeadLetterAdministration.UnknownSequence.class)
    ProblemDetail unknownSequence(DeadLetterAdministration.UnknownSequence e) {
        return problem(HttpStatus.NOT_FOUND, "dead-letter-sequence-not-found", "No such parked sequence", e.getMessage());
    }

    @ExceptionHandler(DeadLetterAdministration.UnknownLetter.class)
    ProblemDetail unknownLetter(DeadLetterAdministration.UnknownLetter e) {
        return problem(HttpStatus.NOT_FOUND, "dead-letter-not-found", "No such dead letter", e.getMessage());
    }

    private static void requireAdministrator(Caller caller) {
        if (!caller.mayAdminister()) {
            throw new ErrorResponseException(HttpStatus.FORBIDDEN, problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "Only HR administrators may administer dead letters"), null);
        }
    }

    /** A person's id in the form stored (lower case), or {@value DeadLetterAdministration#UNKEYED}. */
    private static String sequenceId(String value) {
        if (DeadLetterAdministration.UNKEYED.equals(value)) {
            return value;
        }
        if (value.length() != 36 || !UUID.matcher(value).matches()) {
            throw invalid("sequenceId", "must be a person id (a UUID) or '" + DeadLetterAdministration.UNKEYED + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static ErrorResponseException invalid(String field, String message) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-value", "Invalid value",
                "Path segment '" + field + "' " + message + "; nothing was changed");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        return ProblemDetails.problem(status, slug, title, detail);
    }
}
