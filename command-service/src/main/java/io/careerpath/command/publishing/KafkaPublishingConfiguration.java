package io.careerpath.command.publishing;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the outbox's far end: a producer that only counts an event as sent once every in-sync
 * replica has it, and the tracking processor that drives it from the event store. Switched off with
 * {@code careerpath.kafka.enabled=false}: the recording side then runs without a broker, and events
 * wait in the event store (tests of the command API use that).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "careerpath.kafka.enabled", havingValue = "true", matchIfMissing = true)
class KafkaPublishingConfiguration {

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> careerEventProducer(KafkaPublishingProperties properties) {
        CareerEventsTopic.ensureExists(properties);
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                // fail a send within the processor's patience, so a batch stuck behind an outage is retried
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.CLIENT_ID_CONFIG, "careerpath-command-service"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    KafkaEventForwarder kafkaEventForwarder(Producer<String, byte[]> producer, Serializer serializer,
                                            KafkaPublishingProperties properties) {
        // keyed by aggregate (person) id: one person's events share a partition and stay in order
        DefaultKafkaMessageConverter converter = DefaultKafkaMessageConverter.builder().serializer(serializer).build();
        return new KafkaEventForwarder(producer, converter, properties.topic());
    }

    /**
     * Registered in code: configuring this processor through properties clashes with the
     * auto-configured one at start-up. One thread keeps the global order of the event store; the
     * batch size bounds how many events share one acknowledgement wait and one token write.
     */
    @Bean
    ConfigurerModule kafkaPublisherProcessor(KafkaPublishingProperties properties) {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(KafkaEventForwarder.PROCESSING_GROUP,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(properties.batchSize()))
                .registerListenerInvocationErrorHandler(KafkaEventForwarder.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }
}
