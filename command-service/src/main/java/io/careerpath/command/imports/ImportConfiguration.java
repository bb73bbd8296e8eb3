package io.careerpath.command.imports;

import io.careerpath.command.web.LargeBodyPath;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The upload path takes files up to {@code careerpath.imports.max-file-size}, not the API's 64 KiB. */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    @Bean
    LargeBodyPath importUploads(ImportProperties properties) {
        return new LargeBodyPath("POST", ImportController.PATH, properties.maxFileSize());
    }
}
