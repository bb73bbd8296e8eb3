package io.careerpath.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.careerpath.events.AdministrativeLoadRecorded;
import io.careerpath.events.AssignmentEnded;
import io.careerpath.events.AssignmentKind;
import io.careerpath.events.AssignmentOutcome;
import io.careerpath.events.CareerEvent;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.EventRetracted;
import io.careerpath.events.JoinedPmo;
import io.careerpath.events.PersonErased;
import io.careerpath.events.PersonRegistered;
import io.careerpath.events.PmoPreferenceStated;
import io.careerpath.events.PmoType;
import io.careerpath.events.RegainedDeliveryRole;
import io.careerpath.events.Skill;
import io.careerpath.events.SkillAssessed;
import io.careerpath.events.TeamChanged;
import io.careerpath.events.TookTroubledProgram;
import io.careerpath.pipeline.upcasting.CareerEventUpcasters;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration;
import org.axonframework.springboot.autoconfig.InfraConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.axonframework.springboot.autoconfig.XStreamAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire format of every event revision is pinned by a golden file,
 * {@code golden/<EventName>-v<revision>.json}: a canonical instance must serialize to exactly that
 * JSON, under its type name and revision, and the JSON must read back into an equal event. A renamed,
 * removed or retyped field fails here instead of in a consumer. Adding a field means updating the golden
 * file (additive, same revision); anything else needs a new revision, a new golden file and an upcaster,
 * and the older golden files stay: each is a stored form that must still read, through the upcasters,
 * as the canonical event (docs/events.md).
 *
 * <p>Everything goes through the services' own serializer and upcaster chain, taken from a Spring context that
 * imports {@link AxonSerialization} as the services do (Axon's auto-configuration picks the event serializer;
 * {@link CareerEventUpcasters} comes with the import), read as the event store reads a row, so that a change to
 * either cannot drift from what is pinned here.
 */
class GoldenWireFormatTest {

    /** What each service's application does with the serializer: imports the shared configuration. */
    @Configuration(proxyBeanMethods = false)
    @Import(AxonSerialization.class)
    @ImportAutoConfiguration({AxonAutoConfiguration.class, EventProcessingAutoConfiguration.class, InfraConfiguration.class,
            ObjectMapperAutoConfiguration.class, XStreamAutoConfiguration.class, NoOpTransactionAutoConfiguration.class})
    static class AsTheServicesConfigureIt {
    }

    @AfterAll
    static void closeTheContext() {
        AXON.close();
    }

    /**
     * The serializer and upcasters exactly as a service gets them: {@link AxonSerialization} imported by a Spring
     * context, with Axon's auto-configuration choosing the event serializer from it (a mapper built here instead
     * would let a change to the real configuration drift unseen).
     */
    private static final ConfigurableApplicationContext AXON = new SpringApplicationBuilder(AsTheServicesConfigureIt.class)
            .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
            .properties("axon.axonserver.enabled=false").run();
    private static final Serializer SERIALIZER = AXON.getBean("eventSerializer", Serializer.class);
    private static final EventUpcasterChain UPCASTERS = AXON.getBean("careerEventUpcasterChain", EventUpcasterChain.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GOLDEN_FILE = Pattern.compile("([A-Za-z]+)-v(\\d+)\\.json");

    private static final String PERSON = "5f0c2a4e-8b1d-4c3e-9a7f-1d2e3f4a5b6c";
    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);
    private static final Instant AT = Instant.parse("2024-03-04T09:15:30.250Z");
    private static final String BY = "manager-jane";

    /**
     * One canonical instance per event type; every field set, so that every field is pinned. An older
     * revision's golden file holds the same facts in that revision's form.
     */
    static Stream<CareerEvent> canonicalEvents() {
        return Stream.of(
                new PersonRegistered(PERSON, "e-registered", DAY, BY, AT, "Ada Lovelace", "team-apollo", "Apollo"),
                new TeamChanged(PERSON, "e-team", DAY, BY, AT, "team-gemini", "manager-joan", "Gemini"),
                new DeliveryRoleStarted(PERSON, "e-delivery", DAY, BY, AT, "Billing platform migration"),
                new JoinedPmo(PERSON, "e-pmo", DAY, BY, AT, PmoType.ORGANIZATIONAL, "Enterprise PMO",
                        DeliveryResponsibility.FULL),
                new TookTroubledProgram(PERSON, "e-troubled", DAY, BY, AT, "ERP consolidation"),
                new RegainedDeliveryRole(PERSON, "e-regained", DAY, BY, AT, "Customer portal relaunch"),
                new AssignmentEnded(PERSON, "e-ended", DAY, BY, AT, "e-troubled", AssignmentKind.TROUBLED_PROGRAM,
                        AssignmentOutcome.RESCUED, "e-regained"),
                new AdministrativeLoadRecorded(PERSON, "e-admin", DAY, BY, AT, 35),
                new PmoPreferenceStated(PERSON, "e-preference", DAY, BY, AT, false),
                new SkillAssessed(PERSON, "e-skill", DAY, BY, AT, Skill.DELIVERY_EXECUTION, 3, "manager-joan"),
                new EventRetracted(PERSON, "e-retracted", DAY, BY, AT, "e-admin", "ADMINISTRATIVE_LOAD_RECORDED",
                        "Recorded for the wrong person"),
                new PersonErased(PERSON, "e-erased", DAY, BY, AT));
    }

    /** Every golden file but those of the current revisions: stored forms that must still upcast. */
    static Stream<String> olderRevisions() throws IOException, URISyntaxException {
        return goldenFiles().stream().filter(file -> {
            Matcher name = GOLDEN_FILE.matcher(file);
            return name.matches() && !name.group(2).equals(revisionOf(canonical(name.group(1)).getClass()));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalEvents")
    void serializesExactlyAsItsGoldenFileUnderItsTypeAndRevision(CareerEvent event) throws IOException {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(event, byte[].class);

        assertThat(serialized.getType().getName()).isEqualTo(event.getClass().getName());
        assertThat(serialized.getType().getRevision()).isEqualTo(revisionOf(event.getClass()));
        assertThat(JSON.readTree(serialized.getData())).isEqualTo(golden(fileOf(event.getClass())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalEvents")
    void itsGoldenFileReadsBackIntoTheSameEvent(CareerEvent event) throws IOException {
        String revision = revisionOf(event.getClass());

        assertThat(readAsStored(golden(fileOf(event.getClass())), event.getClass().getName(), revision)).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("olderRevisions")
    void anOlderRevisionAsStoredReadsAsTheCanonicalEvent(String file) throws IOException {
        Matcher name = GOLDEN_FILE.matcher(file);
        assertThat(name.matches()).isTrue();
        CareerEvent canonical = canonical(name.group(1));

        assertThat(readAsStored(golden(file), canonical.getClass().getName(), name.group(2))).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalEvents")
    void anOlderReaderToleratesAFieldAddedByANewerWriter(CareerEvent event) throws IOException {
        ObjectNode newer = (ObjectNode) golden(fileOf(event.getClass())).deepCopy();
        newer.put("fieldFromTheFuture", "ignored");

        assertThat(readAsStored(newer, event.getClass().getName(), revisionOf(event.getClass()))).isEqualTo(event);
    }

    @Test
    void everyRevisionOfEveryEventKeepsItsGoldenFile() throws IOException, URISyntaxException {
        List<String> expected = new ArrayList<>();
        canonicalEvents().forEach(event -> {
            for (int revision = 1; revision <= Integer.parseInt(revisionOf(event.getClass())); revision++) {
                expected.add(event.getClass().getSimpleName() + "-v" + revision + ".json");
            }
        });

        assertThat(goldenFiles()).containsExactlyInAnyOrderElementsOf(expected);
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
                Map.entry(PmoPreferenceStated.class, "PMO_PREFERENCE_STATED"),
                Map.entry(SkillAssessed.class, "SKILL_ASSESSED"),
                Map.entry(EventRetracted.class, "EVENT_RETRACTED"),
                Map.entry(PersonErased.class, "PERSON_ERASED"));

        expected.forEach((type, name) -> assertThat(CareerEvent.typeOf(type)).isEqualTo(name));
    }

    /** Reads {@code json} as the event store reads a row of this type and revision: upcast, then deserialized. */
    static Object readAsStored(JsonNode json, String type, String revision) throws IOException {
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>("Person", PERSON, 0, "id-" + type,
                AT.toEpochMilli(), type, revision, JSON.writeValueAsBytes(json),
                SERIALIZER.serialize(org.axonframework.messaging.MetaData.emptyInstance(), byte[].class).getData());
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(row), SERIALIZER, UPCASTERS)
                .next().getPayload();
    }

    static JsonNode golden(String file) throws IOException {
        try (InputStream in = GoldenWireFormatTest.class.getResourceAsStream("/golden/" + file)) {
            assertThat(in).as("golden file %s", file).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static String fileOf(Class<?> eventType) {
        return eventType.getSimpleName() + "-v" + revisionOf(eventType) + ".json";
    }

    private static String revisionOf(Class<?> eventType) {
        return eventType.getAnnotation(Revision.class).value();
    }

    private static CareerEvent canonical(String simpleName) {
        return canonicalEvents().filter(event -> event.getClass().getSimpleName().equals(simpleName)).findFirst()
                .orElseThrow(() -> new AssertionError("No event type " + simpleName + " for a golden file"));
    }

    private static List<String> goldenFiles() throws IOException, URISyntaxException {
        Path directory = Path.of(Objects.requireNonNull(GoldenWireFormatTest.class.getResource("/golden")).toURI());
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
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
