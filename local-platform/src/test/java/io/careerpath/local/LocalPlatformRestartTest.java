package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** The single-machine mode keeps everything under its data directory: a stop and a start lose nothing. */
class LocalPlatformRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartedPlatformFindsItsEventsReadModelsAndPositionsAgain() throws Exception {
        LocalPlatform.Settings settings = new LocalPlatform.Settings(dataDir, 0, 0,
                TestInfrastructure.freePort(), TestInfrastructure.freePort(), TestInfrastructure.freePort());
        String personId;
        try (LocalPlatform platform = LocalPlatform.start(settings)) {
            CareerpathClient client = client(platform);
            personId = client.register("Katherine Johnson", "team-langley");
            client.joinPmo(personId, "EXECUTIVE", "2023-06-01");
            client.awaitTimeline(personId, timeline -> timeline.get("entries").size() == 2);
        }

        try (LocalPlatform platform = LocalPlatform.start(settings)) {
            CareerpathClient client = client(platform);
            JsonNode recorded = client.joinPmo(personId, "PROGRAM", "2024-06-01");
            // the event store continued the person's history where it stopped: the end of the
            // executive PMO role at 2, the program PMO role at 3
            assertThat(recorded.get("sequenceNumber").asLong()).isEqualTo(3);

            JsonNode timeline = client.awaitTimeline(personId, t -> t.get("sequence").asLong() == 3);
            // the read model survived, and no event was projected twice after the restart
            assertThat(timeline.get("displayName").asText()).isEqualTo("Katherine Johnson");
            assertThat(timeline.get("entries")).hasSize(4);
        }
    }

    private static CareerpathClient client(LocalPlatform platform) {
        return new CareerpathClient(
                RestClient.builder().baseUrl("http://127.0.0.1:" + platform.services().commandPort())
                        .defaultHeader("Content-Type", MediaType.APPLICATION_JSON_VALUE).build(),
                RestClient.builder().baseUrl("http://127.0.0.1:" + platform.services().queryPort()).build());
    }
}
