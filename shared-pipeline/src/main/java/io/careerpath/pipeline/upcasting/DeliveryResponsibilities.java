package io.careerpath.pipeline.upcasting;

import io.careerpath.events.DeliveryResponsibility;

/**
 * What revision 1's boolean {@code deliveryResponsibility} of {@code JOINED_PMO} means today. One
 * mapping for stored events ({@link JoinedPmoRevision2Upcaster}) and for the APIs that still take the
 * boolean during its deprecation ({@link DeliveryResponsibilityJson}), so that an old client and an old
 * event can never be read two ways.
 */
public final class DeliveryResponsibilities {

    private DeliveryResponsibilities() {
    }

    /** {@code true}: the role answered for delivery, all that revision 1 could say ({@code FULL}); else {@code NONE}. */
    public static DeliveryResponsibility ofRevision1(boolean deliveryResponsibility) {
        return deliveryResponsibility ? DeliveryResponsibility.FULL : DeliveryResponsibility.NONE;
    }
}
