package io.careerpath.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.events.AdministrativeLoadRecorded;
import io.careerpath.events.AssignmentEnded;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.PmoType;
import io.careerpath.events.RegainedDeliveryRole;
import io.careerpath.events.Skill;
import io.careerpath.events.SkillAssessed;
import io.careerpath.events.TookTroubledProgram;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The planner row's organization (docs/performance.md, "planner"): teams of 20 people with careers as varied as a real
 * delivery organization's, and the planning request a PMO lead would send for them ({@code POST /api/plans}'s body).
 * Deterministic (one seeded {@link Random}, ids from the person's number, a fixed "today"): every run plans the same
 * problem with the same seed.
 *
 * <p>Who is who, drawn per person: a quarter in a PMO today (program half the time, organizational 30 %, executive
 * 20 %; joined 1 to 36 months ago after 2 to 10 years of delivery; 30 % of them still partly answering for delivery,
 * administrative loads of 20 to 55 %), one in twenty in a troubled program (taken 1 to 12 months ago), a quarter back
 * in delivery after a PMO stint of 1 to 4 years (back 3 months to 6 years ago), the rest in delivery only (for 3 months
 * to 15 years, new joiners included). Delivery execution assessed (level 3 or 4) 18 months into the first delivery
 * role, and again (level 2 to 4) on leaving it for a PMO or a troubled program; delivery loads of 5 to 25 %. One in ten
 * of those in delivery today said they do not want a PMO role.
 */
final class PlannerOrganization {

    /** "Today" for the planner row: fixed, so that the problem (every date in it) is the same in every run. */
    static final LocalDate TODAY = LocalDate.of(2026, 1, 5);
    static final int TEAM_SIZE = 20;
    private static final String RUN = "planner";
    private static final String RECORDED_BY = "benchmark";
    private static final Instant RECORDED_AT = TODAY.atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The people's careers (each in recording order), the teams, and who does not want a PMO role. */
    record Organization(List<List<CareerEvent>> careers, List<String> teams, List<String> unwilling) {
    }

    private PlannerOrganization() {
    }

    static Organization of(int people) {
        Random random = new Random(19);
        List<List<CareerEvent>> careers = new ArrayList<>();
        List<String> teams = new ArrayList<>();
        List<String> unwilling = new ArrayList<>();
        for (int n = 0; n < people; n++) {
            String team = Careers.teamId(RUN, n / TEAM_SIZE);
            if (!teams.contains(team)) {
                teams.add(team);
            }
            Career career = new Career(Careers.personId(RUN, n));
            double who = random.nextDouble();
            if (who < 0.25) {
                int away = 1 + random.nextInt(36);
                LocalDate joined = TODAY.minusMonths(away);
                career.delivery(n, team, joined.minusMonths(24 + random.nextInt(97)), random);
                PmoType type = pmoType(random);
                career.leaveDeliveryFor(joined, new JoinedPmo(career.personId, career.nextId(), joined, RECORDED_BY,
                        RECORDED_AT, type, "PMO " + n % 7, random.nextDouble() < 0.3 ? DeliveryResponsibility.PARTIAL
                        : DeliveryResponsibility.NONE), 20 + random.nextInt(36), random);
            } else if (who < 0.30) {
                LocalDate took = TODAY.minusMonths(1 + random.nextInt(12));
                career.delivery(n, team, took.minusMonths(24 + random.nextInt(97)), random);
                career.leaveDeliveryFor(took, new TookTroubledProgram(career.personId, career.nextId(), took, RECORDED_BY,
                        RECORDED_AT, "Program " + n % 11), 10 + random.nextInt(21), random);
            } else if (who < 0.55) {
                LocalDate back = TODAY.minusMonths(3 + random.nextInt(70));
                LocalDate joined = back.minusMonths(12 + random.nextInt(37));
                career.delivery(n, team, joined.minusMonths(24 + random.nextInt(97)), random);
                career.leaveDeliveryFor(joined, new JoinedPmo(career.personId, career.nextId(), joined, RECORDED_BY,
                        RECORDED_AT, pmoType(random), "PMO " + n % 7, DeliveryResponsibility.NONE),
                        20 + random.nextInt(36), random);
                career.regainDelivery(back, n, random);
            } else {
                career.delivery(n, team, TODAY.minusMonths(3 + random.nextInt(178)), random);
            }
            boolean delivering = who >= 0.30;
            if (delivering && random.nextDouble() < 0.1) {
                unwilling.add(career.personId);
            }
            careers.add(career.events);
        }
        return new Organization(careers, teams, unwilling);
    }

    private static PmoType pmoType(Random random) {
        double type = random.nextDouble();
        return type < 0.5 ? PmoType.PROGRAM : type < 0.8 ? PmoType.ORGANIZATIONAL : PmoType.EXECUTIVE;
    }

    /**
     * The full row's request: 20 seats over 8 quarters. Eight program-PMO seats (five from quarter 1 at 25 %
     * administrative load, three from quarter 3 sharing delivery, PARTIAL), three executive-PMO seats (30 %), five
     * organizational-PMO seats (35 %; two of them from quarter 2), and four troubled programs of three quarters each,
     * staggered (from quarters 1, 2, 4 and 6, at their holder's own load). The planner's defaults otherwise: 6 months'
     * minimum stay, 2 moves per team per quarter, the 10 s time limit, seed 0.
     */
    static String fullRequest(Organization organization) {
        List<Map<String, Object>> seats = new ArrayList<>();
        seats.add(pmo("PROGRAM", "Program PMO", 5, 1, null, 25));
        seats.add(pmo("PROGRAM", "Program PMO, delivering", 3, 3, "PARTIAL", 25));
        seats.add(pmo("EXECUTIVE", "Executive PMO", 3, 1, null, 30));
        seats.add(pmo("ORGANIZATIONAL", "Organizational PMO", 3, 1, null, 35));
        seats.add(pmo("ORGANIZATIONAL", "Organizational PMO, second wave", 2, 2, null, 35));
        seats.add(troubled("Orion", 1, 3));
        seats.add(troubled("Vega", 2, 3));
        seats.add(troubled("Lyra", 4, 3));
        seats.add(troubled("Draco", 6, 3));
        return request(organization, 8, seats, null);
    }

    /**
     * The smoke size's request: 5 seats over 4 quarters, of the same kinds, with a time limit of 3 s: the smoke run
     * solves it three times, and on a loaded machine each solve would otherwise run to the default 10 s.
     */
    static String smokeRequest(Organization organization) {
        List<Map<String, Object>> seats = new ArrayList<>();
        seats.add(pmo("PROGRAM", "Program PMO", 1, 1, null, 25));
        seats.add(pmo("PROGRAM", "Program PMO, delivering", 1, 2, "PARTIAL", 25));
        seats.add(pmo("EXECUTIVE", "Executive PMO", 1, 1, null, 30));
        seats.add(pmo("ORGANIZATIONAL", "Organizational PMO", 1, 1, null, 35));
        seats.add(troubled("Orion", 2, 2));
        return request(organization, 4, seats, 3);
    }

    private static String request(Organization organization, int quarters, List<Map<String, Object>> seats,
                                  Integer timeLimitSeconds) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("teams", organization.teams());
        request.put("seats", seats);
        request.put("horizonQuarters", quarters);
        request.put("unwilling", organization.unwilling());
        request.put("seed", 0);
        if (timeLimitSeconds != null) {
            request.put("timeLimitSeconds", timeLimitSeconds);
        }
        try {
            return JSON.writeValueAsString(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> pmo(String type, String name, int count, int firstQuarter,
                                           String deliveryResponsibility, int load) {
        Map<String, Object> seat = new LinkedHashMap<>();
        seat.put("kind", "PMO");
        seat.put("pmoType", type);
        seat.put("name", name);
        seat.put("count", count);
        seat.put("firstQuarter", firstQuarter);
        if (deliveryResponsibility != null) {
            seat.put("deliveryResponsibility", deliveryResponsibility);
        }
        seat.put("adminLoadPercent", load);
        return seat;
    }

    private static Map<String, Object> troubled(String name, int firstQuarter, int quarters) {
        return new LinkedHashMap<>(Map.of("kind", "TROUBLED_PROGRAM", "name", name, "firstQuarter", firstQuarter,
                "quarters", quarters));
    }

    /** One career being written, event by event, with the ends of assignments the platform records itself. */
    private static final class Career {
        final String personId;
        final List<CareerEvent> events = new ArrayList<>();
        private String currentAssignment;
        private AssignmentKind currentKind;

        Career(String personId) {
            this.personId = personId;
        }

        private int ids;

        /** A new event id, the same in every run: the person's id and a counter. */
        String nextId() {
            return UUID.nameUUIDFromBytes((personId + "/" + ids++).getBytes(StandardCharsets.UTF_8)).toString();
        }

        /** Registered and delivering from {@code start}, assessed 18 months in, with a delivery load recorded. */
        void delivery(int n, String team, LocalDate start, Random random) {
            events.add(new PersonRegistered(personId, nextId(), start, RECORDED_BY, RECORDED_AT, Careers.name(n), team));
            DeliveryRoleStarted role = new DeliveryRoleStarted(personId, nextId(), start, RECORDED_BY, RECORDED_AT,
                    "Project " + n % 97);
            events.add(role);
            started(role.eventId(), AssignmentKind.DELIVERY);
            events.add(new AdministrativeLoadRecorded(personId, nextId(), start, RECORDED_BY, RECORDED_AT,
                    5 + random.nextInt(21)));
            LocalDate assessed = start.plusMonths(18);
            if (assessed.isBefore(TODAY)) {
                events.add(new SkillAssessed(personId, nextId(), assessed, RECORDED_BY, RECORDED_AT,
                        Skill.DELIVERY_EXECUTION, 3 + random.nextInt(2), "manager-" + n % 13));
            }
        }

        /** Assessed the day before, the delivery role's end, then {@code next} (a PMO or troubled program) and its load. */
        void leaveDeliveryFor(LocalDate day, CareerEvent next, int load, Random random) {
            events.add(new SkillAssessed(personId, nextId(), day.minusDays(1), RECORDED_BY, RECORDED_AT,
                    Skill.DELIVERY_EXECUTION, 2 + random.nextInt(3), "assessor"));
            end(day, next.eventId());
            events.add(next);
            started(next.eventId(), next instanceof TookTroubledProgram ? AssignmentKind.TROUBLED_PROGRAM : AssignmentKind.PMO);
            events.add(new AdministrativeLoadRecorded(personId, nextId(), day, RECORDED_BY, RECORDED_AT, load));
        }

        void regainDelivery(LocalDate day, int n, Random random) {
            String regainedId = nextId();
            end(day, regainedId);
            events.add(new RegainedDeliveryRole(personId, regainedId, day, RECORDED_BY, RECORDED_AT, "Project " + n % 89));
            started(regainedId, AssignmentKind.DELIVERY);
            events.add(new AdministrativeLoadRecorded(personId, nextId(), day, RECORDED_BY, RECORDED_AT,
                    5 + random.nextInt(21)));
        }

        private void end(LocalDate day, String supersededBy) {
            events.add(new AssignmentEnded(personId, nextId(), day, RECORDED_BY, RECORDED_AT, currentAssignment,
                    currentKind, null, supersededBy));
        }

        private void started(String eventId, AssignmentKind kind) {
            currentAssignment = eventId;
            currentKind = kind;
        }
    }
}
