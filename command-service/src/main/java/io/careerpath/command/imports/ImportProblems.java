package io.careerpath.command.imports;

import io.careerpath.security.web.ProblemDetails;
import io.careerpath.command.web.Problems;
import io.careerpath.command.web.RequestBodyLimit;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** The import's refusals, as problem details like the rest of the API's. */
@RestControllerAdvice
@Order(0)
class ImportProblems {

    private final ImportProperties properties;

    ImportProblems(ImportProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(InvalidImportFile.class)
    ProblemDetail invalidFile(InvalidImportFile invalid) {
        return ProblemDetails.problem(HttpStatus.BAD_REQUEST, invalid.slug(), invalid.title(), invalid.getMessage()
                + " Nothing was recorded.");
    }

    /** A multipart upload over the limit (a declared length over it is refused before, by RequestBodyLimit). */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException ex) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .body(RequestBodyLimit.problem(properties.maxFileSize().toBytes()));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ProblemDetail noFile(MissingServletRequestPartException ex) {
        return ProblemDetails.problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                "The form has no part '" + ex.getRequestPartName() + "': send the file as part 'file'.");
    }

    @ExceptionHandler(MultipartException.class)
    ProblemDetail unreadableForm(MultipartException ex) {
        return ProblemDetails.problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                "The multipart form cannot be read.");
    }
}
