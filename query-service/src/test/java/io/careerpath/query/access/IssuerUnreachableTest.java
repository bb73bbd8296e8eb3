package io.careerpath.query.access;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.careerpath.query.api.ApiTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The service starts and serves its open endpoints while the sign-in server is down; a token that
 * cannot be checked meanwhile is a 503 (try again), not a 401 (sign in again).
 */
class IssuerUnreachableTest {

    /** A well-formed RS256 token; whether it is good cannot be known without the issuer's keys. */
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0"
            + ".eyJzdWIiOiJhIiwiaXNzIjoiaHR0cDovLzEyNy4wLjAuMToxIiwiYXVkIjoiY2FyZWVycGF0aC1hcGkifQ"
            + ".c2lnbmF0dXJl";

    static void unavailableUntilTheIssuerAnswers(MockMvc mvc) throws Exception {
        mvc.perform(get("/api/config")).andExpect(status().isOk());
        mvc.perform(get("/api/teams").header("Authorization", "Bearer " + TOKEN))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:careerpath:problem:issuer-unavailable"));
    }

    @Nested
    @ApiTest
    @TestPropertySource(properties = "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1")
    class DiscoveryOutOfReach {

        @Autowired
        private MockMvc mvc;

        @Test
        void aTokenCannotBeCheckedYet() throws Exception {
            unavailableUntilTheIssuerAnswers(mvc);
        }
    }

    @Nested
    @ApiTest
    @TestPropertySource(properties = {"spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/jwks"})
    class KeysOutOfReach {

        @Autowired
        private MockMvc mvc;

        @Test
        void aTokenCannotBeCheckedYet() throws Exception {
            unavailableUntilTheIssuerAnswers(mvc);
        }
    }
}
