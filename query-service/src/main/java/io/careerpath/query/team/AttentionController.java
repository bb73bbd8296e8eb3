package io.careerpath.query.team;

import io.careerpath.events.PmoType;
import io.careerpath.query.api.AsOf;
import io.careerpath.query.api.IdPatterns;
import io.careerpath.query.api.InvalidInput;
import io.careerpath.query.team.AttentionList.Answer;
import io.careerpath.query.team.AttentionList.CurrentRole;
import io.careerpath.query.team.AttentionList.Filters;
import io.careerpath.query.team.AttentionList.Page;
import io.careerpath.query.team.AttentionList.Sort;
import io.careerpath.query.team.RotationBoardController.Flag;
import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who needs attention across teams, for PMO leads and HR administrators (every team) and managers (their
 * teams); filtered, never refused: an employee's list is empty (docs/security.md). The same list as CSV
 * when asked for {@code text/csv}.
 */
@RestController
class AttentionController {

    private final AttentionList attention;
    private final AsOf asOf;

    AttentionController(AttentionList attention, AsOf asOf) {
        this.attention = attention;
        this.asOf = asOf;
    }

    /** A page's default and largest size. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    @Operation(summary = "Everyone the caller may see who is flagged on their team's board or whose rotate-back date "
            + "falls within withinMonths, with counts per team, a page at a time",
            description = "Managers: the teams they manage; PMO leads and HR administrators: every team; employees: an "
                    + "empty list. Filters: team, flag, role (DELIVERY, PMO, TROUBLED_PROGRAM, NONE), pmoType, each "
                    + "repeatable (any of). Sort: rotateBackBy (default), name, team or retention; direction asc or desc. "
                    + "Paged: limit (1 to 1000, default 100) people from offset (default 0); count, the per-team counts "
                    + "and more (whether people follow) are over the whole list. "
                    + "Ask for text/csv to download the whole list as CSV.")
    @GetMapping("/api/attention")
    Answer attention(@Parameter(hidden = true) Caller caller,
                     @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate knownOn,
                     @RequestParam(defaultValue = "3") @Min(value = 0, message = "must be from 0 to 36 months")
                     @Max(value = 36, message = "must be from 0 to 36 months") int withinMonths,
                     @RequestParam(required = false) List<@Pattern(regexp = IdPatterns.TEAM, message = "must be a team id")
                             String> team,
                     @RequestParam(required = false) List<String> flag,
                     @RequestParam(required = false) List<String> role,
                     @RequestParam(required = false) List<String> pmoType,
                     @RequestParam(defaultValue = "rotateBackBy") String sort,
                     @RequestParam(defaultValue = "asc") String direction,
                     @RequestParam(defaultValue = "100") @Min(value = 1, message = "must be from 1 to 1000 people")
                     @Max(value = MAX_LIMIT, message = "must be from 1 to 1000 people") int limit,
                     @RequestParam(defaultValue = "0") @Min(value = 0, message = "must be 0 or more people") int offset) {
        return attention.of(caller, this.asOf.resolve(asOf, knownOn), filters(withinMonths, team, flag, role, pmoType,
                sort, direction), wantsCsv(accept) ? Page.WHOLE : new Page(offset, limit));
    }

    /** The CSV download is the whole list, however the JSON is paged. */
    private static boolean wantsCsv(String accept) {
        return accept != null && accept.contains("text/csv");
    }

    private static Filters filters(int withinMonths, List<String> team, List<String> flag, List<String> role,
                                   List<String> pmoType, String sort, String direction) {
        return new Filters(set(team), parsed("flag", flag, Flag.class, Flag::valueOf),
                parsed("role", role, CurrentRole.class, CurrentRole::valueOf),
                parsed("pmoType", pmoType, PmoType.class, PmoType::valueOf), withinMonths, sort(sort),
                descending(direction));
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : new LinkedHashSet<>(values);
    }

    private static <E extends Enum<E>> Set<E> parsed(String parameter, List<String> values, Class<E> type,
                                                     Function<String, E> valueOf) {
        Set<E> parsed = EnumSet.noneOf(type);
        for (String value : values == null ? List.<String>of() : values) {
            try {
                parsed.add(valueOf.apply(value));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(parameter, "must be one of " + Arrays.stream(type.getEnumConstants())
                        .map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        return parsed;
    }

    private static Sort sort(String value) {
        return Arrays.stream(Sort.values()).filter(sort -> sort.param.equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInput("sort", "must be one of " + Arrays.stream(Sort.values())
                        .map(sort -> sort.param).collect(Collectors.joining(", "))));
    }

    private static boolean descending(String value) {
        if (!value.equals("asc") && !value.equals("desc")) {
            throw new InvalidInput("direction", "must be asc or desc");
        }
        return value.equals("desc");
    }
}
