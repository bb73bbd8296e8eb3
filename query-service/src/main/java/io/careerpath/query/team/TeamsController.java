package io.careerpath.query.team;

import io.careerpath.query.access.PeopleAccess;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.Viewpoint;
import io.careerpath.query.history.HistoryReads;
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
    private final PeopleAccess people;
    private final AsOf asOf;

    TeamsController(HistoryReads histories, PeopleAccess people, AsOf asOf) {
        this.histories = histories;
        this.people = people;
        this.asOf = asOf;
    }

    /**
     * @param teamName what people call the team: the latest name recorded for it, else its id read as a name
     * @param members  the people on the team's rotation board today: its current members the caller may see,
     *                 counted by the board's own rule, so that the two always say the same number
     */
    record Team(String teamId, String teamName, int members) {
    }

    /** Filtered, never refused (docs/security.md): the teams whose board the caller may open; none for an employee. */
    @Operation(summary = "The known teams the caller may open, with their names and how many people are on each"
            + " team's rotation board today")
    @GetMapping("/api/teams")
    List<Team> teams(@Parameter(hidden = true) Caller caller) {
        Viewpoint today = asOf.resolve(null, null);
        return histories.teams().stream().filter(team -> caller.mayAccessTeam(team.teamId()))
                .map(team -> new Team(team.teamId(), team.teamName(), people.histories(caller, team.everMembers(),
                        today, history -> history.teamId().filter(team.teamId()::equals).isPresent()).size()))
                .toList();
    }
}
