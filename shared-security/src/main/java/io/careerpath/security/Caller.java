package io.careerpath.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who sends a request, read from the access token by the rule in docs/security.md, and what that
 * identity may do with whose data. Both services decide every request with these methods, so the
 * permission table has one implementation.
 *
 * @param subject      the token's {@code sub}
 * @param personId     the person this account is ({@value #PERSON_ID_CLAIM}), or null
 * @param roles        the roles it holds ({@value #ROLES_CLAIM}); unknown role names are ignored
 * @param managedTeams the teams it manages ({@value #MANAGED_TEAMS_CLAIM}); counts only with {@link Role#MANAGER}
 */
public record Caller(String subject, String personId, Set<Role> roles, Set<String> managedTeams) {

    public static final String ROLES_CLAIM = "roles";
    public static final String PERSON_ID_CLAIM = "person_id";
    public static final String MANAGED_TEAMS_CLAIM = "managed_teams";
    /** The audience every access token must carry. */
    public static final String AUDIENCE = "careerpath-api";
    /** The scope of the query service's own client, for the key path. */
    public static final String KEYS_SCOPE = "careerpath.keys";

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public Caller {
        Objects.requireNonNull(subject, "subject");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        managedTeams = Set.copyOf(managedTeams);
        if (personId != null && !UUID.matcher(personId).matches()) {
            personId = null; // not a person id of this platform: the account has no career of its own here
        } else if (personId != null) {
            personId = personId.toLowerCase(Locale.ROOT);
        }
    }

    /** Reads the claims of a validated access token. */
    public static Caller from(Jwt token) {
        return new Caller(token.getSubject(), token.getClaimAsString(PERSON_ID_CLAIM),
                roles(token.getClaim(ROLES_CLAIM)), strings(token.getClaim(MANAGED_TEAMS_CLAIM)));
    }

    /**
     * Who recorded an event, as the events store it: the caller's person id, or {@code sub:<subject>}
     * for an account that is no person here. A pseudonymous id, never a name.
     */
    public String recorder() {
        return personId != null ? personId : "sub:" + subject;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** PMO leads and HR administrators see everyone. */
    public boolean seesEveryone() {
        return has(Role.PMO_LEAD) || has(Role.HR_ADMIN);
    }

    /**
     * May see (timeline, skills, what-if, audit view) and record for the person: their own career,
     * a person whose current team the caller manages, or anyone for PMO leads and HR administrators.
     *
     * @param currentTeam the person's current team (docs/security.md), null if not known; asked for only
     *                    when the answer depends on it (deriving it can mean a pass over the history)
     */
    public boolean mayAccessPerson(String personId, Supplier<String> currentTeam) {
        if (seesEveryone()) {
            return true;
        }
        if (personId != null && personId.equalsIgnoreCase(this.personId)
                && (has(Role.EMPLOYEE) || has(Role.MANAGER))) {
            return true;
        }
        return has(Role.MANAGER) && managesTeam(currentTeam.get());
    }

    /** May open the team's board, and register people into it. */
    public boolean mayAccessTeam(String teamId) {
        return seesEveryone() || managesTeam(teamId);
    }

    public boolean managesTeam(String teamId) {
        return teamId != null && has(Role.MANAGER) && managedTeams.contains(teamId);
    }

    public boolean mayErase() {
        return seesEveryone();
    }

    /** Bulk imports and read-model rebuilds: HR administrators only. */
    public boolean mayAdminister() {
        return has(Role.HR_ADMIN);
    }

    private static Set<Role> roles(Object claim) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : strings(claim)) {
            for (Role role : Role.values()) {
                if (role.name().equalsIgnoreCase(name)) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    /** A claim as a set of strings: a JSON array, or one string (space- or comma-separated). */
    private static Set<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(Objects::nonNull).map(Object::toString).map(String::trim)
                    .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof String value) {
            return List.of(value.split("[\\s,]+")).stream().filter(s -> !s.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }
}
