package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The topic's AsyncAPI document is open, served as YAML, and is the repository's docs/asyncapi.yaml byte for
 * byte (copied into the jar at build time). What it says is checked against real records in local-platform
 * ({@code AsyncApiContractTest}).
 */
class AsyncApiDocumentTest extends CommandApiTest {

    @Test
    void theTopicsContractIsServedWithoutATokenFromTheDocsFile() throws Exception {
        MockHttpServletResponse response = anonymous().perform(get("/asyncapi.yaml")).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/yaml");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .startsWith("asyncapi: 3.0.0")
                .isEqualTo(Files.readString(Path.of("../docs/asyncapi.yaml")));
    }
}
