package io.careerpath.query.skills;

import static io.careerpath.query.api.ApiFixture.A;
import static io.careerpath.query.api.ApiFixture.B;
import static io.careerpath.query.api.ApiFixture.F;
import static io.careerpath.query.api.ApiFixture.T1;
import static io.careerpath.query.api.ApiFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 15: the delivery figures agree with each other. Someone with no delivery history has no
 * retention (not 100 %), and one verdict drives the career page's cards and the board's flag.
 */
@ApiTest
class DeliveryFiguresTest {

    private static final String DAY = "2025-06-01";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private ObjectMapper json;

    @BeforeEach
    void seed() {
        fixture.seeded();
    }

    private JsonNode read(String path) throws Exception {
        return json.readTree(mvc.perform(get(path).param("asOf", DAY).param("knownOn", DAY).with(as(Role.PMO_LEAD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private JsonNode member(String personId) throws Exception {
        for (JsonNode member : read("/api/teams/" + T1 + "/rotation-board").get("members")) {
            if (member.get("personId").asText().equals(personId)) {
                return member;
            }
        }
        throw new AssertionError(personId + " is not on the board");
    }

    private static boolean atRisk(JsonNode member) {
        for (JsonNode flag : member.get("flags")) {
            if (flag.asText().equals("DELIVERY_AT_RISK")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void someoneWhoNeverDeliveredHasNoRetentionAndSaysSo() throws Exception {
        JsonNode skills = read("/api/people/" + F + "/skills");
        JsonNode member = member(F);

        assertThat(skills.get("deliveryRetention").isNull()).as("retention, not 100 %").isTrue();
        assertThat(skills.get("deliveryHistory").asBoolean()).isFalse();
        assertThat(skills.get("deliveryVerdict").asText()).isEqualTo("NO_DELIVERY_HISTORY");
        assertThat(skills.get("deliveryAttention").asBoolean()).isFalse();
        assertThat(member.get("deliveryRetention").isNull()).as("board retention, not 100 %").isTrue();
        assertThat(member.get("deliveryHistory").asBoolean()).isFalse();
        assertThat(member.get("deliveryVerdict").asText()).isEqualTo("NO_DELIVERY_HISTORY");
        assertThat(atRisk(member)).isFalse();
    }

    @Test
    void someoneWithDeliveryHistoryKeepsTheirRetention() throws Exception {
        JsonNode delivering = read("/api/people/" + B + "/skills");

        assertThat(delivering.get("deliveryHistory").asBoolean()).isTrue();
        assertThat(delivering.get("deliveryVerdict").asText()).isEqualTo("DELIVERING");
        assertThat(delivering.get("deliveryRetention").isNumber()).isTrue();
        assertThat(member(B).get("deliveryRetention").isNumber()).isTrue();
    }

    @Test
    void oneVerdictDrivesTheCareerCardsAndTheBoardFlag() throws Exception {
        // A delivered for six years, then went to a program PMO in 2021: retention has fallen since
        JsonNode skills = read("/api/people/" + A + "/skills");
        JsonNode member = member(A);
        String verdict = skills.get("deliveryVerdict").asText();
        double retention = skills.get("deliveryRetention").asDouble();
        double threshold = skills.get("rotateBackThreshold").asDouble();

        assertThat(verdict).isEqualTo(retention < threshold ? "BELOW_THRESHOLD" : skills.get("rotateBackBy").isNull()
                ? "ON_TRACK" : verdict);
        assertThat(skills.get("deliveryAttention").asBoolean())
                .isEqualTo(verdict.equals("BELOW_THRESHOLD") || verdict.equals("ROTATE_BACK_SOON"));
        assertThat(member.get("deliveryVerdict").asText()).isEqualTo(verdict);
        assertThat(atRisk(member)).isEqualTo(skills.get("deliveryAttention").asBoolean());
    }
}
