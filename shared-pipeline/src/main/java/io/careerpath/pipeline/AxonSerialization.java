package io.careerpath.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.careerpath.pipeline.upcasting.CareerEventUpcasters;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Axon's serializer (events, messages, tokens), one for both services, kept apart from the web layer's
 * ObjectMapper: the API refuses unknown fields, while stored events must stay readable by older and
 * newer code alike (tolerant reader), so they cannot share one mapper. XStream is never used: it
 * rejects classes from other modules and cannot store tokens on Java 17. Each service imports this
 * configuration, and with it the upcasters that read older revisions of stored events
 * ({@link CareerEventUpcasters}): whatever reads events with this serializer needs them too.
 */
@Configuration(proxyBeanMethods = false)
@Import(CareerEventUpcasters.class)
public class AxonSerialization {

    @Bean
    @Primary
    public Serializer serializer() {
        return serializer(new ObjectMapper());
    }

    /** The serializer as both services configure it, for code and tests that build one without Spring. */
    public static Serializer serializer(ObjectMapper mapper) {
        mapper.findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return JacksonSerializer.builder().objectMapper(mapper).lenientDeserialization().build();
    }
}
