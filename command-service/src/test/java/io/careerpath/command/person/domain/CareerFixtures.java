package io.careerpath.command.person.domain;

import io.careerpath.events.AdministrativeLoadRecorded;
import io.careerpath.events.AssignmentEnded;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.AssignmentOutcome;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.EventRetracted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.PmoType;
import io.careerpath.events.RegainedDeliveryRole;
import io.careerpath.events.Skill;
import io.careerpath.events.SkillAssessed;
import io.careerpath.events.TeamChanged;
import io.careerpath.events.TookTroubledProgram;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/**
 * The vocabulary of the aggregate tests: one person, events and commands by id and date, so that a
 * test reads as the career it describes.
 */
final class CareerFixtures {

    static final String PERSON = "person-ada";
    static final String BY = "manager-jane";
    /** 10:00 UTC on 2025-06-15: in UTC+14 it is already 2025-06-16, the latest date accepted. */
    static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final LocalDate EARLIEST = LocalDate.of(1950, 1, 1);

    private CareerFixtures() {
    }

    static EffectiveDateWindow window() {
        return new EffectiveDateWindow(EARLIEST, CLOCK);
    }

    static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    static Recording rec(String eventId) {
        return new Recording(eventId, BY, NOW);
    }

    /** The id of the {@code n}-th consequence of event {@code eventId} (see {@link Recording#consequenceId}). */
    static String consequence(String eventId, int n) {
        return rec(eventId).consequenceId(n);
    }

    // ---- events, as recorded ----

    static PersonRegistered registered(String date) {
        return new PersonRegistered(PERSON, "registered", d(date), BY, NOW, "Ada Lovelace", "team-apollo", null);
    }

    static DeliveryRoleStarted deliveryStarted(String id, String date) {
        return new DeliveryRoleStarted(PERSON, id, d(date), BY, NOW, "project " + id);
    }

    static RegainedDeliveryRole deliveryRegained(String id, String date) {
        return new RegainedDeliveryRole(PERSON, id, d(date), BY, NOW, "project " + id);
    }

    static JoinedPmo joinedPmo(String id, String date) {
        return new JoinedPmo(PERSON, id, d(date), BY, NOW, PmoType.ORGANIZATIONAL, "pmo " + id, DeliveryResponsibility.NONE);
    }

    static TookTroubledProgram tookTroubledProgram(String id, String date) {
        return new TookTroubledProgram(PERSON, id, d(date), BY, NOW, "program " + id);
    }

    static AssignmentEnded ended(String id, String date, String assignment, AssignmentKind kind,
                                 AssignmentOutcome outcome) {
        return new AssignmentEnded(PERSON, id, d(date), BY, NOW, assignment, kind, outcome, null);
    }

    /** The end the platform records when {@code next} begins while {@code assignment} is held. */
    static AssignmentEnded supersededBy(String next, String date, String assignment, AssignmentKind kind) {
        return new AssignmentEnded(PERSON, consequence(next, 1), d(date), BY, NOW, assignment, kind, null, next);
    }

    static EventRetracted retracted(String id, String date, String target, String targetType, String reason) {
        return new EventRetracted(PERSON, id, d(date), BY, NOW, target, targetType, reason);
    }

    static SkillAssessed skillAssessed(String id, String date, Skill skill, int level) {
        return new SkillAssessed(PERSON, id, d(date), BY, NOW, skill, level, BY);
    }

    static TeamChanged teamChanged(String id, String date, String team) {
        return new TeamChanged(PERSON, id, d(date), BY, NOW, team, null);
    }

    static AdministrativeLoadRecorded administrativeLoad(String id, String date, int percent) {
        return new AdministrativeLoadRecorded(PERSON, id, d(date), BY, NOW, percent);
    }

    // ---- commands ----

    static RegisterPerson register(String date) {
        return new RegisterPerson(PERSON, d(date), rec("registered"), "Ada Lovelace", "team-apollo", null);
    }

    static StartDeliveryRole startDelivery(String id, String date) {
        return new StartDeliveryRole(PERSON, null, d(date), rec(id), "project " + id);
    }

    static RegainDeliveryRole regainDelivery(String id, String date) {
        return new RegainDeliveryRole(PERSON, null, d(date), rec(id), "project " + id);
    }

    static JoinPmo joinPmo(String id, String date) {
        return new JoinPmo(PERSON, null, d(date), rec(id), PmoType.ORGANIZATIONAL, "pmo " + id,
                DeliveryResponsibility.NONE);
    }

    static TakeTroubledProgram takeTroubledProgram(String id, String date) {
        return new TakeTroubledProgram(PERSON, null, d(date), rec(id), "program " + id);
    }

    static EndAssignment endAssignment(String id, String date, AssignmentOutcome outcome) {
        return new EndAssignment(PERSON, null, d(date), rec(id), outcome);
    }

    static RetractEvent retract(String id, String date, String target) {
        return new RetractEvent(PERSON, null, d(date), rec(id), target, "recorded by mistake");
    }

    static AssessSkill assessSkill(String id, String date, Skill skill, int level) {
        return new AssessSkill(PERSON, null, d(date), rec(id), skill, level, BY);
    }

    static RecordAdministrativeLoad recordAdministrativeLoad(String id, String date, int percent) {
        return new RecordAdministrativeLoad(PERSON, null, d(date), rec(id), percent);
    }

    static ChangeTeam changeTeam(String id, String date, String team) {
        return new ChangeTeam(PERSON, null, d(date), rec(id), team, null, null);
    }

    /** What a refusal told to a person never holds: type codes, ISO dates, the event ids of these fixtures. */
    private static final java.util.regex.Pattern NOT_WORDS =
            java.util.regex.Pattern.compile("\\b[A-Z]{2,}_[A-Z_]+\\b|\\d{4}-\\d{2}-\\d{2}|\\b[a-z]\\d\\b");

    /** A refusal by {@code rule} whose message mentions each of {@code mentions}, in words (no codes, no ids). */
    static Matcher<CareerRuleViolation> violates(CareerRule rule, String... mentions) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CareerRuleViolation violation) {
                return violation.rule() == rule && !NOT_WORDS.matcher(violation.getMessage()).find()
                        && Arrays.stream(mentions).allMatch(mention -> violation.getMessage().contains(mention));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a violation of " + rule + " mentioning " + Arrays.toString(mentions));
            }

            @Override
            protected void describeMismatchSafely(CareerRuleViolation violation, Description mismatch) {
                mismatch.appendText("was " + violation.rule() + ": " + violation.getMessage());
            }
        };
    }

    /** A refusal by {@code rule} telling exactly {@code sentence}, and naming {@code relatedEventId} beside it. */
    static Matcher<CareerRuleViolation> violates(CareerRule rule, String relatedEventId, String field, String sentence) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CareerRuleViolation violation) {
                return violation.rule() == rule && violation.getMessage().equals(sentence)
                        && java.util.Objects.equals(violation.relatedEventId(), relatedEventId)
                        && java.util.Objects.equals(violation.field(), field);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a violation of " + rule + " about " + relatedEventId + " beside " + field
                        + " saying \"" + sentence + "\"");
            }

            @Override
            protected void describeMismatchSafely(CareerRuleViolation violation, Description mismatch) {
                mismatch.appendText("was " + violation.rule() + " about " + violation.relatedEventId() + " beside "
                        + violation.field() + ": \"" + violation.getMessage() + "\"");
            }
        };
    }
}
