package io.careerpath.benchmarks;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * Made-up careers: nine events per person, a delivery role, a PMO role with its administrative load,
 * two assessments and the return to delivery, with the ends of the assignments the platform itself
 * records. Deterministic: person {@code n} of a run always has the same ids.
 */
final class Careers {

    static final int EVENTS_PER_PERSON = 9;
    static final String RECORDED_BY = "benchmark";
    /** Axon's aggregate type for the command service's {@code Person}. */
    private static final String AGGREGATE_TYPE = "Person";

    private Careers() {
    }

    static String personId(String run, int n) {
        return UUID.nameUUIDFromBytes((run + "/person/" + n).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Given names and family names, accents and all, so that the name search meets names as varied as a real staff's. */
    private static final String[] GIVEN = {"Maria", "José", "Zoë", "Liam", "Aisha", "Chen", "Fatima", "Noah", "Ingrid",
        "Mateo", "Priya", "Oluwaseun", "Hana", "Lucas", "Amélie", "Sven", "Yuki", "Kwame", "Elena", "Dmitri", "Sofía",
        "Tariq", "Marta", "Jonas", "Leila", "Ravi", "Chloé", "Björn", "Nadia", "Omar", "Grace", "Henrik", "Ana", "Jun",
        "Laura", "Pedro", "Ewa", "Samuel", "Mei", "Andrés"};
    private static final String[] FAMILY = {"García", "Müller", "Ångström", "Nguyen", "Okafor", "Rossi", "Kowalski",
        "Smith", "Johansson", "Martínez", "Dubois", "Yamamoto", "Novak", "Haddad", "Silva", "Schmidt", "O'Brien",
        "Fernández", "Jensen", "Kim", "Patel", "Lefèvre", "Nowak", "Horvath", "Costa", "Andersen", "Wójcik", "Ivanova",
        "López", "Brown", "Tanaka", "Mendes", "Virtanen", "Øster", "Bauer", "Santos", "Cohen", "Lindqvist", "Moreau",
        "Petrov", "Wirth", "Zoric", "Duarte", "Ibrahim", "Chowdhury", "Weber", "Rahman", "Marino", "Dahl", "Ortiz"};

    /** Person {@code n}'s name: 2,000 combinations, each shared by a few people at 100,000, as names are. */
    static String name(int n) {
        return GIVEN[n % GIVEN.length] + " " + FAMILY[(n / GIVEN.length) % FAMILY.length];
    }

    static String teamId(String run, int team) {
        return run + "-team-" + team;
    }

    /** The ids of a person's nine events, the same in every run. */
    private static String[] eventIds(String personId) {
        String[] ids = new String[EVENTS_PER_PERSON];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.nameUUIDFromBytes((personId + "/" + i).getBytes(StandardCharsets.UTF_8)).toString();
        }
        return ids;
    }

    /** Person {@code n}'s career in recording order: an event's index is its sequence number. */
    static List<CareerEvent> of(String personId, String teamId, int n, Instant recordedAt) {
        LocalDate start = LocalDate.of(2008, 1, 7).plusDays(n % 1000);
        String[] ids = eventIds(personId);
        LocalDate pmo = start.plusYears(3);
        LocalDate back = start.plusYears(6);
        return List.of(
                new PersonRegistered(personId, ids[0], start, RECORDED_BY, recordedAt, name(n), teamId),
                new DeliveryRoleStarted(personId, ids[1], start, RECORDED_BY, recordedAt, "Project " + n % 97),
                new SkillAssessed(personId, ids[2], start.plusMonths(18), RECORDED_BY, recordedAt,
                        Skill.DELIVERY_EXECUTION, 4, "manager-" + n % 13),
                new AssignmentEnded(personId, ids[3], pmo, RECORDED_BY, recordedAt, ids[1], AssignmentKind.DELIVERY,
                        null, ids[4]),
                new JoinedPmo(personId, ids[4], pmo, RECORDED_BY, recordedAt, PmoType.values()[n % 3], "PMO " + n % 7,
                        DeliveryResponsibility.NONE),
                new AdministrativeLoadRecorded(personId, ids[5], pmo.plusMonths(6), RECORDED_BY, recordedAt, 20 + n % 40),
                new SkillAssessed(personId, ids[6], start.plusYears(5), RECORDED_BY, recordedAt,
                        Skill.DELIVERY_EXECUTION, 3, "manager-" + n % 13),
                new AssignmentEnded(personId, ids[7], back, RECORDED_BY, recordedAt, ids[4], AssignmentKind.PMO, null,
                        ids[8]),
                new RegainedDeliveryRole(personId, ids[8], back, RECORDED_BY, recordedAt, "Project " + n % 89));
    }

    /**
     * Person {@code n}'s career as an organisation's read side holds it today: every fourth person is in a PMO role now
     * (joined 1 to 36 months before {@code today}, administrative loads of 20 to 59 % recorded in it), the others back
     * in delivery years ago ({@link #of}). Nine events either way. Without people away from delivery now, the list of
     * who needs attention would be empty: rotate-back dates and the overload flag are about people in a PMO role today.
     */
    static List<CareerEvent> asToday(String personId, String teamId, int n, Instant recordedAt, LocalDate today) {
        if (n % 4 != 0) {
            return of(personId, teamId, n, recordedAt);
        }
        String[] ids = eventIds(personId);
        LocalDate pmo = today.minusMonths(1 + (n / 4) % 36);
        LocalDate start = pmo.minusYears(3).minusDays(n % 300);
        // a fortnight after joining: at least two weeks ago, so in the past whatever the services' zone
        LocalDate secondLoad = pmo.plusDays(14);
        return List.of(
                new PersonRegistered(personId, ids[0], start, RECORDED_BY, recordedAt, name(n), teamId),
                new DeliveryRoleStarted(personId, ids[1], start, RECORDED_BY, recordedAt, "Project " + n % 97),
                new SkillAssessed(personId, ids[2], start.plusMonths(18), RECORDED_BY, recordedAt,
                        Skill.DELIVERY_EXECUTION, 4, "manager-" + n % 13),
                new SkillAssessed(personId, ids[3], pmo.minusDays(1), RECORDED_BY, recordedAt,
                        Skill.CHANGE_MANAGEMENT, 3, "manager-" + n % 13),
                new SkillAssessed(personId, ids[4], pmo.minusDays(1), RECORDED_BY, recordedAt,
                        Skill.DELIVERY_EXECUTION, 3, "manager-" + n % 13),
                new AssignmentEnded(personId, ids[5], pmo, RECORDED_BY, recordedAt, ids[1], AssignmentKind.DELIVERY,
                        null, ids[6]),
                new JoinedPmo(personId, ids[6], pmo, RECORDED_BY, recordedAt, PmoType.values()[n % 3], "PMO " + n % 7,
                        DeliveryResponsibility.NONE),
                new AdministrativeLoadRecorded(personId, ids[7], pmo, RECORDED_BY, recordedAt, 20 + (n / 4) % 37),
                new AdministrativeLoadRecorded(personId, ids[8], secondLoad, RECORDED_BY, recordedAt, 20 + (n / 4) % 40));
    }

    /** The careers of people {@code from} (inclusive) to {@code to} (exclusive), as Axon's domain event messages. */
    static List<DomainEventMessage<CareerEvent>> messages(String run, int from, int to, int teamSize) {
        Instant now = Instant.now();
        List<DomainEventMessage<CareerEvent>> messages = new ArrayList<>((to - from) * EVENTS_PER_PERSON);
        for (int n = from; n < to; n++) {
            String personId = personId(run, n);
            List<CareerEvent> career = of(personId, teamId(run, n / teamSize), n, now);
            for (int sequence = 0; sequence < career.size(); sequence++) {
                messages.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, personId, sequence, career.get(sequence)));
            }
        }
        return messages;
    }
}
