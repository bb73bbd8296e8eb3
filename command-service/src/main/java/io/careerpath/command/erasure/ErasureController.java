package io.careerpath.command.erasure;

import io.careerpath.command.web.Ids;
import io.careerpath.command.web.Problems;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure on request (docs/security.md): only PMO leads and HR administrators may erase (403 for anyone
 * else); a person the caller may not see answers 404 exactly as an unknown one does.
 */
@RestController
@RequestMapping("/api/people")
class ErasureController {

    private final PersonErasure erasure;

    ErasureController(PersonErasure erasure) {
        this.erasure = erasure;
    }

    @Operation(summary = "Erase a person (PMO lead, HR administrator)",
            description = "Records PersonErased and destroys the person's key, so that the personal data sealed in"
                    + " their events can never be opened again; deletes what else is held about them. Afterwards"
                    + " every request about the person answers 404.")
    @ApiResponse(responseCode = "204", description = "erased")
    @ApiResponse(responseCode = "403", description = "the caller's role may not erase",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "unknown or already erased person",
            content = @Content(schema = @Schema(implementation = ProblemDetail.class)))
    @DeleteMapping("/{personId}")
    ResponseEntity<Void> erase(@PathVariable String personId, Caller caller) {
        String id = Ids.uuid(personId, "personId");
        if (!caller.mayErase()) {
            throw Problems.forbidden("Only PMO leads and HR administrators may erase a person");
        }
        erasure.erase(id, caller);
        return ResponseEntity.noContent().build();
    }
}
