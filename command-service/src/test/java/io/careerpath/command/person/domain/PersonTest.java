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
                    .expectException(violates(CareerRule.EFFECTIVE_DATE_OUT_OF_RANGE, null, "effectiveDate", "17 Jun 2025 is in the future (today is 16 Jun 2025 at the latest): record events once they have happened."));
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
                    .expectException(violates(CareerRule.ASSIGNMENT_OVERLAP, "d1", "effectiveDate", "The delivery role from 1 Feb 2015 begins on the same day: a person holds one assignment at a time. If this organizational PMO role replaces it, retract that one first."));
        }

        @Test
        void cannotBeginASecondAssignmentInsideAPeriodAlreadyCovered() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            supersededBy("p1", "2018-03-01", "d1", DELIVERY), joinedPmo("p1", "2018-03-01"))
                    .when(takeTroubledProgram("t1", "2016-05-01"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.ASSIGNMENT_OVERLAP, "d1", "effectiveDate", "The delivery role"
                            + " from 1 Feb 2015 is still held on 1 May 2016 (it lasts until 1 Mar 2018), and a person"
                            + " holds one assignment at a time: record when it ended first, or retract it."));
        }

        @Test
        void cannotBeginAnAssignmentInsideOneThatWasEndedLater() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            ended("e1", "2017-01-01", "d1", DELIVERY, COMPLETED))
                    .when(joinPmo("p1", "2016-05-01"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.ASSIGNMENT_OVERLAP, "d1", "effectiveDate", "The delivery role from 1 Feb 2015 is still held on 1 May 2016 (it lasts until 1 Jan 2017), and a person holds one assignment at a time: if it ended earlier, retract its recorded end and record the right one first."));
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
                    .expectException(violates(CareerRule.ASSIGNMENT_OVERLAP, "lasts until 1 Mar 2018"));
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
                    .expectException(violates(CareerRule.REGAIN_WHILE_DELIVERING, "would put"));
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
                    .expectException(violates(CareerRule.REGAIN_WHILE_DELIVERING, null, "type", "On 1 Jan 2016 the person"
                            + " is still in the delivery role from 1 Feb 2015, with no time away from delivery: record a"
                            + " new project while delivering as a new delivery role; a return to delivery is for coming"
                            + " back after time away."));
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
                    .expectException(violates(CareerRule.REGAIN_WITHOUT_PRIOR_DELIVERY, null, "type", "There is no delivery role before 1 Jan 2017, so none to return to: record a first delivery role as a new delivery role instead."));
        }

        @Test
        void cannotRegainADeliveryRoleThatOnlyBeginsLater() {
            fixture.given(registered("2015-01-01"), joinedPmo("p1", "2015-02-01"),
                            ended("e1", "2016-01-01", "p1", PMO, COMPLETED), deliveryStarted("d1", "2019-01-01"))
                    .when(regainDelivery("r1", "2017-01-01"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.REGAIN_WITHOUT_PRIOR_DELIVERY, "no delivery role before 1 Jan 2017"));
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
                    .expectException(violates(CareerRule.INVALID_OUTCOME, null, "outcome", "The troubled program from 1 Jan 2019 ends with an outcome: choose rescued, cancelled or handed over."));
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
                    .expectException(violates(CareerRule.INVALID_OUTCOME, null, "outcome", "Rescued is for troubled programs only: the delivery role from 1 Feb 2015 ends completed or without an outcome."));
        }

        @Test
        void cannotEndAnAssignmentWhenNoneIsHeld() {
            fixture.given(registered("2015-01-01"))
                    .when(endAssignment("e1", "2016-01-01", COMPLETED))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.NO_ASSIGNMENT_TO_END, null, "effectiveDate", "No assignment began before 1 Jan 2016, so there is none to end on that day: check the date."));
        }

        @Test
        void cannotEndAnAssignmentAfterItEnded() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            ended("e1", "2016-01-01", "d1", DELIVERY, COMPLETED))
                    .when(endAssignment("e2", "2016-06-01", COMPLETED))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.NO_ASSIGNMENT_TO_END, "e1", "effectiveDate", "The latest assignment before 1 Jun 2016, the delivery role from 1 Feb 2015, already ended on 1 Jan 2016: none is held on 1 Jun 2016 to end."));
        }

        @Test
        void cannotEndAnAssignmentTwice() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            ended("e1", "2016-01-01", "d1", DELIVERY, COMPLETED))
                    .when(endAssignment("e2", "2015-10-01", COMPLETED))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.ASSIGNMENT_ALREADY_ENDED, "e1", "effectiveDate", "The delivery role from 1 Feb 2015 already ended on 1 Jan 2016: to record a different end, retract that one first."));
        }

        @Test
        void recordingTheRealEndReplacesTheEndImpliedByTheNextAssignment() {
            fixture.given(registered("2015-01-01"), tookTroubledProgram("t1", "2019-01-01"),
                            supersededBy("p1", "2021-01-01", "t1", TROUBLED_PROGRAM), joinedPmo("p1", "2021-01-01"))
                    .when(endAssignment("e1", "2020-06-30", RESCUED))
                    .expectEvents(
                            retracted(consequence("e1", 1), "2020-06-30", consequence("p1", 1), "ASSIGNMENT_ENDED",
                                    "Replaced by the end recorded on 30 Jun 2020"),
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
                    .expectException(violates(CareerRule.EVENT_ALREADY_RETRACTED, "s1", "eventId", "The skill assessment of 1 Jan 2024 is already retracted: there is nothing more to do."));
        }

        @Test
        void cannotRetractAnEventThatDoesNotExist() {
            fixture.given(registered("2015-01-01"))
                    .when(retract("x1", "2024-02-01", "no-such-event"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.RETRACTED_EVENT_NOT_FOUND, null, "eventId", "This person's history has no such event to retract: choose one of their recorded events."));
        }

        @Test
        void cannotRetractARegistrationOrARetraction() {
            fixture.given(registered("2015-01-01"))
                    .when(retract("x1", "2024-02-01", "registered"))
                    .expectException(violates(CareerRule.EVENT_NOT_RETRACTABLE, "registered", "eventId", "A registration cannot be retracted: to correct the team, record a team change; erasing a person is a separate process."));
            fixture.given(registered("2015-01-01"), skillAssessed("s1", "2024-01-01", Skill.LEADERSHIP, 4),
                            retracted("x1", "2024-02-01", "s1", "SKILL_ASSESSED", "typo"))
                    .when(retract("x2", "2024-02-02", "x1"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.EVENT_NOT_RETRACTABLE, "x1", "eventId", "A retraction cannot be retracted: record the event again instead."));
        }

        @Test
        void cannotRetractAnEndThatFollowsFromTheNextAssignment() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            supersededBy("p1", "2018-03-01", "d1", DELIVERY), joinedPmo("p1", "2018-03-01"))
                    .when(retract("x1", "2019-01-01", consequence("p1", 1)))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.EVENT_NOT_RETRACTABLE, consequence("p1", 1), "eventId", "This end only follows from the organizational PMO role from 1 Mar 2018 beginning: retract that one, or record when the assignment really ended, which replaces this end."));
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
                                    "Ended the organizational PMO role from 1 Mar 2018, which was retracted"),
                            retracted(consequence("x1", 2), "2021-01-01", consequence("p1", 1), "ASSIGNMENT_ENDED",
                                    "Followed from the organizational PMO role from 1 Mar 2018, which was retracted"));
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
                    .expectException(violates(CareerRule.REGAIN_WITHOUT_PRIOR_DELIVERY, "r1", null, "This would leave the return to delivery from 1 Jan 2020 without a delivery role before it: retract or correct that one first."));
        }

        @Test
        void cannotRetractTheTimeAwayBeforeARegainedDeliveryRole() {
            fixture.given(registered("2015-01-01"), deliveryStarted("d1", "2015-02-01"),
                            supersededBy("p1", "2018-03-01", "d1", DELIVERY), joinedPmo("p1", "2018-03-01"),
                            supersededBy("r1", "2020-01-01", "p1", PMO), deliveryRegained("r1", "2020-01-01"))
                    .when(retract("x1", "2021-01-01", "p1"))
                    .expectNoEvents()
                    .expectException(violates(CareerRule.REGAIN_WHILE_DELIVERING, "r1", null, "This would put the return to delivery from 1 Jan 2020 straight after the delivery role from 1 Feb 2015, with no time away from delivery before it."));
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
                    .expectException(violates(CareerRule.EFFECTIVE_DATE_OUT_OF_RANGE, null, "effectiveDate", "31 Dec 1949 is before 1 Jan 1950, the earliest date the platform accepts: check the date."));
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
                    .expectException(violates(CareerRule.VALUE_OUT_OF_RANGE, null, "percentOfTime", "The share of time on administrative work must be between 0 and 100, not 101."));
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
                    .when(new ChangeTeam(PERSON, 1L, d("2017-01-01"), rec("c2"), "team-c", null, null))
                    .expectEvents(teamChanged("c2", "2017-01-01", "team-c"));
        }

        @Test
        void aCommandExpectingAnOlderSequenceIsRefusedBecauseThePersonMovedOn() {
            fixture.given(registered("2015-01-01"), teamChanged("c1", "2016-01-01", "team-b"))
                    .when(new ChangeTeam(PERSON, 0L, d("2017-01-01"), rec("c2"), "team-c", null, null))
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
            return new ChangeTeam(PERSON_ID, null, d("2024-01-01"), recording, "team-b", null, null);
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
                    .when(new ChangeTeam(PERSON_ID, null, d("2024-01-01"), rec("e1"), "team-b", null, null))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    private static final String PERSON_ID = "6f1d3c2a-1b2c-4d5e-8f90-123456789abc";

    private static PersonRegistered registeredAs(String personId, String team) {
        return new PersonRegistered(personId, "registered", d("2015-01-01"), BY, NOW, "Ada Lovelace", team);
    }
}
