package io.careerpath.command.imports;

import io.careerpath.command.web.LargeBodyPath;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The upload path takes files up to {@code careerpath.imports.max-file-size}, not the API's 64 KiB. */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    @Bean
    LargeBodyPath importUploads(ImportProperties properties) {
        return new LargeBodyPath("POST", ImportController.PATH, properties.maxFileSize());
    }

    /**
     * The import's id travels from an {@code ImportHistory} command to the events the aggregate records for it,
     * as the fast path writes it on every event it appends ({@code ImportFastPathEquivalenceTest}): without it,
     * the people an import records one by one would carry no trace of the import.
     */
    @Bean
    CorrelationDataProvider importIdCorrelation() {
        return new SimpleCorrelationDataProvider(BulkImports.IMPORT_METADATA);
    }

    /**
     * Axon's default origin ({@code traceId}, {@code correlationId}) on every event a command records: Axon
     * registers it only while no other correlation data provider is defined, and {@link #importIdCorrelation}
     * is one.
     */
    @Bean
    CorrelationDataProvider messageOriginCorrelation() {
        return new MessageOriginProvider();
    }
}
