package io.careerpath.query.api;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import io.careerpath.events.CareerEvent;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.EventRetracted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.PmoType;
import io.careerpath.events.Skill;
import io.careerpath.events.SkillAssessed;
import io.careerpath.events.TeamChanged;
import io.careerpath.query.history.HistoryWrites;
import io.careerpath.query.history.PersonHistoryProjection;
import io.careerpath.query.history.ReadModelGenerations;
import io.careerpath.query.keys.TestKeys;
import io.careerpath.security.PersonalData;
import io.careerpath.security.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The people of the API tests (today is 2025-06-01), their events sealed with their keys as the
 * command service seals them:
 * <ul>
 *   <li>team {@code t1} (managed by the manager): A (the employee), B, E (moving to t2 on 2025-09-01,
 *       still in t1 today), F; and C, who was in t1 until 2024-01-01 and is in t2 now;</li>
 *   <li>team {@code t2}: D, and C now;</li>
 *   <li>team {@code mgmt}: the manager, the PMO lead and the HR administrator themselves.</li>
 * </ul>
 */
public class ApiFixture {

    public static final String T1 = "t1";
    public static final String T2 = "t2";
    public static final String A = "aaaaaaaa-0000-4000-8000-000000000001";
    public static final String B = "bbbbbbbb-0000-4000-8000-000000000002";
    public static final String C = "cccccccc-0000-4000-8000-000000000003";
    public static final String D = "dddddddd-0000-4000-8000-000000000004";
    public static final String E = "eeeeeeee-0000-4000-8000-000000000005";
    public static final String F = "ffffffff-0000-4000-8000-000000000006";
    public static final String MANAGER = "11111111-0000-4000-8000-00000000000a";
    public static final String PMO_LEAD = "22222222-0000-4000-8000-00000000000b";
    public static final String HR_ADMIN = "33333333-0000-4000-8000-00000000000c";
    private static final Instant RECORDED = Instant.parse("2025-01-15T09:00:00Z");

    @Autowired
    private PersonHistoryProjection projection;
    @Autowired
    private ReadModelGenerations generations;
    @Autowired
    private TestKeys keys;

    private final Map<String, String> names = new HashMap<>();
    private boolean seeded;

    /** The people above, once per application context. */
    public synchronized ApiFixture seeded() {
        if (seeded) {
            return this;
        }
        seeded = true;
        person(A, "Ada Lovelace", T1, "2015-01-01");
        record(new DeliveryRoleStarted(A, "a-d1", date("2015-01-01"), A, RECORDED, seal(A, "Apollo")));
        record(new JoinedPmo(A, "a-p1", date("2021-01-01"), A, RECORDED, PmoType.PROGRAM, seal(A, "PMO North"),
                DeliveryResponsibility.NONE));
        record(new SkillAssessed(A, "a-s1", date("2022-01-01"), MANAGER, RECORDED, Skill.LEADERSHIP, 4, seal(A, "Mia Manager")));
        record(new JoinedPmo(A, "a-p2", date("2022-06-01"), A, RECORDED, PmoType.EXECUTIVE, seal(A, "Mistake"), DeliveryResponsibility.NONE));
        record(new EventRetracted(A, "a-r1", date("2022-06-02"), A, RECORDED, "a-p2", "JOINED_PMO", seal(A, "recorded by mistake")));
        person(B, "Bob Byte", T1, "2016-01-01");
        record(new DeliveryRoleStarted(B, "b-d1", date("2016-01-01"), B, RECORDED, seal(B, "Gemini")));
        person(C, "Cleo Moved", T1, "2015-01-01");
        record(new TeamChanged(C, "c-t1", date("2024-01-01"), MANAGER, RECORDED, T2, null));
        person(D, "Dan Other", T2, "2015-01-01");
        person(E, "Eve Future", T1, "2017-01-01");
        record(new TeamChanged(E, "e-t1", date("2025-09-01"), MANAGER, RECORDED, T2, null));
        person(F, "Fay Fifth", T1, "2018-01-01");
        person(MANAGER, "Mia Manager", "mgmt", "2010-01-01");
        person(PMO_LEAD, "Pat Pmo", "mgmt", "2010-01-01");
        person(HR_ADMIN, "Hal Hr", "mgmt", "2010-01-01");
        return this;
    }

    public String nameOf(String personId) {
        return names.get(personId);
    }

    /** Registers a person with a new key, as the command service does. */
    public void person(String personId, String name, String teamId, String since) {
        keys.newKeyFor(personId);
        names.put(personId, name);
        record(new PersonRegistered(personId, "reg-" + personId, date(since), "hr", RECORDED, seal(personId, name), teamId));
    }

    public String seal(String personId, String plaintext) {
        return PersonalData.seal(keys.keyOf(personId), personId, plaintext);
    }

    private final Map<String, Long> sequences = new HashMap<>();

    /** Projects the event as the next of its person, as the live projection would. */
    public void record(CareerEvent event) {
        long sequence = sequences.merge(event.personId(), 0L, (last, zero) -> last + 1);
        HistoryWrites writes = projection.writesInto(generations.active());
        writes.add(event, sequence, "m-" + event.eventId());
        writes.flush();
    }

    public static String newPersonId() {
        return UUID.randomUUID().toString();
    }

    private static LocalDate date(String day) {
        return LocalDate.parse(day);
    }

    /** The caller each role stands for in these tests: its own person, and t1 as the managed team. */
    public static RequestPostProcessor as(Role role) {
        return switch (role) {
            case EMPLOYEE -> caller("account-a", A, List.of("EMPLOYEE"), List.of());
            case MANAGER -> caller("account-m", MANAGER, List.of("MANAGER"), List.of(T1));
            case PMO_LEAD -> caller("account-p", PMO_LEAD, List.of("PMO_LEAD"), List.of());
            case HR_ADMIN -> caller("account-h", HR_ADMIN, List.of("HR_ADMIN"), List.of());
        };
    }

    /** The caller's own person in these tests. */
    public static String ownPerson(Role role) {
        return switch (role) {
            case EMPLOYEE -> A;
            case MANAGER -> MANAGER;
            case PMO_LEAD -> PMO_LEAD;
            case HR_ADMIN -> HR_ADMIN;
        };
    }

    public static RequestPostProcessor caller(String subject, String personId, List<String> roles, List<String> teams) {
        return jwt().jwt(token -> token.subject(subject)
                .claim("person_id", personId)
                .claim("roles", roles)
                .claim("managed_teams", teams)
                .audience(List.of("careerpath-api")));
    }
}
