package io.careerpath.local.signin;

import io.careerpath.security.Role;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One single-machine demo account (demo-accounts.yml): who signs in and what their tokens say. Never
 * for production.
 *
 * @param username     what they type to sign in (the token's {@code sub})
 * @param password     {@code {noop}<plain>} or {@code {bcrypt}<hash>}
 * @param name         shown by the dashboards; in the ID token, and in access tokens for the reminders' addressing
 *                     (never in events)
 * @param email        where the reminders' email digest goes (the {@code email} claim), or null
 * @param roles        the token's {@code roles}
 * @param personId     the token's {@code person_id}, or null
 * @param managedTeams the token's {@code managed_teams}
 * @param team         the account's own team, for registering the demo people; may be null
 */
public record DemoAccount(String username, String password, String name, String email, List<Role> roles, String personId,
                          List<String> managedTeams, String team) {

    private static final String NOOP = "{noop}";

    public DemoAccount {
        roles = roles == null ? List.of() : List.copyOf(roles);
        managedTeams = managedTeams == null ? List.of() : List.copyOf(managedTeams);
    }

    /** The password to type, when the file holds it in plain text ({@code {noop}}); null otherwise. */
    public String plainPassword() {
        return password != null && password.startsWith(NOOP) ? password.substring(NOOP.length()) : null;
    }

    /** The roles as the token's claim carries them. */
    public List<String> roleNames() {
        return roles.stream().map(Role::name).toList();
    }

    /** What the account may see and do, in a few words (docs/security.md, the permission table). */
    public String reach() {
        if (roles.contains(Role.HR_ADMIN)) {
            return "everyone; bulk imports, read-model rebuilds, erasure";
        }
        if (roles.contains(Role.PMO_LEAD)) {
            return "everyone; erasure";
        }
        if (roles.contains(Role.MANAGER)) {
            return "own career and the people of " + (managedTeams.isEmpty() ? "no team"
                    : managedTeams.stream().collect(Collectors.joining(", ")));
        }
        if (roles.contains(Role.EMPLOYEE)) {
            return "own career only";
        }
        return "nothing";
    }
}
