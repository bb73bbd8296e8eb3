package io.careerpath.pipeline.upcasting;

import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every upcaster of the career events, in one chain, for every path that reads stored or published
 * events (docs/events.md). As a bean it reaches Axon's configuration (Axon's Spring Boot support adds
 * every {@code EventUpcaster} bean to {@code Configuration.upcasterChain()}), and with it the event
 * store's reads: aggregate loading, tracking processors, {@code EventStore.readEvents}. Readers Axon does
 * not build, such as a {@code DefaultKafkaMessageConverter}, take this bean (or {@link #chain()})
 * themselves. {@code AxonSerialization} imports it, so each service gets it with the serializer.
 */
@Configuration(proxyBeanMethods = false)
public class CareerEventUpcasters {

    @Bean
    public EventUpcasterChain careerEventUpcasterChain() {
        return chain();
    }

    /**
     * The chain for code and tests that build their readers without Spring. Upcasters are listed from the
     * oldest revision to the newest: each takes the output of the ones before it.
     */
    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(new JoinedPmoRevision2Upcaster());
    }
}
