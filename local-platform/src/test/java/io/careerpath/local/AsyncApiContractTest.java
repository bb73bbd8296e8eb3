package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.asyncapi.v3._0_0.model.AsyncAPI;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.careerpath.events.CareerEvent;
import io.careerpath.security.PersonalData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.messaging.Headers;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The topic's AsyncAPI document (docs/asyncapi.yaml, served by the command service) cannot drift from the code:
 * every event type and revision the code knows has a message in it and no other, and every record the platform
 * puts on the real broker, one of each type at least, validates against the key, header and payload schemas of
 * its message (a real JSON Schema validator), declares no field the schema does not, and is sealed exactly
 * where the schema says so.
 */
class AsyncApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Where the validator finds the document: its schemas refer to each other by JSON pointers into it. */
    private static final String DOCUMENT_IRI = "https://careerpath.invalid/asyncapi.json";
    private static final String CHANNEL = "/channels/careerEvents";
    private static final String SEALED = "x-careerpath-sealed";

    @RegisterExtension
    static final RunningPlatform.PerClass platformPerClass = RunningPlatform.perClass();

    static RunningPlatform platform;
    static String served;
    static JsonNode document;
    static JsonSchemaFactory schemas;

    @BeforeAll
    static void start() throws Exception {
        platform = platformPerClass.get();
        ResponseEntity<String> answer = platform.anonymousCommandApi().get().uri("/asyncapi.yaml").retrieve()
                .toEntity(String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/yaml");
        served = answer.getBody();
        document = YAML.readTree(served);
        String asJson = JSON.writeValueAsString(document);
        // the document's own keys (asyncapi, info, the x- extensions) are no JSON Schema keywords: annotations
        JsonMetaSchema draft07 = JsonMetaSchema.builder(JsonMetaSchema.getV7())
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword)).build();
        schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder.metaSchema(draft07)
                .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_IRI, asJson))));
    }

    @Test
    void theCommandServiceServesTheDocumentInDocs() throws Exception {
        assertThat(served).isEqualTo(Files.readString(Path.of("../docs/asyncapi.yaml")));
    }

    @Test
    void theDocumentIsAsyncApi3AndEveryReferenceResolves() throws Exception {
        // the AsyncAPI 3.0.0 model refuses keys the specification does not define (other than x- extensions)
        AsyncAPI model = YAML.readValue(served, AsyncAPI.class);
        assertThat(model.getAsyncapi()).isEqualTo("3.0.0");
        assertThat(model.getChannels()).containsKey("careerEvents");
        assertThat(model.getOperations()).containsKey("publishCareerEvents");
        assertThat(document.at(CHANNEL + "/address").asText()).isEqualTo("careerpath.career-events");

        List<String> unresolved = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        for (String ref : refs) {
            if (!ref.startsWith("#/") || document.at(ref.substring(1)).isMissingNode()) {
                unresolved.add(ref);
            }
        }
        assertThat(refs).hasSizeGreaterThan(100);
        assertThat(unresolved).as("$refs that resolve to nothing in the document").isEmpty();
        // the operation sends every message of the channel
        Set<String> sent = new TreeSet<>();
        document.at("/operations/publishCareerEvents/messages").forEach(m -> sent.add(m.get("$ref").asText()));
        Set<String> onChannel = new TreeSet<>();
        document.at(CHANNEL + "/messages").fieldNames()
                .forEachRemaining(name -> onChannel.add("#" + CHANNEL + "/messages/" + name));
        assertThat(sent).isEqualTo(onChannel);
    }

    @Test
    void theDocumentHasAMessageForEveryTypeAndRevisionTheCodeKnowsAndNoOther() {
        Set<String> known = new TreeSet<>();
        for (Class<?> event : eventClasses(CareerEvent.class)) {
            int current = Integer.parseInt(event.getAnnotation(Revision.class).value());
            // revisions are numbered from 1 without gaps; an older one may still be on the topic
            for (int revision = 1; revision <= current; revision++) {
                known.add(event.getName() + " revision " + revision);
            }
        }
        assertThat(messagesByTypeAndRevision().keySet()).isEqualTo(known);
    }

    @Test
    void everyRecordOnTheTopicMatchesItsMessageInTheDocument() {
        Set<String> expectedEventIds = new HashSet<>();
        recordTheWholeCatalogue(expectedEventIds);
        String erased = platform.client.register("Edsger Dijkstra", "team-thex", "2012-01-09");
        expectedEventIds.addAll(eventIds(erased));
        assertThat(platform.client.erase(erased)).isEqualTo(204);
        String importId = importOnePerson();
        expectedEventIds.add(publishJoinedPmoRevisionOne());

        List<ConsumerRecord<String, byte[]>> records = consumeUntil(seen -> {
            Set<String> ids = new HashSet<>();
            boolean erasedSeen = false;
            boolean importSeen = false;
            for (ConsumerRecord<String, byte[]> record : seen) {
                ids.add(readJson(record.value()).path("eventId").asText());
                erasedSeen |= erased.equals(record.key())
                        && "io.careerpath.events.PersonErased".equals(header(record, Headers.MESSAGE_TYPE));
                importSeen |= importId.equals(header(record, "axon-metadata-importId"));
            }
            return ids.containsAll(expectedEventIds) && erasedSeen && importSeen;
        });

        Map<String, String> messages = messagesByTypeAndRevision();
        List<String> failures = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String where = "record " + record.partition() + "/" + record.offset() + " ("
                    + header(record, Headers.MESSAGE_TYPE) + " revision " + header(record, Headers.MESSAGE_REVISION) + ")";
            String typeAndRevision = header(record, Headers.MESSAGE_TYPE) + " revision " + header(record, Headers.MESSAGE_REVISION);
            String message = messages.get(typeAndRevision);
            if (message == null) {
                failures.add(where + ": no message in docs/asyncapi.yaml for " + typeAndRevision);
                continue;
            }
            covered.add(typeAndRevision);
            String pointer = follow(message);
            JsonNode value = readJson(record.value());
            validate(where + " key", follow(follow(pointer + "/bindings") + "/kafka/key"),
                    JSON.valueToTree(record.key()), failures);
            validate(where + " headers", pointer + "/headers", headersAsJson(record), failures);
            validate(where + " value", pointer + "/payload/schema", value, failures);
            checkFieldsAreDeclaredAndSealedAsMarked(where, follow(pointer + "/payload/schema"), value, failures);
        }

        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        assertThat(covered).as("every message of the document was met on the topic").isEqualTo(messages.keySet());
    }

    // --- the records -----------------------------------------------------------------------------------------

    /** One person's career with every event type the API records, optional fields given and not. */
    private static void recordTheWholeCatalogue(Set<String> eventIds) {
        CareerpathClient client = platform.client;
        String person = client.tryRegister(Map.of("displayName", "Barbara Liskov", "teamId", "team-clu",
                "teamName", "CLU", "effectiveDate", "2012-01-09")).getBody().get("personId").asText();
        client.record(person, Map.of("type", "DELIVERY_ROLE_STARTED", "effectiveDate", "2012-02-01",
                "projectName", "Billing replatform"));
        client.record(person, Map.of("type", "TEAM_CHANGED", "effectiveDate", "2013-01-07", "teamId", "team-argus",
                "managerId", "manager-joan", "teamName", "Argus"));
        client.record(person, Map.of("type", "TEAM_CHANGED", "effectiveDate", "2013-06-03", "teamId", "team-venus"));
        // begins while delivering: the platform ends the delivery role itself (supersededBy)
        client.record(person, Map.of("type", "JOINED_PMO", "effectiveDate", "2015-03-02", "pmoType", "EXECUTIVE",
                "pmoName", "Office of the CIO", "deliveryResponsibility", "PARTIAL"));
        String load = client.record(person, Map.of("type", "ADMINISTRATIVE_LOAD_RECORDED", "effectiveDate", "2015-06-01",
                "percentOfTime", 45)).get("eventId").asText();
        client.record(person, Map.of("type", "PMO_PREFERENCE_STATED", "effectiveDate", "2015-09-01", "willing", false));
        client.record(person, Map.of("type", "SKILL_ASSESSED", "effectiveDate", "2016-01-04",
                "skill", "STRATEGIC_VISIBILITY", "level", 4));
        client.record(person, Map.of("type", "SKILL_ASSESSED", "effectiveDate", "2016-02-01",
                "skill", "LEADERSHIP", "level", 3, "assessor", "manager-joan"));
        client.record(person, Map.of("type", "TOOK_TROUBLED_PROGRAM", "effectiveDate", "2017-01-09",
                "programName", "Core banking"));
        client.record(person, Map.of("type", "ASSIGNMENT_ENDED", "effectiveDate", "2018-06-29", "outcome", "HANDED_OVER"));
        client.record(person, Map.of("type", "REGAINED_DELIVERY_ROLE", "effectiveDate", "2018-09-03",
                "projectName", "Mobile onboarding"));
        client.record(person, Map.of("type", "JOINED_PMO", "effectiveDate", "2019-03-04", "pmoType", "PROGRAM"));
        client.record(person, Map.of("type", "EVENT_RETRACTED", "effectiveDate", "2019-04-01", "eventId", load,
                "reason", "Someone else's load"));
        eventIds.addAll(eventIds(person));
    }

    private static List<String> eventIds(String person) {
        List<String> ids = new ArrayList<>();
        platform.client.careerEvents(person).get("events").forEach(event -> ids.add(event.get("eventId").asText()));
        return ids;
    }

    /** A bulk import of one person (its events carry the import's id as metadata); the import's id. */
    private static String importOnePerson() {
        String row = "{\"personRef\": \"HR-" + UUID.randomUUID() + "\", \"type\": \"PERSON_REGISTERED\","
                + " \"effectiveDate\": \"2020-01-06\", \"displayName\": \"Imported Person\", \"teamId\": \"team-clu\"}\n";
        String location = platform.commandApi.post().uri("/api/imports?fileName=contract.ndjson")
                .contentType(MediaType.parseMediaType("application/x-ndjson")).body(row)
                .retrieve().toBodilessEntity().getHeaders().getLocation().toString();
        JsonNode[] status = new JsonNode[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            status[0] = platform.commandApi.get().uri(location).retrieve().body(JsonNode.class);
            return !List.of("QUEUED", "RUNNING").contains(status[0].get("state").asText());
        });
        assertThat(status[0].get("state").asText()).as("%s", status[0]).isEqualTo("DONE");
        return status[0].get("id").asText();
    }

    /**
     * JOINED_PMO revision 1 as the publisher sent it before revision 2 (golden/JoinedPmo-v1.json, its name sealed as
     * the command service seals it): such records stay on the topic, so the document describes them. Its event id.
     */
    private static String publishJoinedPmoRevisionOne() {
        String person = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        ObjectNode payload = JSON.createObjectNode().put("personId", person).put("eventId", eventId)
                .put("effectiveDate", "2024-03-01").put("recordedBy", "sub:hr-system")
                .put("recordedAt", "2024-03-04T09:15:30.250Z").put("pmoType", "ORGANIZATIONAL")
                .put("pmoName", PersonalData.seal(PersonalData.newKey(), person, "Enterprise PMO"))
                .put("deliveryResponsibility", true);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(platform.topic, person,
                payload.toString().getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(new RecordHeader(Headers.MESSAGE_ID, utf8(eventId)))
                .add(new RecordHeader(Headers.MESSAGE_TYPE, utf8("io.careerpath.events.JoinedPmo")))
                .add(new RecordHeader(Headers.MESSAGE_REVISION, utf8("1")))
                .add(new RecordHeader(Headers.MESSAGE_TIMESTAMP, longBytes(1709543730250L)))
                .add(new RecordHeader(Headers.AGGREGATE_ID, utf8(person)))
                .add(new RecordHeader(Headers.AGGREGATE_SEQ, longBytes(1)))
                .add(new RecordHeader(Headers.AGGREGATE_TYPE, utf8("Person")));
        try (TopicRecords topic = new TopicRecords(platform.infrastructure.kafkaBootstrapServers(), platform.topic)) {
            topic.send(record);
        }
        return eventId;
    }

    /** Every record on the platform's topic, read from the start until {@code enough} holds for those read so far. */
    private static List<ConsumerRecord<String, byte[]>> consumeUntil(Predicate<List<ConsumerRecord<String, byte[]>>> enough) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.infrastructure.kafkaBootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(platform.topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return enough.test(records);
            });
        }
        return records;
    }

    // --- reading the document ---------------------------------------------------------------------------------

    /** "type revision n" → the JSON pointer of its message on the channel, from the constants of its headers. */
    private static Map<String, String> messagesByTypeAndRevision() {
        Map<String, String> messages = new LinkedHashMap<>();
        document.at(CHANNEL + "/messages").fieldNames().forEachRemaining(name -> {
            String pointer = CHANNEL + "/messages/" + name;
            JsonNode constants = document.at(follow(pointer) + "/headers/allOf/1/properties");
            String key = constants.at("/axon-message-type/const").asText() + " revision "
                    + constants.at("/axon-message-revision/const").asText();
            assertThat(messages.put(key, pointer)).as("two messages for " + key).isNull();
        });
        return messages;
    }

    /** The pointer a {@code $ref} at {@code pointer} leads to, through any chain of references; else the pointer. */
    private static String follow(String pointer) {
        JsonNode node = document.at(pointer);
        while (node.has("$ref")) {
            pointer = node.get("$ref").asText().substring(1);
            node = document.at(pointer);
            assertThat(node.isMissingNode()).as("$ref to " + pointer).isFalse();
        }
        return pointer;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    private static void validate(String what, String schemaPointer, JsonNode instance, List<String> failures) {
        JsonSchema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + schemaPointer));
        for (ValidationMessage problem : schema.validate(instance)) {
            String shown = instance.toString();
            failures.add(what + " against " + schemaPointer + ": " + problem.getMessage() + " in "
                    + (shown.length() > 300 ? shown.substring(0, 300) + "..." : shown));
        }
    }

    /**
     * The schemas leave room for fields added later (readers ignore what they do not know), so that a field the
     * code added and the document forgot is caught here; so is a field sealed on the topic that the document does
     * not mark as sealed (its schema's pattern catches the opposite).
     */
    private static void checkFieldsAreDeclaredAndSealedAsMarked(String where, String payloadPointer, JsonNode value,
                                                                List<String> failures) {
        JsonNode properties = document.at(payloadPointer + "/properties");
        value.fieldNames().forEachRemaining(field -> {
            if (!properties.has(field)) {
                failures.add(where + ": field '" + field + "' is not in " + payloadPointer);
                return;
            }
            boolean marked = document.at(follow(payloadPointer + "/properties/" + field)).path(SEALED).asBoolean();
            if (!marked && PersonalData.isSealed(value.get(field).asText(null))) {
                failures.add(where + ": field '" + field + "' is sealed on the topic but not marked " + SEALED);
            }
        });
    }

    /** The headers as the document describes them: UTF-8 text, or 8-byte longs where it says int64. */
    private static JsonNode headersAsJson(ConsumerRecord<String, byte[]> record) {
        JsonNode declared = document.at("/components/schemas/RecordHeaders/properties");
        ObjectNode headers = JSON.createObjectNode();
        for (Header header : record.headers()) {
            if ("int64".equals(declared.path(header.key()).path("x-careerpath-encoding").asText())) {
                headers.put(header.key(), header.value().length == Long.BYTES ? ByteBuffer.wrap(header.value()).getLong()
                        : Long.MIN_VALUE);
            } else {
                headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    // --- plumbing ---------------------------------------------------------------------------------------------

    /** The event records of the published language: the permitted subclasses of CareerEvent, recursively. */
    private static Set<Class<?>> eventClasses(Class<?> type) {
        Set<Class<?>> classes = new HashSet<>();
        if (!type.isInterface()) {
            classes.add(type);
            return classes;
        }
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            classes.addAll(eventClasses(permitted));
        }
        return classes;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode readJson(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A record's value is no JSON", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }
}
