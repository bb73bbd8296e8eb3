package io.careerpath.command.person.domain;

import static io.careerpath.command.person.domain.CareerFixtures.*;
import static io.careerpath.events.AssignmentKind.DELIVERY;
import static io.careerpath.events.AssignmentKind.PMO;
import static io.careerpath.events.AssignmentKind.TROUBLED_PROGRAM;
import static io.careerpath.events.AssignmentOutcome.COMPLETED;
import static io.careerpath.events.AssignmentOutcome.RESCUED;
import static org.hamcrest.Matchers.instanceOf;

import io.careerpath.command.person.application.PersonAccess;
import io.careerpath.events.PersonErased;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.Skill;
import io.careerpath.events.TeamChanged;
import io.careerpath.security.Caller;
import io.careerpath.security.Role;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of a recorded career, each with the side it accepts and the side it refuses. Written as
 * careers: given what was recorded, when someone records something, then these events (or this
 * refusal, and nothing recorded).
 */
class PersonTest {

    private FixtureConfiguration<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource(window());
        fixture.registerInjectableResource(new PersonAccess(CLOCK));
    }

    @Nested
    class Registration {

        @Test
        void registeringAPersonRecordsWhoTheyAreAndTheirTeam() {
            fixture.givenNoPriorActivity()
                    .when(register("2019-01-07"))
                    .expectEvents(registered("2019-01-07"));
        }

        @Test
        void cannotRegisterAPersonWithAFutureEffectiveDate() {
            fixture.givenNoPriorActivity()
                    .when(register("2025-06-17"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.EFFECTIVE_DATE_OUT_OF_RANGE, "2025-06-17", "future"));
        }
    }

    @Nested
    class OnePrimaryAssignmentAtATime {

        @Test
        void aFirstAssignmentEndsNothing() {
            fixture.given(registered("2015-01-01"))
                    .when(startDelivery("d1", "2015-02-01"))
                    .expectEvents(deliveryStarted("d1", "2015-02-01"))
                    .expectResultMessagePayload(new RecordedEvent("d1", 1));
        }

        @Test
        void takingANewAssignmentEndsTheCurrentOneOnTheNewOnesEffectiveDate() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"))
                    .when(joinPmo("p1", "2018-03-01"))
                    .expectEvents(supersededBy("p1", "2018-03-01", "d1", DELIVERY), joinedPmo("p1", "2018-03-01"))
                    .expectResultMessagePayload(new RecordedEvent("p1", 3));
        }

        @Test
        void aNewProjectWhileDeliveringIsANewDeliveryRoleThatEndsThePreviousOne() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"))
                    .when(startDelivery("d2", "2016-02-01"))
                    .expectEvents(supersededBy("d2", "2016-02-01", "d1", DELIVERY), deliveryStarted("d2", "2016-02-01"));
        }

        @Test
        void cannotBeginTwoAssignmentsOnTheSameDay() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"))
                    .when(joinPmo("p1", "2015-02-01"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.ASSIGNMENT_OVERLAP, "d1", "one primary assignment at a time"));
        }

        @Test
        void cannotBeginASecondAssignmentInsideAPeriodAlreadyCovered() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            supersededBy("p1", "2018-03-01", "d1", DELIVERY), joinedPmo("p1", "2018-03-01"))
                    .when(takeTroubledProgram("t1", "2016-05-01"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.ASSIGNMENT_OVERLAP, "d1", "lasts until 2018-03-01"));
        }

        @Test
        void cannotBeginAnAssignmentInsideOneThatWasEndedLater() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            ended("e1", "2017-01-01", "d1", DELIVERY, COMPLETED))
                    .when(joinPmo("p1", "2016-05-01"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.ASSIGNMENT_OVERLAP, "lasts until 2017-01-01"));
        }
    }

    @Nested
    class RecordingLateAndOutOfOrder {

        @Test
        void eventsMayPrecedeThePersonsRegistration() {
            fixture.given(registered("2024-01-01"))
                    .when(startDelivery("d1", "2009-09-01"))
                    .expectEvents(deliveryStarted("d1", "2009-09-01"));
        }

        @Test
        void aDeliveryRoleRecordedAfterThePmoRoleThatFollowedItIsAccepted() {
            fixture.given(registered("2015-01-01"), joinedPmo("p1", "2018-03-01"))
                    .when(startDelivery("d1", "2015-02-01"))
                    // nothing else: it lasts until the PMO role begins, which was already recorded
                    .expectEvents(deliveryStarted("d1", "2015-02-01"));
        }

        @Test
        void aDeliveryRoleRecordedLateEndsWhereTheFollowingPmoRoleBegins() {
            fixture.given(registered("2015-01-01"), joinedPmo("p1", "2018-03-01"), deliveryStarted("d1", "2015-02-01"))
                    .when(takeTroubledProgram("t1", "2017-01-01"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.ASSIGNMENT_OVERLAP, "d1", "lasts until 2018-03-01"));
        }

        @Test
        void anAssignmentRecordedLateMayFillTheGapAfterAnExplicitEnd() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            ended("e1", "2016-06-01", "d1", DELIVERY, COMPLETED), joinedPmo("p1", "2018-03-01"))
                    .when(takeTroubledProgram("t1", "2016-09-01"))
                    .expectEvents(tookTroubledProgram("t1", "2016-09-01"));
        }

        @Test
        void cannotRecordALateEventThatWouldLeaveARecordedRegainWithoutTimeAwayFromDelivery() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            ended("e1", "2016-06-01", "d1", DELIVERY, COMPLETED), deliveryRegained("r1", "2018-01-01"))
                    .when(startDelivery("d2", "2017-01-01"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.REGAIN_WHILE_DELIVERING, "r1", "would put"));
        }
    }

    @Nested
    class RegainingADeliveryRole {

        @Test
        void regainingADeliveryRoleAfterAPmoRoleEndsThePmoRole() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            supersededBy("p1", "2018-03-01", "d1", DELIVERY), joinedPmo("p1", "2018-03-01"))
                    .when(regainDelivery("r1", "2020-04-01"))
                    .expectEvents(supersededBy("r1", "2020-04-01", "p1", PMO), deliveryRegained("r1", "2020-04-01"));
        }

        @Test
        void regainingADeliveryRoleAfterABreakIsAccepted() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            ended("e1", "2016-06-01", "d1", DELIVERY, COMPLETED))
                    .when(regainDelivery("r1", "2017-01-01"))
                    .expectEvents(deliveryRegained("r1", "2017-01-01"));
        }

        @Test
        void cannotRegainDeliveryRoleWhileDelivering() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"))
                    .when(regainDelivery("r1", "2016-01-01"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.REGAIN_WHILE_DELIVERING, "still in the delivery role",
                            "DELIVERY_ROLE_STARTED"));
        }

        @Test
        void cannotRegainDeliveryRoleOnTheDayTheLastOneEnded() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            ended("e1", "2016-06-01", "d1", DELIVERY, COMPLETED))
                    .when(regainDelivery("r1", "2016-06-01"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.REGAIN_WHILE_DELIVERING, "no time away"));
        }

        @Test
        void cannotRegainDeliveryRoleForSomeoneWhoNeverDelivered() {
            fixture.given(registered("2015-01-01"), joinedPmo("p1", "2015-02-01"))
                    .when(regainDelivery("r1", "2017-01-01"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.REGAIN_WITHOUT_PRIOR_DELIVERY, "DELIVERY_ROLE_STARTED"));
        }

        @Test
        void cannotRegainADeliveryRoleThatOnlyBeginsLater() {
            fixture.given(registered("2015-01-01"), joinedPmo("p1", "2015-02-01"),
                            ended("e1", "2016-01-01", "p1", PMO, COMPLETED), deliveryStarted("d1", "2019-01-01"))
                    .when(regainDelivery("r1", "2017-01-01"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.REGAIN_WITHOUT_PRIOR_DELIVERY, "no delivery role before 2017-01-01"));
        }
    }

    @Nested
    class EndingAnAssignment {

        @Test
        void endingATroubledProgramRecordsItsOutcome() {
            fixture.given(registered("2015-01-01"), tookTroubledProgram("t1", "2019-01-01"))
                    .when(endAssignment("e1", "2020-06-30", RESCUED))
                    .expectEvents(ended("e1", "2020-06-30", "t1", TROUBLED_PROGRAM, RESCUED));
        }

        @Test
        void cannotEndATroubledProgramWithoutAnOutcome() {
            fixture.given(registered("2015-01-01"), tookTroubledProgram("t1", "2019-01-01"))
                    .when(endAssignment("e1", "2020-06-30", null))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.INVALID_OUTCOME, "RESCUED", "CANCELLED", "HANDED_OVER"));
        }

        @Test
        void aDeliveryRoleEndsCompletedOrWithoutAnOutcome() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"))
                    .when(endAssignment("e1", "2016-01-01", null))
                    .expectEvents(ended("e1", "2016-01-01", "d1", DELIVERY, null));
        }

        @Test
        void cannotEndADeliveryRoleWithATroubledProgramOutcome() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"))
                    .when(endAssignment("e1", "2016-01-01", RESCUED))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.INVALID_OUTCOME, "applies to troubled programs"));
        }

        @Test
        void cannotEndAnAssignmentWhenNoneIsHeld() {
            fixture.given(registered("2015-01-01"))
                    .when(endAssignment("e1", "2016-01-01", COMPLETED))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.NO_ASSIGNMENT_TO_END, "2016-01-01"));
        }

        @Test
        void cannotEndAnAssignmentAfterItEnded() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            ended("e1", "2016-01-01", "d1", DELIVERY, COMPLETED))
                    .when(endAssignment("e2", "2016-06-01", COMPLETED))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.NO_ASSIGNMENT_TO_END, "already ended on 2016-01-01"));
        }

        @Test
        void cannotEndAnAssignmentTwice() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            ended("e1", "2016-01-01", "d1", DELIVERY, COMPLETED))
                    .when(endAssignment("e2", "2015-10-01", COMPLETED))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.ASSIGNMENT_ALREADY_ENDED, "e1", "retract that one first"));
        }

        @Test
        void recordingTheRealEndReplacesTheEndImpliedByTheNextAssignment() {
            fixture.given(registered("2015-01-01"), tookTroubledProgram("t1", "2019-01-01"),
                            supersededBy("p1", "2021-01-01", "t1", TROUBLED_PROGRAM), joinedPmo("p1", "2021-01-01"))
                    .when(endAssignment("e1", "2020-06-30", RESCUED))
                    .expectEvents(
                            retracted(consequence("e1", 1), "2020-06-30", consequence("p1", 1), "ASSIGNMENT_ENDED",
                                    "Replaced by the end recorded in event e1"),
                            ended("e1", "2020-06-30", "t1", TROUBLED_PROGRAM, RESCUED));
        }
    }

    @Nested
    class Retracting {

        @Test
        void retractingAnEventRecordsARetractionNamingIt() {
            fixture.given(registered("2015-01-01"), skillAssessed("s1", "2024-01-01", Skill.LEADERSHIP, 4))
                    .when(retract("x1", "2024-02-01", "s1"))
                    .expectEvents(retracted("x1", "2024-02-01", "s1", "SKILL_ASSESSED", "recorded by mistake"));
        }

        @Test
        void cannotRetractTheSameEventTwice() {
            fixture.given(registered("2015-01-01"), skillAssessed("s1", "2024-01-01", Skill.LEADERSHIP, 4),
                            retracted("x1", "2024-02-01", "s1", "SKILL_ASSESSED", "typo"))
                    .when(retract("x2", "2024-02-02", "s1"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.EVENT_ALREADY_RETRACTED, "s1"));
        }

        @Test
        void cannotRetractAnEventThatDoesNotExist() {
            fixture.given(registered("2015-01-01"))
                    .when(retract("x1", "2024-02-01", "no-such-event"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.RETRACTED_EVENT_NOT_FOUND, "no-such-event"));
        }

        @Test
        void cannotRetractARegistrationOrARetraction() {
            fixture.given(registered("2015-01-01"))
                    .when(retract("x1", "2024-02-01", "registered"))
                    .expectException(violates(CareerRule.EVENT_NOT_RETRACTABLE, "registration"));
            fixture.given(registered("2015-01-01"), skillAssessed("s1", "2024-01-01", Skill.LEADERSHIP, 4),
                            retracted("x1", "2024-02-01", "s1", "SKILL_ASSESSED", "typo"))
                    .when(retract("x2", "2024-02-02", "x1"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.EVENT_NOT_RETRACTABLE, "record the event again"));
        }

        @Test
        void cannotRetractAnEndThatFollowsFromTheNextAssignment() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            supersededBy("p1", "2018-03-01", "d1", DELIVERY), joinedPmo("p1", "2018-03-01"))
                    .when(retract("x1", "2019-01-01", consequence("p1", 1)))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.EVENT_NOT_RETRACTABLE, "p1", "ASSIGNMENT_ENDED"));
        }

        @Test
        void retractingAnAssignmentAlsoRetractsItsEndAndTheEndItForcedOnThePreviousOne() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            supersededBy("p1", "2018-03-01", "d1", DELIVERY), joinedPmo("p1", "2018-03-01"),
                            supersededBy("t1", "2020-01-01", "p1", PMO), tookTroubledProgram("t1", "2020-01-01"))
                    .when(retract("x1", "2021-01-01", "p1"))
                    .expectEvents(
                            retracted("x1", "2021-01-01", "p1", "JOINED_PMO", "recorded by mistake"),
                            retracted(consequence("x1", 1), "2021-01-01", consequence("t1", 1), "ASSIGNMENT_ENDED",
                                    "Ended the JOINED_PMO of 2018-03-01 (event p1), which event x1 retracted"),
                            retracted(consequence("x1", 2), "2021-01-01", consequence("p1", 1), "ASSIGNMENT_ENDED",
                                    "Followed from the JOINED_PMO of 2018-03-01 (event p1), which event x1 retracted"));
        }

        @Test
        void aRetractedAssignmentNoLongerCovers() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            supersededBy("p1", "2018-03-01", "d1", DELIVERY), joinedPmo("p1", "2018-03-01"),
                            retracted("x1", "2019-01-01", "p1", "JOINED_PMO", "wrong person"),
                            retracted(consequence("x1", 2), "2019-01-01", consequence("p1", 1), "ASSIGNMENT_ENDED",
                                    "followed"))
                    // the delivery role is held again: a PMO role on the retracted one's day ends it
                    .when(joinPmo("p2", "2018-03-01"))
                    .expectEvents(supersededBy("p2", "2018-03-01", "d1", DELIVERY), joinedPmo("p2", "2018-03-01"));
        }

        @Test
        void cannotRetractTheOnlyDeliveryRoleBeforeARegainedOne() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            supersededBy("p1", "2018-03-01", "d1", DELIVERY), joinedPmo("p1", "2018-03-01"),
                            supersededBy("r1", "2020-01-01", "p1", PMO), deliveryRegained("r1", "2020-01-01"))
                    .when(retract("x1", "2021-01-01", "d1"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.REGAIN_WITHOUT_PRIOR_DELIVERY, "r1", "without a delivery role"));
        }

        @Test
        void cannotRetractTheTimeAwayBeforeARegainedDeliveryRole() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            supersededBy("p1", "2018-03-01", "d1", DELIVERY), joinedPmo("p1", "2018-03-01"),
                            supersededBy("r1", "2020-01-01", "p1", PMO), deliveryRegained("r1", "2020-01-01"))
                    .when(retract("x1", "2021-01-01", "p1"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.REGAIN_WHILE_DELIVERING, "r1"));
        }
    }

    @Nested
    class EffectiveDates {

        @Test
        void anEventDatedTodayAnywhereOnEarthIsAccepted() {
            fixture.given(registered("2015-01-01"))
                    .when(changeTeam("c1", "2025-06-16", "team-gemini"))
                    .expectEvents(teamChanged("c1", "2025-06-16", "team-gemini"));
        }

        @Test
        void cannotRecordAnEventDatedInTheFuture() {
            fixture.given(registered("2015-01-01"))
                    .when(startDelivery("d1", "2025-06-17"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.EFFECTIVE_DATE_OUT_OF_RANGE, "in the future"));
        }

        @Test
        void cannotRecordAnEventBeforeTheEarliestAcceptedDate() {
            fixture.given(registered("2015-01-01"))
                    .when(joinPmo("p1", "1949-12-31"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.EFFECTIVE_DATE_OUT_OF_RANGE, "1950-01-01"));
        }

        @Test
        void anEventOnTheEarliestAcceptedDateIsAccepted() {
            fixture.given(registered("2015-01-01"))
                    .when(joinPmo("p1", "1950-01-01"))
                    .expectEvents(joinedPmo("p1", "1950-01-01"));
        }
    }

    @Nested
    class ValuesInRange {

        @Test
        void administrativeLoadIsRecordedInWholePercent() {
            fixture.given(registered("2015-01-01"))
                    .when(recordAdministrativeLoad("a1", "2024-01-01", 100))
                    .expectEvents(administrativeLoad("a1", "2024-01-01", 100));
        }

        @Test
        void cannotRecordAdministrativeLoadAbove100Percent() {
            fixture.given(registered("2015-01-01"))
                    .when(recordAdministrativeLoad("a1", "2024-01-01", 101))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.VALUE_OUT_OF_RANGE, "percentOfTime", "101"));
        }

        @Test
        void aSkillIsAssessedOnTheOneToFiveScale() {
            fixture.given(registered("2015-01-01"))
                    .when(assessSkill("s1", "2024-01-01", Skill.ENTERPRISE_RISK, 5))
                    .expectEvents(skillAssessed("s1", "2024-01-01", Skill.ENTERPRISE_RISK, 5));
        }

        @Test
        void cannotAssessASkillOutsideTheScale() {
            fixture.given(registered("2015-01-01"))
                    .when(assessSkill("s1", "2024-01-01", Skill.ENTERPRISE_RISK, 0))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.VALUE_OUT_OF_RANGE, "level"));
        }
    }

    @Nested
    class OptimisticConcurrency {

        @Test
        void aCommandExpectingThePersonsCurrentSequenceIsRecorded() {
            fixture.given(registered("2015-01-01"), teamChanged("c1", "2016-01-01", "team-b"))
                    .when(new ChangeTeam(PERSON, 1L, d("2017-01-01"), rec("c2"), "team-c", null))
                    .expectEvents(teamChanged("c2", "2017-01-01", "team-c"));
        }

        @Test
        void aCommandExpectingAnOlderSequenceIsRefusedBecauseThePersonMovedOn() {
            fixture.given(registered("2015-01-01"), teamChanged("c1", "2016-01-01", "team-b"))
                    .when(new ChangeTeam(PERSON, 0L, d("2017-01-01"), rec("c2"), "team-c", null))
                    .expectNoEvents()
                    .expectException(instanceOf(ConflictingAggregateVersionException.class));
        }

        @Test
        void aStaleSequenceIsReportedBeforeAnyRuleItWouldAlsoBreak() {
            fixture.given(registered("2015-01-01"), teamChanged("c1", "2016-01-01", "team-b"))
                    .when(new RegainDeliveryRole(PERSON, 0L, d("2017-01-01"), rec("r1"), "project"))
                    .expectNoEvents()
                    .expectException(instanceOf(ConflictingAggregateVersionException.class));
        }
    }

    @Nested
    class WhoMayRecord {

        private Recording by(String role, String personId, String... managedTeams) {
            return new Recording("e1", "someone", NOW, new Caller("someone", personId, Set.of(Role.valueOf(role)),
                    Set.of(managedTeams)));
        }

        private ChangeTeam changeTeamBy(Recording recording) {
            return new ChangeTeam(PERSON_ID, null, d("2024-01-01"), recording, "team-b", null);
        }

        @Test
        void theManagerOfTheCurrentTeamMayAndTheOneOfAFormerTeamMayNot() {
            fixture.given(registeredAs(PERSON_ID, "team-apollo"))
                    .when(changeTeamBy(by("MANAGER", null, "team-apollo")))
                    .expectSuccessfulHandlerExecution();
            fixture.given(registeredAs(PERSON_ID, "team-apollo"),
                            new TeamChanged(PERSON_ID, "moved", d("2020-01-01"), BY, NOW, "team-gemini", null))
                    .when(changeTeamBy(by("MANAGER", null, "team-apollo")))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void anEmployeeOnlyForThemselves() {
            fixture.given(registeredAs(PERSON_ID, "team-apollo"))
                    .when(changeTeamBy(by("EMPLOYEE", PERSON_ID)))
                    .expectSuccessfulHandlerExecution();
            fixture.given(registeredAs(PERSON_ID, "team-apollo"))
                    .when(changeTeamBy(by("EMPLOYEE", "00000000-0000-0000-0000-000000000001")))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class Erasure {

        @Test
        void erasingRecordsNothingButTheFactAndWho() {
            fixture.given(registeredAs(PERSON_ID, "team-apollo"))
                    .when(new ErasePerson(PERSON_ID, new Recording("erased", BY, NOW)))
                    .expectEvents(new PersonErased(PERSON_ID, "erased", d("2025-06-15"), BY, NOW));
        }

        @Test
        void afterTheErasureThePersonIsGoneForEveryCommand() {
            fixture.given(registeredAs(PERSON_ID, "team-apollo"), new PersonErased(PERSON_ID, "erased", d("2025-06-15"),
                            BY, NOW))
                    .when(new ChangeTeam(PERSON_ID, null, d("2024-01-01"), rec("e1"), "team-b", null))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    private static final String PERSON_ID = "6f1d3c2a-1b2c-4d5e-8f90-123456789abc";

    private static PersonRegistered registeredAs(String personId, String team) {
        return new PersonRegistered(personId, "registered", d("2015-01-01"), BY, NOW, "Ada Lovelace", team);
    }
}
