package io.careerpath.command.publishing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.HeaderUtils;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.Headers;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * The Axon Kafka extension's record format ({@link DefaultKafkaMessageConverter}, as its auto-configuration builds
 * it), built without reading the metadata back: the extension deserializes each event's stored metadata into a
 * {@code MetaData} (the serializer's type lookup, a reader, a map copied twice) only to write every entry out again
 * as a header; a flight recording put building the records at 29 % of the publisher thread (docs/performance.md,
 * "Publishing"). Here the stored metadata JSON is read once with a streaming parser, straight into the headers.
 *
 * <p>The records stay byte-identical to the extension's, header order included ({@code KafkaForwarderEquivalenceTest}):
 * the metadata headers come in the order of the map {@code MetaData} keeps (a {@link HashMap} copied from the
 * {@link HashMap} Axon's metadata deserializer fills in the JSON's order), then the extension's own default headers
 * from its own code. Metadata this parser does not turn into the same text as the extension (anything but strings
 * and nulls: numbers, booleans, nested values) goes through the extension's converter, as does reading records back.
 */
final class StoredMetadataRecordFormat implements KafkaMessageConverter<String, byte[]> {

    private static final JsonFactory JSON = new JsonFactory();

    private final Serializer serializer;
    private final DefaultKafkaMessageConverter extension;

    StoredMetadataRecordFormat(Serializer serializer) {
        this.serializer = serializer;
        this.extension = DefaultKafkaMessageConverter.builder().serializer(serializer).build();
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> event, String topic) {
        // from a stored event both are the stored bytes, converted only if the representation differs
        Map<String, String> metadata = textMetadata(event.serializeMetaData(serializer, byte[].class).getData());
        if (metadata == null) {
            return extension.createKafkaMessage(event, topic);
        }
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        RecordHeaders headers = new RecordHeaders();
        metadata.forEach((key, value) -> headers.add(HeaderUtils.generateMetadataKey(key),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
        Headers.defaultHeaders(event, payload).forEach((key, value) -> HeaderUtils.addHeader(headers, key, value));
        // the extension's key: SequentialPerAggregatePolicy, the aggregate id of a domain event, none otherwise
        String key = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        return new ProducerRecord<>(topic, null, null, key, payload.getData(), headers);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> consumerRecord) {
        return extension.readKafkaMessage(consumerRecord);
    }

    /**
     * The metadata's entries in the order {@code MetaData} iterates them, or null when a value is not plain text.
     * Duplicate keys keep the last value, as Jackson's map does.
     */
    private static Map<String, String> textMetadata(byte[] json) {
        Map<String, String> inJsonOrder = new HashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.getCurrentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    inJsonOrder.put(key, parser.getText());
                } else if (value == JsonToken.VALUE_NULL) {
                    inJsonOrder.put(key, null);
                } else {
                    return null;
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
        } catch (IOException notPlainJson) {
            return null;
        }
        // MetaData copies the deserializer's HashMap into a HashMap of its own: the same copy, the same order
        return new HashMap<>(inJsonOrder);
    }
}
