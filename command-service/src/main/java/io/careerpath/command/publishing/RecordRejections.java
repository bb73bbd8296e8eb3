package io.careerpath.command.publishing;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Which failures of a send concern the record itself and will not go away by sending it again: only
 * these park an event. Everything else (timeouts, a broker or leader away, authorization, an unknown
 * topic) concerns every record alike, and the batch is retried until Kafka takes it.
 */
final class RecordRejections {

    private RecordRejections() {
    }

    static boolean isForGood(Throwable failure) {
        if (failure instanceof RetriableException) {
            return false;
        }
        return failure instanceof RecordTooLargeException          // larger than the topic's max.message.bytes
                || failure instanceof RecordBatchTooLargeException // the same, for a batch of one record
                || failure instanceof InvalidRecordException       // the broker's validation refused it
                || failure instanceof SerializationException;
    }
}
