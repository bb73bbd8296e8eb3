package io.careerpath.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.careerpath.query.api.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.web.servlet.MockMvc;

/** The API docs are open, and the caller (read from the token) is no parameter a client could send. */
@ApiTest
@ImportAutoConfiguration(classes = {org.springdoc.core.configuration.SpringDocConfiguration.class,
        org.springdoc.core.properties.SpringDocConfigProperties.class,
        org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration.class})
class OpenApiDocsTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void theDocsAreOpenAndDoNotOfferTheCallerAsAParameter() throws Exception {
        String docs = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(docs).contains("/api/people/{personId}/timeline", "/api/teams/{teamId}/rotation-board");
        assertThat(docs).doesNotContain("\"caller\"", "managedTeams");
    }
}
