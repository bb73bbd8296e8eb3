package io.careerpath.query.search;

import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/people?q=}: the search box's type-ahead on every page. */
@RestController
@RequestMapping("/api/people")
class PeopleSearchController {

    private final PeopleSearch search;

    PeopleSearchController(PeopleSearch search) {
        this.search = search;
    }

    @Operation(summary = "People the caller may see whose name has words starting with the query's words",
            description = "Accents and case do not matter; at least one word of two letters; at most "
                    + PeopleSearch.LIMIT + " people, by name (more: true if more match). An employee finds herself, a "
                    + "manager herself and her teams' people, PMO leads and HR administrators everyone.")
    @GetMapping
    PeopleSearch.PeopleFound find(@Parameter(hidden = true) Caller caller,
                                  @Parameter(description = "words of the name, e.g. \"zo ang\"")
                                  @RequestParam(required = false) String q) {
        return search.find(caller, q);
    }
}
