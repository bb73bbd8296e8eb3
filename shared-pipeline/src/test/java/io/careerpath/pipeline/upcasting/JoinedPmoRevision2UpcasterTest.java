package io.careerpath.pipeline.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.PmoType;
import io.careerpath.pipeline.AxonSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JOINED_PMO revision 1 read through the services' upcaster chain: the boolean becomes the enum, with the
 * meaning revision 1 had ({@code true} FULL, {@code false} or nothing NONE), every other field as stored.
 * The stored form is revision 1's golden file.
 */
class JoinedPmoRevision2UpcasterTest {

    private static final Serializer SERIALIZER = AxonSerialization.serializer(new ObjectMapper());
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({"true, FULL", "false, NONE", "null, NONE", "missing, NONE"})
    void revisionOneReadsAsRevisionTwoWithTheSameMeaning(String stored, DeliveryResponsibility expected) throws IOException {
        ObjectNode revision1 = revisionOneGolden();
        switch (stored) {
            case "missing" -> revision1.remove("deliveryResponsibility");
            case "null" -> revision1.putNull("deliveryResponsibility");
            default -> revision1.put("deliveryResponsibility", Boolean.parseBoolean(stored));
        }

        IntermediateEventRepresentation upcast = upcast(revision1, JoinedPmo.class.getName(), "1");
        JoinedPmo event = SERIALIZER.deserialize(upcast.getData());

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(event).isEqualTo(new JoinedPmo("5f0c2a4e-8b1d-4c3e-9a7f-1d2e3f4a5b6c", "e-pmo",
                LocalDate.of(2024, 3, 1), "manager-jane", Instant.parse("2024-03-04T09:15:30.250Z"),
                PmoType.ORGANIZATIONAL, "Enterprise PMO", expected));
    }

    @Test
    void revisionTwoPassesAsItIs() throws IOException {
        ObjectNode revision2 = revisionOneGolden().put("deliveryResponsibility", "PARTIAL");

        IntermediateEventRepresentation read = upcast(revision2, JoinedPmo.class.getName(), "2");

        assertThat(read.getType().getRevision()).isEqualTo("2");
        assertThat(((JoinedPmo) SERIALIZER.deserialize(read.getData())).deliveryResponsibility())
                .isEqualTo(DeliveryResponsibility.PARTIAL);
    }

    @Test
    void otherEventsPassAsTheyAre() throws IOException {
        ObjectNode registered = JSON.createObjectNode().put("personId", "p").put("eventId", "e")
                .put("effectiveDate", "2024-03-01").put("displayName", "Ada").put("teamId", "team-apollo");

        IntermediateEventRepresentation read = upcast(registered, PersonRegistered.class.getName(), "1");

        assertThat(read.getType().getRevision()).isEqualTo("1");
        assertThat(read.getData().getData()).isEqualTo(JSON.writeValueAsBytes(registered));
    }

    @Test
    void theUpcasterNamesTheTypeAsItIsStored() {
        assertThat(JoinedPmoRevision2Upcaster.TYPE).isEqualTo(JoinedPmo.class.getName());
    }

    private static IntermediateEventRepresentation upcast(JsonNode payload, String type, String revision)
            throws IOException {
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>("Person", "p", 1, "e", 0L, type, revision,
                JSON.writeValueAsBytes(payload), SERIALIZER.serialize(MetaData.emptyInstance(), byte[].class).getData());
        return CareerEventUpcasters.chain().upcast(Stream.of(new InitialEventRepresentation(row, SERIALIZER)))
                .findFirst().orElseThrow();
    }

    private static ObjectNode revisionOneGolden() throws IOException {
        try (InputStream in = JoinedPmoRevision2UpcasterTest.class.getResourceAsStream("/golden/JoinedPmo-v1.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }
}
