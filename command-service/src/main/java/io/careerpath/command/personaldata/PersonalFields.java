package io.careerpath.command.personaldata;

import io.careerpath.events.CareerEvent;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.EventRetracted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.RegainedDeliveryRole;
import io.careerpath.events.SkillAssessed;
import io.careerpath.events.TookTroubledProgram;
import io.careerpath.security.PersonalData;
import java.util.function.UnaryOperator;

/**
 * The fields of events that are personal data and therefore sealed (docs/security.md): names and
 * free text. Everything else is a career fact that stays in the clear.
 */
public final class PersonalFields {

    private PersonalFields() {
    }

    public static boolean carriesPersonalData(CareerEvent event) {
        return event instanceof PersonRegistered || event instanceof DeliveryRoleStarted
                || event instanceof RegainedDeliveryRole || event instanceof JoinedPmo
                || event instanceof TookTroubledProgram || event instanceof EventRetracted
                || event instanceof SkillAssessed;
    }

    /** The event with its personal fields sealed with the person's key. */
    public static CareerEvent seal(CareerEvent event, byte[] key) {
        return map(event, value -> PersonalData.seal(key, event.personId(), value));
    }

    /**
     * The event with its sealed fields opened; {@code key} null (the person was erased) gives null for
     * each, and a value that does not open with the key (altered) is shown as null too.
     */
    public static CareerEvent open(CareerEvent event, byte[] key) {
        return map(event, value -> {
            try {
                return PersonalData.open(key, event.personId(), value);
            } catch (IllegalArgumentException e) {
                return null;
            }
        });
    }

    /** The event with {@code field} applied to each of its personal fields (the same event if it has none). */
    static CareerEvent map(CareerEvent event, UnaryOperator<String> field) {
        if (event instanceof PersonRegistered e) {
            return new PersonRegistered(e.personId(), e.eventId(), e.effectiveDate(), e.recordedBy(), e.recordedAt(),
                    field.apply(e.displayName()), e.teamId(), e.teamName());
        }
        if (event instanceof DeliveryRoleStarted e) {
            return new DeliveryRoleStarted(e.personId(), e.eventId(), e.effectiveDate(), e.recordedBy(),
                    e.recordedAt(), field.apply(e.projectName()));
        }
        if (event instanceof RegainedDeliveryRole e) {
            return new RegainedDeliveryRole(e.personId(), e.eventId(), e.effectiveDate(), e.recordedBy(),
                    e.recordedAt(), field.apply(e.projectName()));
        }
        if (event instanceof JoinedPmo e) {
            return new JoinedPmo(e.personId(), e.eventId(), e.effectiveDate(), e.recordedBy(), e.recordedAt(),
                    e.pmoType(), field.apply(e.pmoName()), e.deliveryResponsibility());
        }
        if (event instanceof TookTroubledProgram e) {
            return new TookTroubledProgram(e.personId(), e.eventId(), e.effectiveDate(), e.recordedBy(),
                    e.recordedAt(), field.apply(e.programName()));
        }
        if (event instanceof EventRetracted e) {
            return new EventRetracted(e.personId(), e.eventId(), e.effectiveDate(), e.recordedBy(), e.recordedAt(),
                    e.retractedEventId(), e.retractedEventType(), field.apply(e.reason()));
        }
        if (event instanceof SkillAssessed e) {
            return new SkillAssessed(e.personId(), e.eventId(), e.effectiveDate(), e.recordedBy(), e.recordedAt(),
                    e.skill(), e.level(), field.apply(e.assessor()));
        }
        // TeamChanged, AssignmentEnded, AdministrativeLoadRecorded, PmoPreferenceStated, PersonErased: career facts only
        return event;
    }
}
