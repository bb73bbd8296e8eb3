package io.careerpath.command.person.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.careerpath.command.person.domain.PersonState;
import io.careerpath.events.PersonErased;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.TeamChanged;
import io.careerpath.security.Caller;
import io.careerpath.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

/**
 * Who may see and record for a person, decided outside the aggregate from the facts it holds
 * (docs/security.md). Today is 2025-06-15 in UTC.
 */
class PersonAccessTest {

    private static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    private static final String ADA = "6f1c1f0e-2b7a-4c55-9d0c-2f6a0f1d8e11";

    private final PersonAccess access = new PersonAccess(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aManagerSeesThePeopleOfTheTeamTheyManageTodayNotThoseOfATeamTheyWillManage() {
        PersonState ada = registered("team-apollo");
        ada.on(new TeamChanged(ADA, "moves", LocalDate.parse("2025-06-16"), "hr", NOW, "team-gemini", null), 1);

        assertThat(access.visible(ada, manager("team-apollo"))).isTrue();
        assertThat(access.visible(ada, manager("team-gemini"))).isFalse();
    }

    @Test
    void anEmployeeSeesOnlyThemselvesAndHrSeesEveryone() {
        PersonState ada = registered("team-apollo");

        assertThat(access.visible(ada, new Caller("ada", ADA, Set.of(Role.EMPLOYEE), Set.of()))).isTrue();
        assertThat(access.visible(ada, new Caller("bob", "someone-else", Set.of(Role.EMPLOYEE), Set.of()))).isFalse();
        assertThat(access.visible(ada, new Caller("hr", null, Set.of(Role.HR_ADMIN), Set.of()))).isTrue();
    }

    @Test
    void nobodySeesAnErasedOrUnregisteredPersonNotEvenThePlatform() {
        PersonState ada = registered("team-apollo");
        ada.on(new PersonErased(ADA, "erased", LocalDate.parse("2025-06-15"), "hr", NOW), 1);

        assertThat(access.visible(ada, null)).isFalse();
        assertThat(access.visible(new PersonState(), null)).isFalse();
        assertThat(access.visible(registered("team-apollo"), null)).as("the platform, on an authorized request").isTrue();
    }

    @Test
    void aCallerWhoMayNotSeeIsRefusedAsIfThePersonWereUnknown() {
        assertThatThrownBy(() -> access.requireVisible(registered("team-apollo"), manager("team-gemini")))
                .isInstanceOf(AggregateNotFoundException.class)
                .hasMessageContaining("No person with id " + ADA + " is registered");
    }

    private static PersonState registered(String team) {
        PersonState state = new PersonState();
        state.on(new PersonRegistered(ADA, "registered", LocalDate.parse("2020-01-06"), "hr", NOW, "Ada", team), 0);
        return state;
    }

    private static Caller manager(String team) {
        return new Caller("manager", null, Set.of(Role.MANAGER), Set.of(team));
    }
}
