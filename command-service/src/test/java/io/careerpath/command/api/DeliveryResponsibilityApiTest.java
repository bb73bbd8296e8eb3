package io.careerpath.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import io.careerpath.events.DeliveryResponsibility;
import io.careerpath.events.JoinedPmo;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * JOINED_PMO's {@code deliveryResponsibility} in the API and the bulk import: {@code NONE}, {@code PARTIAL}
 * or {@code FULL}, and, deprecated, the boolean of revision 1 ({@code true} is FULL, {@code false} NONE);
 * anything else is a 400 that lists the allowed values, and records nothing.
 */
class DeliveryResponsibilityApiTest extends CommandApiTest {

    @ParameterizedTest(name = "{0} is recorded as {1}")
    @CsvSource({"'\"NONE\"', NONE", "'\"PARTIAL\"', PARTIAL", "'\"FULL\"', FULL",
            "true, FULL", "false, NONE", "null, NONE"})
    void eachValueAndTheDeprecatedBooleanAreRecordedAsTheirMeaning(String sent, DeliveryResponsibility stored)
            throws Exception {
        String person = register();

        recorded(person, """
                {"type": "JOINED_PMO", "effectiveDate": "2020-01-06", "pmoType": "PROGRAM", "deliveryResponsibility": %s}"""
                .formatted(sent));

        assertThat(storedEvents(person).get(1)).isInstanceOfSatisfying(JoinedPmo.class,
                joined -> assertThat(joined.deliveryResponsibility()).isEqualTo(stored));
    }

    @Test
    void leftOutItIsNone() throws Exception {
        String person = register();

        recorded(person, """
                {"type": "JOINED_PMO", "effectiveDate": "2020-01-06", "pmoType": "PROGRAM"}""");

        assertThat(((JoinedPmo) storedEvents(person).get(1)).deliveryResponsibility())
                .isEqualTo(DeliveryResponsibility.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"MOSTLY\"", "\"full\"", "\"\"", "1", "0.5", "{}", "[\"FULL\"]"})
    void anythingElseIsRefusedWithTheAllowedValuesAndRecordsNothing(String sent) throws Exception {
        String person = register();

        MockHttpServletResponse response = mvc.perform(record(person, """
                {"type": "JOINED_PMO", "effectiveDate": "2020-01-06", "pmoType": "PROGRAM", "deliveryResponsibility": %s}"""
                .formatted(sent))).andReturn().getResponse();

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:careerpath:problem:invalid-value");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("deliveryResponsibility");
        assertThat(problem.get("errors").get(0).get("message").asText()).isEqualTo("must be one of NONE, PARTIAL, FULL");
        assertThat(storedEvents(person)).hasSize(1);
    }

    @Test
    void theOpenApiDocumentOffersTheValuesAndMarksTheBooleanDeprecated() throws Exception {
        JsonNode document = json.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());

        JsonNode field = document.at("/components/schemas/JOINED_PMO/allOf/1/properties/deliveryResponsibility");
        JsonNode input = document.at("/components/schemas/DeliveryResponsibilityInput");

        assertThat(field.get("$ref").asText()).isEqualTo("#/components/schemas/DeliveryResponsibilityInput");
        JsonNode values = input.at("/oneOf/0");
        JsonNode flag = input.at("/oneOf/1");
        assertThat(values.get("type").asText()).isEqualTo("string");
        List<String> allowed = new ArrayList<>();
        values.get("enum").forEach(value -> allowed.add(value.asText()));
        assertThat(allowed).containsExactly("NONE", "PARTIAL", "FULL");
        assertThat(flag.get("type").asText()).isEqualTo("boolean");
        assertThat(flag.get("deprecated").asBoolean()).isTrue();
        assertThat(flag.get("description").asText()).contains("true is read as FULL, false as NONE");
    }

    @Test
    void aBulkImportTakesTheSameValuesAndRefusesTheSameWay() throws Exception {
        String ref = "D" + UUID.randomUUID().toString().substring(0, 8);
        String csv = String.join("\n",
                "personRef,type,effectiveDate,displayName,teamId,pmoType,deliveryResponsibility",
                ref + "A,PERSON_REGISTERED,2014-01-06,Ada,team-apollo,,",                // 2
                ref + "A,JOINED_PMO,2015-01-05,,,PROGRAM,PARTIAL",                         // 3 PARTIAL
                ref + "B,PERSON_REGISTERED,2014-01-06,Grace,team-apollo,,",              // 4
                ref + "B,JOINED_PMO,2015-01-05,,,PROGRAM,true",                            // 5 deprecated: FULL
                ref + "C,PERSON_REGISTERED,2014-01-06,Edsger,team-apollo,,",             // 6
                ref + "C,JOINED_PMO,2015-01-05,,,PROGRAM,MOSTLY") + "\n";                  // 7 refused
        String ndjson = """
                {"personRef": "%sD", "type": "PERSON_REGISTERED", "effectiveDate": "2014-01-06", "displayName": "Barbara", "teamId": "team-apollo"}
                {"personRef": "%sD", "type": "JOINED_PMO", "effectiveDate": "2015-01-05", "pmoType": "EXECUTIVE", "deliveryResponsibility": "FULL"}
                """.formatted(ref, ref);

        JsonNode fromCsv = awaitEnd(upload(csv, MediaType.parseMediaType("text/csv")));
        JsonNode fromNdjson = awaitEnd(upload(ndjson, MediaType.parseMediaType("application/x-ndjson")));

        assertThat(fromCsv.get("failed").asLong()).isEqualTo(1);
        JsonNode refused = fromCsv.get("failures").get(0);
        assertThat(refused.get("line").asLong()).isEqualTo(7);
        assertThat(refused.get("problem").asText()).isEqualTo("urn:careerpath:problem:invalid-value");
        assertThat(refused.get("field").asText()).isEqualTo("deliveryResponsibility");
        assertThat(refused.get("reason").asText()).contains("NONE, PARTIAL, FULL");
        assertThat(fromNdjson.get("failed").asLong()).isZero();
        assertThat(deliveryResponsibilityOf(ref + "A")).isEqualTo(DeliveryResponsibility.PARTIAL);
        assertThat(deliveryResponsibilityOf(ref + "B")).isEqualTo(DeliveryResponsibility.FULL);
        assertThat(storedEvents(importedPersonId(ref + "C"))).hasSize(1);
        assertThat(deliveryResponsibilityOf(ref + "D")).isEqualTo(DeliveryResponsibility.FULL);
    }

    /**
     * The same fact written the old way in one file and the new way in the next is one event: a row's id
     * reads FULL as {@code true} and NONE as {@code false}, so files exported before the change keep the
     * ids they had.
     */
    @Test
    void aRowWithTheNewValueIsTheSameFactAsTheOldBoolean() throws Exception {
        String ref = "S" + UUID.randomUUID().toString().substring(0, 8);
        String header = "personRef,type,effectiveDate,displayName,teamId,pmoType,deliveryResponsibility\n"
                + ref + ",PERSON_REGISTERED,2014-01-06,Ada,team-apollo,,\n";
        awaitEnd(upload(header + ref + ",JOINED_PMO,2015-01-05,,,PROGRAM,true\n"
                + ref + ",TEAM_CHANGED,2016-01-04,,team-x,,\n", MediaType.parseMediaType("text/csv")));

        JsonNode again = awaitEnd(upload(header + ref
                + ",JOINED_PMO,2015-01-05,,,PROGRAM,FULL\n", MediaType.parseMediaType("text/csv")));

        assertThat(again.get("alreadyRecorded").asLong()).isEqualTo(2);
        assertThat(again.get("failed").asLong()).isZero();
        assertThat(storedEvents(importedPersonId(ref))).hasSize(3);
    }

    private DeliveryResponsibility deliveryResponsibilityOf(String personRef) {
        return storedEvents(importedPersonId(personRef)).stream().filter(JoinedPmo.class::isInstance)
                .map(JoinedPmo.class::cast).findFirst().orElseThrow().deliveryResponsibility();
    }
}
