package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The service starts without its issuer (it reads the issuer's keys on the first token, here from an
 * address where nothing listens); a token that cannot be checked meanwhile is a 503 problem, not a 500.
 */
class IssuerUnavailableTest extends CommandApiTest {

    @Test
    void aTokenThatCannotBeCheckedIsA503Problem() throws Exception {
        MockHttpServletResponse response = anonymous().perform(get("/api/imports")
                .header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).andReturn().getResponse();

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(503);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:careerpath:problem:issuer-unavailable");
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    }
}
