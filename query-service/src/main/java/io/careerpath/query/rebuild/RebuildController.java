package io.careerpath.query.rebuild;

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

/** Rebuilds are for HR administrators only (docs/security.md): anyone else gets 403. */
@RestController
@RequestMapping("/api/admin/read-models/rebuild")
class RebuildController {

    private final ReadModelRebuild rebuild;

    RebuildController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @Operation(summary = "Recompute every read model from the first event, switching over when done")
    @PostMapping
    ResponseEntity<Object> start(@Parameter(hidden = true) Caller caller) {
        requireAdministrator(caller);
        return rebuild.start()
                .<ResponseEntity<Object>>map(progress -> ResponseEntity.accepted()
                        .location(URI.create("/api/admin/read-models/rebuild")).body(progress))
                .orElseGet(() -> {
                    ProblemDetail problem = ProblemDetails.problem(HttpStatus.CONFLICT, "rebuild-running",
                            "Rebuild already running",
                            "A rebuild is already running; follow its progress at /api/admin/read-models/rebuild");
                    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
                });
    }

    @Operation(summary = "Progress of the current or last rebuild: events done of total, rate, time left")
    @GetMapping
    RebuildProgress progress(@Parameter(hidden = true) Caller caller) {
        requireAdministrator(caller);
        return rebuild.progress();
    }

    private static void requireAdministrator(Caller caller) {
        if (!caller.mayAdminister()) {
            throw new Forbidden("not-permitted", "Rebuilding the read models is for HR administrators only");
        }
    }
}
