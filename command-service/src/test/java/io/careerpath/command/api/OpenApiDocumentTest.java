package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.careerpath.events.AdministrativeLoadRecorded;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI document shows one example per event type, and each example is accepted as it stands. */
class OpenApiDocumentTest extends CommandApiTest {

    private static final List<String> EVENT_TYPES = List.of("DELIVERY_ROLE_STARTED", "JOINED_PMO",
            "TOOK_TROUBLED_PROGRAM", "REGAINED_DELIVERY_ROLE", "ASSIGNMENT_ENDED", "ADMINISTRATIVE_LOAD_RECORDED",
            "PMO_PREFERENCE_STATED", "SKILL_ASSESSED", "TEAM_CHANGED", "EVENT_RETRACTED");

    @Test
    void recordingACareerEventIsDocumentedWithAnExamplePerType() throws Exception {
        JsonNode document = json.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
        JsonNode post = document.at("/paths/~1api~1people~1{personId}~1career-events/post");

        JsonNode examples = post.at("/requestBody/content/application~1json/examples");
        List<String> names = new ArrayList<>();
        examples.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrderElementsOf(EVENT_TYPES);
        examples.fields().forEachRemaining(example ->
                assertThat(example.getValue().at("/value/type").asText()).isEqualTo(example.getKey()));
        assertThat(post.at("/responses").has("422")).isTrue();
        assertThat(document.at("/paths/~1api~1people~1{personId}~1career-events/get").isMissingNode()).isFalse();
        assertThat(document.at("/components/schemas").has("REGAINED_DELIVERY_ROLE")).isTrue();
    }

    @Test
    void theDocumentAsksForABearerTokenAndKnowsNoIdentityHeader() throws Exception {
        String text = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        JsonNode document = json.readTree(text);

        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/security/0").has("bearer")).isTrue();
        assertThat(text).doesNotContainIgnoringCase("X-Recorded-By").doesNotContain("\"caller\"");
        assertThat(document.at("/paths/~1api~1people~1{personId}/delete").isMissingNode()).isFalse();
    }

    @Test
    void everyDocumentedExampleIsAcceptedInASensibleOrder() throws Exception {
        JsonNode document = json.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
        JsonNode examples = document.at("/paths/~1api~1people~1{personId}~1career-events/post/requestBody/content/"
                + "application~1json/examples");
        String person = register();

        for (String type : List.of("DELIVERY_ROLE_STARTED", "JOINED_PMO", "ADMINISTRATIVE_LOAD_RECORDED",
                "TOOK_TROUBLED_PROGRAM", "ASSIGNMENT_ENDED", "REGAINED_DELIVERY_ROLE", "TEAM_CHANGED", "SKILL_ASSESSED",
                "PMO_PREFERENCE_STATED")) {
            recorded(person, examples.get(type).get("value").toString());
        }
        String load = storedEvents(person).stream().filter(AdministrativeLoadRecorded.class::isInstance)
                .findFirst().orElseThrow().eventId();
        String retraction = ((ObjectNode) examples.get("EVENT_RETRACTED").get("value")).put("eventId", load).toString();
        recorded(person, retraction);
    }
}
