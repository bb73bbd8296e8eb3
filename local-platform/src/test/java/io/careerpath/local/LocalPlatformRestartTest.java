package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-machine mode keeps everything under its data directory: a stop and a start lose nothing.
 * It signs people in itself (its own sign-in server, the demo accounts), and on its first start registers
 * the demo accounts' people, so that signing in as Erin shows her career at once. What the projection
 * parked stays parked across the restart (its dead-letter queue is in the read models' store). Each person's read
 * model (the demo people's too) is compared, entry by entry, with what the event store holds.
 */
@Tag("bad-day")
class LocalPlatformRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartedPlatformFindsItsEventsReadModelsAndPositionsAgain() throws Exception {
        LocalPlatform.Settings settings = new LocalPlatform.Settings(dataDir, 0, 0,
                TestInfrastructure.freePort(), TestInfrastructure.freePort(), TestInfrastructure.freePort());
        String personId;
        try (LocalPlatform platform = LocalPlatform.start(settings)) {
            CareerpathClient client = CareerpathClient.signedInAt(platform, "hana");
            personId = client.register("Katherine Johnson", "team-langley");
            client.joinPmo(personId, "EXECUTIVE", "2023-06-01");
            client.awaitTimeline(personId, timeline -> timeline.get("entries").size() == 2);
            // the demo people, registered on the first start: Erin sees her own career
            String erin = platform.signIn().account("erin").personId();
            JsonNode hers = CareerpathClient.signedInAt(platform, "erin").awaitTimeline(erin, timeline -> timeline.get("entries").size() == 1);
            assertThat(hers.get("teamId").asText()).isEqualTo("team-apollo");
            // before the restart, the read models hold what the event store holds
            client.awaitTimelineHoldingTheStore(personId);
            client.awaitTimelineHoldingTheStore(erin);

            // a record that is not an event parks Erin's further events
            try (TopicRecords topic = new TopicRecords("127.0.0.1:" + settings.kafkaPort(), "careerpath.career-events")) {
                topic.send(topic.plain(erin, "not an event"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> client.projectionDeadLetters().get("total").asLong() == 1);
        }

        try (LocalPlatform platform = LocalPlatform.start(settings)) {
            CareerpathClient client = CareerpathClient.signedInAt(platform, "hana");
            JsonNode recorded = client.joinPmo(personId, "PROGRAM", "2024-06-01");
            // the event store continued the person's history where it stopped: the end of the
            // executive PMO role at 2, the program PMO role at 3
            assertThat(recorded.get("sequenceNumber").asLong()).isEqualTo(3);

            JsonNode timeline = client.awaitTimeline(personId, t -> t.get("sequence").asLong() == 3);
            // the read model survived, and no event was projected twice after the restart
            assertThat(timeline.get("displayName").asText()).isEqualTo("Katherine Johnson");
            assertThat(timeline.get("entries")).hasSize(4);
            // ... entry by entry what the event store holds: each event once, under its own sequence
            assertThat(client.awaitTimelineHoldingTheStore(personId)).hasSize(4);
            // and every demo person's read model is what the store holds for them, after the restart too
            List<String> demoPeople = platform.signIn().accounts().stream()
                    .filter(account -> account.personId() != null && account.team() != null)
                    .map(account -> account.personId()).toList();
            assertThat(demoPeople).isNotEmpty();
            demoPeople.forEach(demoPerson -> assertThat(client.awaitTimelineHoldingTheStore(demoPerson)).hasSize(1));
            // registered once, not again on the second start
            String maria = platform.signIn().account("maria").personId();
            assertThat(client.careerEvents(maria).get("events")).hasSize(1);
            // still parked, with its reason
            JsonNode parked = client.projectionDeadLetters();
            assertThat(parked.get("total").asLong()).isEqualTo(1);
            assertThat(parked.at("/sequences/0/sequenceId").asText()).isEqualTo(platform.signIn().account("erin").personId());
            assertThat(parked.at("/sequences/0/letters/0/causeMessage").asText()).contains("no Axon headers");
        }
    }
}
