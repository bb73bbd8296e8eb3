package io.careerpath.query.access;

import static io.careerpath.query.api.ApiFixture.A;
import static io.careerpath.query.api.ApiFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.client.MongoDatabase;
import io.careerpath.events.DeliveryRoleStarted;
import io.careerpath.events.PersonErased;
import io.careerpath.query.api.ApiFixture;
import io.careerpath.query.api.ApiTest;
import io.careerpath.query.history.PackedEntries;
import io.careerpath.query.keys.TestKeys;
import io.careerpath.security.Role;
import java.time.Instant;
import java.time.LocalDate;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Sealed values opened for answers only, and erased people gone from every answer. */
@ApiTest
class PersonalDataTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ApiFixture fixture;
    @Autowired
    private TestKeys keys;
    @Autowired
    private MongoDatabase database;

    @BeforeEach
    void seed() {
        fixture.seeded();
    }

    @Test
    void theTimelineShowsNamesAndFreeTextOpened() throws Exception {
        String timeline = mvc.perform(get("/api/people/" + A + "/timeline").with(as(Role.EMPLOYEE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value("Ada Lovelace"))
                .andExpect(jsonPath("$.assignments[0].name").value("Apollo"))
                .andExpect(jsonPath("$.assignments[1].name").value("PMO North"))
                .andReturn().getResponse().getContentAsString();

        assertThat(timeline).contains("Mia Manager"); // the assessor of a skill assessment
        assertThat(timeline).doesNotContain("sealed:v1:");
    }

    @Test
    void mongoKeepsTheValuesSealedExactlyAsTheyArrived() {
        StringBuilder everything = new StringBuilder();
        for (String name : database.listCollectionNames()) {
            database.getCollection(name).find().forEach(document -> everything.append(unpacked(document).toJson()));
        }

        assertThat(everything).contains("sealed:v1:");
        assertThat(everything.toString()).doesNotContain("Ada Lovelace", "Apollo", "PMO North", "recorded by mistake");
    }

    /** A history document with its entries readable ({@link PackedEntries}): the values as they are stored, not their bytes. */
    private static Document unpacked(Document document) {
        if (document.get("entries") instanceof Document entries) {
            entries.replaceAll((sequence, entry) -> PackedEntries.unpack(entry));
        }
        return document;
    }

    @Test
    void aPersonWhoseKeyIsGoneIsNotFoundEvenBeforeTheErasureArrives() throws Exception {
        String gone = ApiFixture.newPersonId();
        fixture.person(gone, "Gone Soon", "t4", "2019-01-01");

        keys.destroy(gone); // the command service erased them; the event is still on its way

        mvc.perform(get("/api/people/" + gone + "/timeline").with(as(Role.HR_ADMIN)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:careerpath:problem:person-not-found"));
        mvc.perform(get("/api/teams/t4/rotation-board").with(as(Role.HR_ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.members").isEmpty());
    }

    @Test
    void anErasedPersonIsGoneFromEveryAnswer() throws Exception {
        String erased = ApiFixture.newPersonId();
        String stays = ApiFixture.newPersonId();
        fixture.person(erased, "Erin Erased", "t5", "2019-01-01");
        fixture.person(stays, "Sam Stays", "t5", "2019-01-01");
        mvc.perform(get("/api/teams/t5/rotation-board").with(as(Role.PMO_LEAD)))
                .andExpect(jsonPath("$.members.length()").value(2));

        keys.destroy(erased);
        fixture.record(new PersonErased(erased, "erased-1", LocalDate.parse("2025-05-01"), "hr", Instant.parse("2025-05-01T00:00:00Z")));
        // a redelivered older event must not bring them back
        fixture.record(new DeliveryRoleStarted(erased, "late", LocalDate.parse("2020-01-01"), "hr",
                Instant.parse("2025-05-01T00:00:00Z"), "sealed:v1:AAAA"));

        for (String view : new String[] {"timeline", "skills"}) {
            mvc.perform(get("/api/people/" + erased + "/" + view).with(as(Role.HR_ADMIN)))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(post("/api/people/" + erased + "/what-if").with(as(Role.HR_ADMIN))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"DELIVERY\",\"months\":6}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/teams/t5/rotation-board").with(as(Role.PMO_LEAD)))
                .andExpect(jsonPath("$.members.length()").value(1))
                .andExpect(jsonPath("$.members[0].displayName").value("Sam Stays"));
        Document tombstone = database.listCollectionNames().into(new java.util.ArrayList<>()).stream()
                .filter(name -> name.startsWith("person_histories"))
                .map(name -> database.getCollection(name).find(new Document("_id", erased)).first())
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
        assertThat(tombstone).isEqualTo(new Document("_id", erased).append("erased", true));
    }

    @Test
    void withoutTheCommandServiceNoPersonalDataIsShownAndTheClientIsToldToRetry() throws Exception {
        String person = ApiFixture.newPersonId();
        // down from before the person's registration is projected: no key of theirs is held anywhere in this
        // service (the figures for today ask for a key as soon as a person is written, and keep it for a while)
        keys.down(true);
        try {
            fixture.person(person, "Kim Later", "t6", "2019-01-01");
            mvc.perform(get("/api/people/" + person + "/timeline").with(as(Role.HR_ADMIN)))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:careerpath:problem:keys-unavailable"));
            mvc.perform(get("/api/teams/t6/rotation-board").with(as(Role.HR_ADMIN)))
                    .andExpect(status().isServiceUnavailable());
        } finally {
            keys.down(false);
        }
    }
}
