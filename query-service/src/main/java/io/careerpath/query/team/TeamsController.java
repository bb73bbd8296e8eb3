package io.careerpath.query.team;

import io.careerpath.query.history.HistoryReads;
import io.careerpath.query.history.HistoryReads.KnownTeam;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where a manager starts: the teams there are, each leading to its rotation board and its people. */
@RestController
class TeamsController {

    private final HistoryReads histories;

    TeamsController(HistoryReads histories) {
        this.histories = histories;
    }

    /** Filtered, never refused (docs/security.md): the teams whose board the caller may open; none for an employee. */
    @Operation(summary = "The known teams the caller may open, with the number of people who ever belonged to each")
    @GetMapping("/api/teams")
    List<KnownTeam> teams(@Parameter(hidden = true) Caller caller) {
        return histories.teams().stream().filter(team -> caller.mayAccessTeam(team.teamId())).toList();
    }
}
