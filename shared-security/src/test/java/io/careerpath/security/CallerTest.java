package io.careerpath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTest {

    private static final String ME = "0b9f4c3e-8a51-4c8e-9f7a-2d5b1c6e7f80";
    private static final String SOMEONE = "1c9f4c3e-8a51-4c8e-9f7a-2d5b1c6e7f80";

    private static Caller caller(Object roles, Object teams) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").subject("erin")
                .issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH.plusSeconds(60))
                .claim(Caller.PERSON_ID_CLAIM, ME).claim(Caller.ROLES_CLAIM, roles);
        if (teams != null) {
            token.claim(Caller.MANAGED_TEAMS_CLAIM, teams);
        }
        return Caller.from(token.build());
    }

    @Test
    void an_employee_reaches_only_their_own_career() {
        Caller employee = caller(List.of("EMPLOYEE"), null);
        assertThat(employee.mayAccessPerson(ME, () -> "team-a")).isTrue();
        assertThat(employee.mayAccessPerson(SOMEONE, () -> "team-a")).isFalse();
        assertThat(employee.mayAccessTeam("team-a")).isFalse();
        assertThat(employee.mayErase()).isFalse();
        assertThat(employee.mayAdminister()).isFalse();
        assertThat(employee.recorder()).isEqualTo(ME);
    }

    @Test
    void a_manager_reaches_the_people_of_the_teams_they_manage() {
        Caller manager = caller(List.of("MANAGER"), List.of("team-a"));
        assertThat(manager.mayAccessPerson(SOMEONE, () -> "team-a")).isTrue();
        assertThat(manager.mayAccessPerson(SOMEONE, () -> "team-b")).isFalse();
        assertThat(manager.mayAccessPerson(SOMEONE, () -> null)).isFalse();
        assertThat(manager.mayAccessPerson(ME, () -> "team-b")).isTrue();
        assertThat(manager.mayAccessTeam("team-a")).isTrue();
        assertThat(manager.mayAccessTeam("team-b")).isFalse();
        assertThat(manager.mayErase()).isFalse();
    }

    @Test
    void managed_teams_count_only_for_managers() {
        Caller employee = caller(List.of("EMPLOYEE"), List.of("team-a"));
        assertThat(employee.mayAccessTeam("team-a")).isFalse();
        assertThat(employee.mayAccessPerson(SOMEONE, () -> "team-a")).isFalse();
    }

    @Test
    void pmo_leads_and_hr_administrators_reach_everyone_and_may_erase() {
        for (String role : List.of("PMO_LEAD", "HR_ADMIN")) {
            Caller caller = caller(List.of(role), null);
            assertThat(caller.mayAccessPerson(SOMEONE, () -> null)).isTrue();
            assertThat(caller.mayAccessTeam("team-z")).isTrue();
            assertThat(caller.mayErase()).isTrue();
        }
        assertThat(caller(List.of("PMO_LEAD"), null).mayAdminister()).isFalse();
        assertThat(caller(List.of("HR_ADMIN"), null).mayAdminister()).isTrue();
    }

    @Test
    void the_current_team_is_asked_for_only_when_the_answer_depends_on_it() {
        java.util.function.Supplier<String> unasked = () -> {
            throw new AssertionError("the current team was derived although it could not change the answer");
        };
        assertThat(caller(List.of("HR_ADMIN"), null).mayAccessPerson(SOMEONE, unasked)).isTrue();
        assertThat(caller(List.of("EMPLOYEE"), null).mayAccessPerson(ME, unasked)).isTrue();
        assertThat(caller(List.of("EMPLOYEE"), null).mayAccessPerson(SOMEONE, unasked)).isFalse();
    }

    @Test
    void no_role_no_access_and_unknown_roles_are_ignored() {
        Caller nobody = caller(List.of("ROOT", "admin"), null);
        assertThat(nobody.roles()).isEmpty();
        assertThat(nobody.mayAccessPerson(ME, () -> null)).isFalse();
    }

    @Test
    void roles_may_come_as_one_string_and_a_person_id_that_is_no_uuid_is_no_person() {
        Caller caller = new Caller("svc", "not-a-uuid", Set.of(Role.HR_ADMIN), Set.of());
        assertThat(caller.personId()).isNull();
        assertThat(caller.recorder()).isEqualTo("sub:svc");
        assertThat(caller("EMPLOYEE MANAGER", "team-a,team-b").roles()).containsExactlyInAnyOrder(Role.EMPLOYEE, Role.MANAGER);
    }

    @Test
    void the_permission_table_names_every_role_for_every_endpoint() {
        List<PermissionTable.Permission> table = PermissionTable.load();
        assertThat(table).hasSizeGreaterThan(10);
        table.forEach(row -> assertThat(row.scopes()).containsOnlyKeys(Role.values()));
    }
}
