package io.careerpath.query.team;

import io.careerpath.query.history.PersonHistories;
import io.careerpath.query.history.PersonHistories.KnownTeam;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where a manager starts: the teams there are, each leading to its rotation board and its people. */
@RestController
class TeamsController {

    private final PersonHistories histories;

    TeamsController(PersonHistories histories) {
        this.histories = histories;
    }

    @Operation(summary = "Every known team with the number of people who ever belonged to it")
    @GetMapping("/api/teams")
    List<KnownTeam> teams() {
        return histories.teams();
    }
}
