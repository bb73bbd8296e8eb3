package io.careerpath.command.publishing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The topic's public contract, an AsyncAPI 3 document, open as the OpenAPI document is: other systems of the
 * company read the topic, not the API. The document is {@code docs/asyncapi.yaml}, copied into the jar at build
 * time (command-service/pom.xml), so that what is served is what the repository shows and
 * {@code AsyncApiContractTest} checks against real records.
 */
@RestController
class AsyncApiController {

    static final String PATH = "/asyncapi.yaml";
    static final String YAML = "application/yaml";

    private final Resource document = new ClassPathResource("asyncapi.yaml", AsyncApiController.class);

    @GetMapping(value = PATH, produces = YAML)
    @Operation(summary = "The Kafka topic's contract (AsyncAPI 3): its key, headers and every event type and revision")
    @SecurityRequirements
    Resource document() {
        return document;
    }
}
