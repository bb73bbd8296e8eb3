package io.careerpath.command.person.domain;

import static io.careerpath.command.person.domain.CareerFixtures.*;
import static io.careerpath.events.AssignmentKind.DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.command.person.application.PersonAccess;
import io.careerpath.command.person.domain.ImportedHistory.RowOutcome;
import io.careerpath.command.person.domain.ImportedHistory.Status;
import io.careerpath.events.AssignmentOutcome;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.PmoType;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person's rows of a bulk import as one command: each row decided in order with the same rules as
 * the API's command for it, refused rows reported rather than thrown, rows already recorded (by event
 * id) left alone, the person created by their registration row.
 */
class PersonImportTest {

    private FixtureConfiguration<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource(window());
        fixture.registerInjectableResource(new PersonAccess(CLOCK));
    }

    private static ImportRow registration(long line, String date) {
        return ImportRow.registration(line, "registered", new ImportRow.Registration("Ada Lovelace", "team-apollo", d(date), null));
    }

    private static ImportRow delivery(long line, String id, String date) {
        return ImportRow.event(line, id, "DELIVERY_ROLE_STARTED",
                (person, expected, recording) -> new StartDeliveryRole(person, expected, d(date), recording, "project " + id));
    }

    private static ImportRow pmo(long line, String id, String date) {
        return ImportRow.event(line, id, "JOINED_PMO", (person, expected, recording) ->
                new JoinPmo(person, expected, d(date), recording, PmoType.ORGANIZATIONAL, "pmo " + id, DeliveryResponsibility.NONE));
    }

    private static ImportRow end(long line, String id, String date, AssignmentOutcome outcome) {
        return ImportRow.event(line, id, "ASSIGNMENT_ENDED",
                (person, expected, recording) -> new EndAssignment(person, expected, d(date), recording, outcome));
    }

    private static ImportHistory rows(ImportRow... rows) {
        return new ImportHistory(PERSON, List.of(rows), BY, NOW);
    }

    @Test
    void theRegistrationCreatesThePersonAndTheRowsFollowWithWhatTheyImply() {
        fixture.givenNoPriorActivity()
                .when(rows(registration(2, "2014-01-06"), delivery(3, "d1", "2015-02-01"), pmo(4, "p1", "2017-01-02")))
                .expectEvents(registered("2014-01-06"), deliveryStarted("d1", "2015-02-01"),
                        supersededBy("p1", "2017-01-02", "d1", DELIVERY), joinedPmo("p1", "2017-01-02"))
                .expectResultMessagePayload(new ImportedHistory(List.of(
                        new RowOutcome(2, "registered", Status.RECORDED, null, null, null),
                        new RowOutcome(3, "d1", Status.RECORDED, null, null, null),
                        new RowOutcome(4, "p1", Status.RECORDED, null, null, null)), 4, 3));
    }

    @Test
    void theRegistrationGoesFirstWhereverItStandsInTheFile() {
        fixture.givenNoPriorActivity()
                .when(rows(delivery(2, "d1", "2015-02-01"), registration(3, "2016-01-04")))
                .expectEvents(registered("2016-01-04"), deliveryStarted("d1", "2015-02-01"));
    }

    @Test
    void aRefusedRowIsReportedWithItsRuleAndTheOtherRowsAreStillRecorded() {
        fixture.given(registered("2014-01-06"))
                .when(rows(end(2, "e0", "2015-01-01", null), delivery(3, "d1", "2015-02-01"),
                        end(4, "e1", "2016-03-01", AssignmentOutcome.RESCUED), end(5, "e2", "2016-03-01", null)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(deliveryStarted("d1", "2015-02-01"), ended("e2", "2016-03-01", "d1", DELIVERY, null))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.hasToString(
                        org.hamcrest.Matchers.containsString("eventsRecorded=2, lastSequence=2")));
    }

    @Test
    void refusalsSayWhichRuleWhichFieldAndWhy() {
        PersonState state = new PersonState();
        state.on(registered("2014-01-06"), 0);

        ImportedHistory result = state.importRows(rows(end(2, "e0", "2015-01-01", null), delivery(3, "d1", "2015-02-01"),
                end(4, "e1", "2016-03-01", AssignmentOutcome.RESCUED), delivery(5, "d2", "2025-06-17")),
                window(), event -> state.on(event, state.lastSequence() + 1));

        assertThat(result.outcomes()).extracting(RowOutcome::line, RowOutcome::status, RowOutcome::problem,
                RowOutcome::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, Status.REFUSED, "no-assignment-to-end", "effectiveDate"),
                org.assertj.core.groups.Tuple.tuple(3L, Status.RECORDED, null, null),
                org.assertj.core.groups.Tuple.tuple(4L, Status.REFUSED, "invalid-outcome", "outcome"),
                org.assertj.core.groups.Tuple.tuple(5L, Status.REFUSED, "effective-date-out-of-range", "effectiveDate"));
        assertThat(result.outcomes().get(2).reason()).contains("is for troubled programs only");
        assertThat(result.lastSequence()).isEqualTo(1);
    }

    @Test
    void aRowWhoseEventTheHistoryAlreadyHasIsAlreadyRecordedAndChangesNothing() {
        fixture.given(registered("2014-01-06"), deliveryStarted("d1", "2015-02-01"))
                .when(rows(registration(2, "2014-01-06"), delivery(3, "d1", "2015-02-01"), pmo(4, "p1", "2017-01-02")))
                .expectEvents(supersededBy("p1", "2017-01-02", "d1", DELIVERY), joinedPmo("p1", "2017-01-02"))
                .expectResultMessagePayload(new ImportedHistory(List.of(
                        new RowOutcome(2, "registered", Status.ALREADY_RECORDED, null, null, null),
                        new RowOutcome(3, "d1", Status.ALREADY_RECORDED, null, null, null),
                        new RowOutcome(4, "p1", Status.RECORDED, null, null, null)), 2, 3));
    }

    @Test
    void theRowsOfAPersonNobodyRegisteredAreRefusedAndNothingIsCreated() {
        fixture.givenNoPriorActivity()
                .when(rows(delivery(2, "d1", "2015-02-01")))
                .expectNoEvents()
                .expectResultMessagePayload(new ImportedHistory(List.of(new RowOutcome(2, "d1", Status.REFUSED,
                        "person-not-found", null, "No person with this personRef is registered: the file needs a"
                        + " PERSON_REGISTERED row for it.")), 0, -1));
    }

    @Test
    void aSecondRegistrationIsRefused() {
        PersonState state = new PersonState();
        state.on(registered("2014-01-06"), 0);

        ImportedHistory result = state.importRows(new ImportHistory(PERSON, List.of(ImportRow.registration(2, "other",
                new ImportRow.Registration("Ada King", "team-b", null, null))), BY, NOW), window(), event -> {
            throw new AssertionError("nothing may be recorded: " + event);
        });

        assertThat(result.outcomes().get(0).problem()).isEqualTo("person-already-registered");
        assertThat(result.outcomes().get(0).reason()).isEqualTo("This person is already registered: a second registration for the same person is refused; record a move to another team as a team change.");
    }
}
