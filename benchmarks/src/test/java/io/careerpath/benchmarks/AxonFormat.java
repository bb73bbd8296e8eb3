package io.careerpath.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.pipeline.AxonSerialization;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.Serializer;

/**
 * The services' wire and storage formats, for the peers and fixtures that must produce exactly what
 * the services produce: Axon's serializer as both services configure it ({@link AxonSerialization}),
 * the extension's record format, and the publisher's producer settings
 * ({@code KafkaPublishingConfiguration}).
 */
final class AxonFormat {

    static final Serializer SERIALIZER = AxonSerialization.serializer(new ObjectMapper());
    static final DefaultKafkaMessageConverter CONVERTER = DefaultKafkaMessageConverter.builder().serializer(SERIALIZER).build();

    private AxonFormat() {
    }

    static Producer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.CLIENT_ID_CONFIG, "benchmark-peer"),
                new StringSerializer(), new ByteArraySerializer());
    }
}
