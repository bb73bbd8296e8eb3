package io.careerpath.benchmarks;

import io.careerpath.events.AdministrativeLoadRecorded;
import io.careerpath.events.AssignmentEnded;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.RegainedDeliveryRole;
import io.careerpath.events.SkillAssessed;
import java.util.LinkedHashMap;
import java.util.Map;

/** A career event as a row of a bulk-import file (docs/bulk-import.md): the API's body plus {@code personRef}. */
final class BenchmarkImportRows {

    private BenchmarkImportRows() {
    }

    /** The row, or null for an event the platform records itself (the end of an assignment the next one begins). */
    static Map<String, Object> of(String personRef, CareerEvent event) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("personRef", personRef);
        row.put("type", CareerEvent.typeOf(event.getClass()));
        row.put("effectiveDate", event.effectiveDate().toString());
        if (event instanceof AssignmentEnded) {
            return null;
        } else if (event instanceof PersonRegistered e) {
            row.put("displayName", e.displayName());
            row.put("teamId", e.teamId());
        } else if (event instanceof DeliveryRoleStarted e) {
            row.put("projectName", e.projectName());
        } else if (event instanceof RegainedDeliveryRole e) {
            row.put("projectName", e.projectName());
        } else if (event instanceof JoinedPmo e) {
            row.put("pmoType", e.pmoType().name());
            row.put("pmoName", e.pmoName());
            row.put("deliveryResponsibility", e.deliveryResponsibility().name());
        } else if (event instanceof AdministrativeLoadRecorded e) {
            row.put("percentOfTime", e.percentOfTime());
        } else if (event instanceof SkillAssessed e) {
            row.put("skill", e.skill().name());
            row.put("level", e.level());
            row.put("assessor", e.assessor());
        } else {
            throw new IllegalArgumentException("No import row for " + event.getClass().getSimpleName());
        }
        return row;
    }
}
