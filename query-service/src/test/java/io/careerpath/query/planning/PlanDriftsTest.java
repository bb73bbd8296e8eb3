package io.careerpath.query.planning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.PmoType;
import io.careerpath.query.planning.PlanAnswer.Current;
import io.careerpath.query.planning.PlanAnswer.PersonPlan;
import io.careerpath.query.planning.PlanAnswer.PlannedQuarter;
import io.careerpath.query.planning.PlanAnswer.Quarter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a person's recorded role has left their accepted plan, as the board and the attention list ask: a plan accepted
 * on 2025-01-01 for four quarters (Jan, Apr, Jul, Oct 2025) in which Xia, delivering that day, holds a program-PMO seat
 * in quarters 1-2 and comes back to delivery for quarters 3-4; a planned move recorded within 30 days of its quarter's
 * start, before or after, fits. The plans are stored in a real Mongo-wire server, read back as each instance reads them.
 */
class PlanDriftsTest {

    private static final String XIA = "0a0a0a0a-0000-4000-8000-00000000000a";
    private static final LocalDate ACCEPTED = LocalDate.of(2025, 1, 1);

    private MongoServer server;
    private MongoClient client;
    private AcceptedPlans plans;
    private PlanDrifts drifts;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        plans = new AcceptedPlans(client.getDatabase("careerpath"),
                new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
        drifts = new PlanDrifts(plans, new PlanningProperties(Duration.ofDays(30), Duration.ZERO));
        plans.save(plan("p1", ACCEPTED, AssignmentKind.PMO, AssignmentKind.PMO, AssignmentKind.DELIVERY,
                AssignmentKind.DELIVERY));
        drifts.refresh();
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private Optional<PlanDrift> ongoing(AssignmentKind kind, PmoType type, String since, String day) {
        return drifts.ongoing(XIA, kind, type, since == null ? null : LocalDate.parse(since), LocalDate.parse(day),
                LocalDate.parse(day));
    }

    @Test
    void aPlannedMoveNotMadeIsOffPlanOnceTheGraceHasPassed() {
        assertThat(ongoing(AssignmentKind.DELIVERY, null, "2020-01-01", "2025-01-30")).isEmpty();

        PlanDrift drift = ongoing(AssignmentKind.DELIVERY, null, "2020-01-01", "2025-02-15").orElseThrow();
        assertThat(drift.planId()).isEqualTo("p1");
        assertThat(drift.from()).isEqualTo("2025-01-31");
        assertThat(drift.until()).isNull();
        assertThat(drift.plannedKind()).isEqualTo(AssignmentKind.PMO);
        assertThat(drift.detail()).isEqualTo("Delivery is recorded since 2025-01-31, where the plan has program PMO in "
                + "quarter 1");
    }

    @Test
    void anotherTypeOfPmoIsOffPlanFromItsStart() {
        PlanDrift drift = ongoing(AssignmentKind.PMO, PmoType.EXECUTIVE, "2025-01-05", "2025-02-15").orElseThrow();

        assertThat(drift.from()).isEqualTo("2025-01-05");
        assertThat(drift.detail()).isEqualTo("Executive PMO is recorded since 2025-01-05, where the plan has program PMO "
                + "in quarter 1");
    }

    @Test
    void aRotationBackMadeLateOrEarlyWithinTheGraceIsOnPlanAndOneNotMadeIsNot() {
        assertThat(ongoing(AssignmentKind.PMO, PmoType.PROGRAM, "2025-01-10", "2025-07-20")).as("late").isEmpty();
        assertThat(ongoing(AssignmentKind.DELIVERY, null, "2025-06-10", "2025-06-15")).as("early").isEmpty();

        PlanDrift stayed = ongoing(AssignmentKind.PMO, PmoType.PROGRAM, "2025-01-10", "2025-08-15").orElseThrow();
        assertThat(stayed.from()).isEqualTo("2025-07-31");
        assertThat(stayed.plannedKind()).isEqualTo(AssignmentKind.DELIVERY);
        assertThat(stayed.detail()).isEqualTo("Program PMO is recorded since 2025-07-31, where the plan has delivery in "
                + "quarter 3");
    }

    @Test
    void holdingNoRoleCountsAsDelivery() {
        assertThat(ongoing(null, null, null, "2025-08-15")).isEmpty();
        assertThat(ongoing(null, null, null, "2025-02-15").orElseThrow().detail())
                .isEqualTo("No role is recorded since 2025-01-31, where the plan has program PMO in quarter 1");
    }

    @Test
    void aPlanCountsOnlyOverItsQuartersAndFromTheDayItWasAccepted() {
        assertThat(ongoing(AssignmentKind.DELIVERY, null, "2020-01-01", "2026-02-01")).as("after its end").isEmpty();
        assertThat(drifts.ongoing(XIA, AssignmentKind.DELIVERY, null, LocalDate.parse("2020-01-01"),
                LocalDate.parse("2025-02-15"), LocalDate.parse("2024-12-31"))).as("known before it was accepted").isEmpty();
        assertThat(drifts.ongoing("someone-else", AssignmentKind.PMO, PmoType.EXECUTIVE, null,
                LocalDate.parse("2025-02-15"), LocalDate.parse("2025-02-15"))).as("not in the plan").isEmpty();
    }

    @Test
    void theLatestAcceptedPlanTakesOverFromTheDayItWasAccepted() {
        // re-solved on 2025-03-01: Xia stays in delivery throughout
        plans.save(plan("p2", LocalDate.of(2025, 3, 1), AssignmentKind.DELIVERY, AssignmentKind.DELIVERY,
                AssignmentKind.DELIVERY, AssignmentKind.DELIVERY));
        drifts.refresh();

        assertThat(ongoing(AssignmentKind.DELIVERY, null, "2020-01-01", "2025-04-15")).isEmpty();
        assertThat(drifts.ongoing(XIA, AssignmentKind.DELIVERY, null, LocalDate.parse("2020-01-01"),
                LocalDate.parse("2025-02-15"), LocalDate.parse("2025-02-28"))).map(PlanDrift::planId).contains("p1");
    }

    /** Xia's plan, accepted and starting on {@code from}, one role per quarter (PMO: a program-PMO seat). */
    private static PlanAnswer plan(String id, LocalDate from, AssignmentKind... roles) {
        List<Quarter> quarters = new ArrayList<>();
        List<PlannedQuarter> schedule = new ArrayList<>();
        for (int quarter = 0; quarter < roles.length; quarter++) {
            quarters.add(new Quarter(quarter + 1, from.plusMonths(3L * quarter), from.plusMonths(3L * (quarter + 1))));
            boolean pmo = roles[quarter] == AssignmentKind.PMO;
            schedule.add(new PlannedQuarter(quarter + 1, roles[quarter], pmo ? PmoType.PROGRAM : null, pmo ? "1-1" : null,
                    null, false, null, null, false));
        }
        PersonPlan xia = new PersonPlan(XIA, null, "t1", new Current(AssignmentKind.DELIVERY, null, 60), schedule);
        return new PlanAnswer(id, List.of("t1"), from, quarters, 0, "0hard/0medium/0soft", true, false, 0.6, List.of(xia),
                List.of(), List.of(), Instant.parse(from + "T09:00:00Z"), "m", null, List.of());
    }
}
