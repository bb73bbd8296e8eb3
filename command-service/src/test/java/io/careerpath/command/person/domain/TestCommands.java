package io.careerpath.command.person.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Commands for tests outside this package (the commands themselves stay package-private). */
public final class TestCommands {

    private TestCommands() {
    }

    public static Object changeTeam(String personId, LocalDate effectiveDate, Instant recordedAt) {
        return new ChangeTeam(personId, null, effectiveDate, new Recording(UUID.randomUUID().toString(), "test", recordedAt),
                "team-" + UUID.randomUUID(), null, null);
    }
}
