package io.careerpath.query.integrity;

import io.careerpath.query.api.Forbidden;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.net.URI;
import org.springframework.http.HttpStatus;
import io.careerpath.security.web.ProblemDetails;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The read models' integrity against the event store, for HR administrators only (docs/security.md). */
@RestController
@RequestMapping(IntegrityController.PATH)
class IntegrityController {

    static final String PATH = "/api/admin/read-models/integrity";

    private final ReadModelIntegrity integrity;

    IntegrityController(ReadModelIntegrity integrity) {
        this.integrity = integrity;
    }

    @Operation(summary = "The last integrity check: people compared with the event store, out of step by kind, repaired")
    @GetMapping
    IntegrityReport report(@Parameter(hidden = true) Caller caller) {
        requireAdministrator(caller);
        return integrity.lastReport();
    }

    @Operation(summary = "Compare every read model with the event store now, and repair those out of step")
    @PostMapping
    ResponseEntity<Object> check(@Parameter(hidden = true) Caller caller) {
        requireAdministrator(caller);
        return integrity.start()
                .<ResponseEntity<Object>>map(report -> ResponseEntity.accepted().location(URI.create(PATH)).body(report))
                .orElseGet(() -> {
                    ProblemDetail problem = ProblemDetails.problem(HttpStatus.CONFLICT, "integrity-check-running",
                            "Integrity check already running",
                            "An integrity check is already running; its report will be at " + PATH);
                    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
                });
    }

    private static void requireAdministrator(Caller caller) {
        if (!caller.mayAdminister()) {
            throw new Forbidden("not-permitted", "Checking the read models is for HR administrators only");
        }
    }
}
