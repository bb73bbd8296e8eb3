package io.careerpath.query.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericResultMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * The projection handles events without reading their metadata: for every handled event Axon builds a result
 * message, which asks the unit of work's correlation data providers about the event, and Axon's default provider
 * reads its metadata (deserialized from the record's headers) to do so.
 */
class NoCorrelationDataTest {

    /** An event whose metadata must not be read, standing for one whose metadata would be deserialized. */
    private static final EventMessage<String> EVENT = new GenericEventMessage<>("an event") {
        @Override
        public MetaData getMetaData() {
            throw new AssertionError("the event's metadata was read");
        }
    };

    @Test
    void handlingAnEventDoesNotReadItsMetadata() {
        assertThat(resultOfHandling(new KafkaIntakeConfiguration().noCorrelationData()).getMetaData()).isEmpty();
    }

    @Test
    void axonsDefaultProviderWouldReadIt() {
        assertThatThrownBy(() -> resultOfHandling(new MessageOriginProvider()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("metadata was read");
    }

    /** What Axon builds for every event a handler has handled, in the event's unit of work. */
    private static GenericResultMessage<String> resultOfHandling(CorrelationDataProvider provider) {
        DefaultUnitOfWork<EventMessage<String>> unitOfWork = DefaultUnitOfWork.startAndGet(EVENT);
        try {
            unitOfWork.registerCorrelationDataProvider(provider);
            return new GenericResultMessage<>("handled");
        } finally {
            unitOfWork.rollback();
        }
    }
}
