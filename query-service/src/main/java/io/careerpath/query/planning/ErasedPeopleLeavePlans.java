package io.careerpath.query.planning;

import io.careerpath.query.history.PersonErasedFromReadModels;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** An erased person leaves every accepted plan as the erasure is projected ({@link AcceptedPlans#forget}). */
@Component
class ErasedPeopleLeavePlans {

    private final AcceptedPlans plans;
    private final PlanDrifts drifts;

    ErasedPeopleLeavePlans(AcceptedPlans plans, PlanDrifts drifts) {
        this.plans = plans;
        this.drifts = drifts;
    }

    @EventListener
    void on(PersonErasedFromReadModels erased) {
        plans.forget(erased.personId());
        drifts.refresh();
    }
}
