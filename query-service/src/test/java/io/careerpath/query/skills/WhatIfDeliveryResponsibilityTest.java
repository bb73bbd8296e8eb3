package io.careerpath.query.skills;

import static io.careerpath.query.api.ApiFixture.A;
import static io.careerpath.query.api.ApiFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The what-if takes a PMO role's {@code deliveryResponsibility} as NONE, PARTIAL or FULL, and still the
 * deprecated boolean (true FULL, false NONE); anything else is a 400 listing the allowed values.
 */
@ApiTest
@ImportAutoConfiguration(classes = {org.springdoc.core.configuration.SpringDocConfiguration.class,
        org.springdoc.core.properties.SpringDocConfigProperties.class,
        org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration.class})
class WhatIfDeliveryResponsibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;

    @BeforeEach
    void seed() {
        fixture.seeded();
    }

    @Test
    void partialKeepsDeliveryBetweenNoneAndFullAndTheBooleanMeansWhatItMeantBefore() throws Exception {
        double none = deliveryAtEnd("\"NONE\"");
        double partial = deliveryAtEnd("\"PARTIAL\"");
        double full = deliveryAtEnd("\"FULL\"");

        assertThat(partial).isGreaterThan(none).isLessThan(full);
        assertThat(deliveryAtEnd("true")).isEqualTo(full);
        assertThat(deliveryAtEnd("false")).isEqualTo(none);
        assertThat(deliveryAtEnd("null")).isEqualTo(none);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"MOSTLY\"", "\"partial\"", "2", "{}"})
    void anythingElseIsRefusedWithTheAllowedValues(String sent) throws Exception {
        MockHttpServletResponse response = whatIf(sent);

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.getContentAsString());
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("deliveryResponsibility");
        assertThat(problem.at("/errors/0/message").asText()).isEqualTo("must be one of [NONE, PARTIAL, FULL]");
    }

    @Test
    void theOpenApiDocumentMarksTheBooleanDeprecated() throws Exception {
        JsonNode docs = JSON.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());

        assertThat(docs.at("/components/schemas/WhatIfRequest/properties/deliveryResponsibility/$ref").asText())
                .isEqualTo("#/components/schemas/DeliveryResponsibilityInput");
        assertThat(docs.at("/components/schemas/DeliveryResponsibilityInput/oneOf/0/enum").toString())
                .isEqualTo("[\"NONE\",\"PARTIAL\",\"FULL\"]");
        assertThat(docs.at("/components/schemas/DeliveryResponsibilityInput/oneOf/1/type").asText()).isEqualTo("boolean");
        assertThat(docs.at("/components/schemas/DeliveryResponsibilityInput/oneOf/1/deprecated").asBoolean()).isTrue();
    }

    private double deliveryAtEnd(String deliveryResponsibility) throws Exception {
        MockHttpServletResponse response = whatIf(deliveryResponsibility);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        for (JsonNode skill : JSON.readTree(response.getContentAsString()).get("skills")) {
            if (skill.get("skill").asText().equals("DELIVERY_EXECUTION")) {
                return skill.get("atEnd").asDouble();
            }
        }
        throw new AssertionError("no DELIVERY_EXECUTION in the what-if");
    }

    private MockHttpServletResponse whatIf(String deliveryResponsibility) throws Exception {
        return mvc.perform(post("/api/people/{id}/what-if", A).with(as(Role.HR_ADMIN))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"kind": "PMO", "pmoType": "ORGANIZATIONAL", "months": 24, "deliveryResponsibility": %s}"""
                        .formatted(deliveryResponsibility))).andReturn().getResponse();
    }
}
