package io.careerpath.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire format of every event revision is pinned by a golden file,
 * {@code golden/<EventName>-v<revision>.json}: a canonical instance must serialize to exactly that
 * JSON, and the JSON must read back into an equal event. A renamed, removed or retyped field fails
 * here instead of in a consumer. Adding a field means updating the golden file (additive, same
 * revision); anything else needs a new revision, a new golden file and an upcaster, and the old golden
 * file stays as the upcaster's input.
 *
 * <p>The mapper is configured as Axon's serializer is (command-service AxonSerialization, and the
 * query side's twin): modules found on the class path, dates as ISO strings.
 */
class GoldenWireFormatTest {

    private static final ObjectMapper AXON_LIKE = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String PERSON = "5f0c2a4e-8b1d-4c3e-9a7f-1d2e3f4a5b6c";
    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);
    private static final Instant AT = Instant.parse("2024-03-04T09:15:30.250Z");
    private static final String BY = "manager-jane";

    /** One canonical instance per event type; every field set, so that every field is pinned. */
    static Stream<CareerEvent> canonicalEvents() {
        return Stream.of(
                new PersonRegistered(PERSON, "e-registered", DAY, BY, AT, "Ada Lovelace", "team-apollo"),
                new TeamChanged(PERSON, "e-team", DAY, BY, AT, "team-gemini", "manager-joan"),
                new DeliveryRoleStarted(PERSON, "e-delivery", DAY, BY, AT, "Billing platform migration"),
                new JoinedPmo(PERSON, "e-pmo", DAY, BY, AT, PmoType.ORGANIZATIONAL, "Enterprise PMO", true),
                new TookTroubledProgram(PERSON, "e-troubled", DAY, BY, AT, "ERP consolidation"),
                new RegainedDeliveryRole(PERSON, "e-regained", DAY, BY, AT, "Customer portal relaunch"),
                new AssignmentEnded(PERSON, "e-ended", DAY, BY, AT, "e-troubled", AssignmentKind.TROUBLED_PROGRAM,
                        AssignmentOutcome.RESCUED, "e-regained"),
                new AdministrativeLoadRecorded(PERSON, "e-admin", DAY, BY, AT, 35),
                new SkillAssessed(PERSON, "e-skill", DAY, BY, AT, Skill.DELIVERY_EXECUTION, 3, "manager-joan"),
                new EventRetracted(PERSON, "e-retracted", DAY, BY, AT, "e-admin", "ADMINISTRATIVE_LOAD_RECORDED",
                        "Recorded for the wrong person"),
                new PersonErased(PERSON, "e-erased", DAY, BY, AT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalEvents")
    void serializesExactlyAsItsGoldenFile(CareerEvent event) throws IOException {
        JsonNode golden = golden(event.getClass());

        JsonNode serialized = AXON_LIKE.valueToTree(event);

        assertThat(serialized).isEqualTo(golden);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalEvents")
    void itsGoldenFileReadsBackIntoTheSameEvent(CareerEvent event) throws IOException {
        JsonNode golden = golden(event.getClass());

        assertThat(AXON_LIKE.treeToValue(golden, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalEvents")
    void anOlderReaderToleratesAFieldAddedByANewerWriter(CareerEvent event) throws IOException {
        ObjectNode newer = (ObjectNode) golden(event.getClass()).deepCopy();
        newer.put("fieldFromTheFuture", "ignored");

        assertThat(AXON_LIKE.treeToValue(newer, event.getClass())).isEqualTo(event);
    }

    @Test
    void everyEventTypeHasACanonicalInstanceARevisionAndATolerantReader() {
        List<Class<?>> eventTypes = concreteEventTypes(CareerEvent.class);
        List<Class<?>> covered = new ArrayList<>();
        canonicalEvents().forEach(event -> covered.add(event.getClass()));

        assertThat(covered).containsExactlyInAnyOrderElementsOf(eventTypes);
        for (Class<?> type : eventTypes) {
            assertThat(type.getAnnotation(Revision.class)).as("@Revision on %s", type.getSimpleName()).isNotNull();
            assertThat(type.getAnnotation(JsonIgnoreProperties.class)).as("@JsonIgnoreProperties on %s", type)
                    .isNotNull().extracting(JsonIgnoreProperties::ignoreUnknown).isEqualTo(true);
        }
    }

    @Test
    void eventTypeNamesAreTheApiTypeNames() {
        Map<Class<? extends CareerEvent>, String> expected = Map.ofEntries(
                Map.entry(PersonRegistered.class, "PERSON_REGISTERED"),
                Map.entry(TeamChanged.class, "TEAM_CHANGED"),
                Map.entry(DeliveryRoleStarted.class, "DELIVERY_ROLE_STARTED"),
                Map.entry(JoinedPmo.class, "JOINED_PMO"),
                Map.entry(TookTroubledProgram.class, "TOOK_TROUBLED_PROGRAM"),
                Map.entry(RegainedDeliveryRole.class, "REGAINED_DELIVERY_ROLE"),
                Map.entry(AssignmentEnded.class, "ASSIGNMENT_ENDED"),
                Map.entry(AdministrativeLoadRecorded.class, "ADMINISTRATIVE_LOAD_RECORDED"),
                Map.entry(SkillAssessed.class, "SKILL_ASSESSED"),
                Map.entry(EventRetracted.class, "EVENT_RETRACTED"),
                Map.entry(PersonErased.class, "PERSON_ERASED"));

        expected.forEach((type, name) -> assertThat(CareerEvent.typeOf(type)).isEqualTo(name));
    }

    private static JsonNode golden(Class<?> eventType) throws IOException {
        String revision = eventType.getAnnotation(Revision.class).value();
        String file = "/golden/" + eventType.getSimpleName() + "-v" + revision + ".json";
        try (InputStream in = GoldenWireFormatTest.class.getResourceAsStream(file)) {
            assertThat(in).as("golden file %s", file).isNotNull();
            return AXON_LIKE.readTree(in);
        }
    }

    private static List<Class<?>> concreteEventTypes(Class<?> type) {
        List<Class<?>> concrete = new ArrayList<>();
        if (!type.isInterface()) {
            concrete.add(type);
        } else {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                concrete.addAll(concreteEventTypes(permitted));
            }
        }
        return concrete;
    }
}
