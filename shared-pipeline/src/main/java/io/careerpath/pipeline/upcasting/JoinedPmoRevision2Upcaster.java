package io.careerpath.pipeline.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.careerpath.events.DeliveryResponsibility;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code JOINED_PMO} revision 1 to revision 2: the boolean {@code deliveryResponsibility} becomes
 * {@link DeliveryResponsibility}. {@code true} reads as {@code FULL} (the only delivery responsibility
 * revision 1 could say), {@code false} and no value as {@code NONE}; every other field is kept as it is.
 * docs/events.md has the rules this follows.
 */
final class JoinedPmoRevision2Upcaster extends SingleEventUpcaster {

    /**
     * The type as stored, spelled out rather than taken from the class: stored rows and records keep this
     * name whatever later becomes of the class.
     */
    static final String TYPE = "io.careerpath.events.JoinedPmo";
    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");
    static final String FIELD = "deliveryResponsibility";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, JoinedPmoRevision2Upcaster::toRevision2);
    }

    private static JsonNode toRevision2(JsonNode revision1) {
        ObjectNode revision2 = revision1.deepCopy();
        // asBoolean reads the flag exactly as revision 1's readers did (Jackson's coercion into a boolean)
        JsonNode flag = revision1.get(FIELD);
        revision2.put(FIELD, DeliveryResponsibilities.ofRevision1(flag != null && flag.asBoolean(false)).name());
        return revision2;
    }
}
