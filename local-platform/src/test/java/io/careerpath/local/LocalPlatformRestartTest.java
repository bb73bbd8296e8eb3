package io.careerpath.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * The single-machine mode keeps everything under its data directory: a stop and a start lose nothing.
 * It signs people in itself (its own sign-in server, the demo accounts), and on its first start registers
 * the demo accounts' people, so that signing in as Erin shows her career at once.
 */
class LocalPlatformRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartedPlatformFindsItsEventsReadModelsAndPositionsAgain() throws Exception {
        LocalPlatform.Settings settings = new LocalPlatform.Settings(dataDir, 0, 0,
                TestInfrastructure.freePort(), TestInfrastructure.freePort(), TestInfrastructure.freePort());
        String personId;
        try (LocalPlatform platform = LocalPlatform.start(settings)) {
            CareerpathClient client = client(platform, "hana");
            personId = client.register("Katherine Johnson", "team-langley");
            client.joinPmo(personId, "EXECUTIVE", "2023-06-01");
            client.awaitTimeline(personId, timeline -> timeline.get("entries").size() == 2);
            // the demo people, registered on the first start: Erin sees her own career
            String erin = platform.signIn().account("erin").personId();
            JsonNode hers = client(platform, "erin").awaitTimeline(erin, timeline -> timeline.get("entries").size() == 1);
            assertThat(hers.get("teamId").asText()).isEqualTo("team-apollo");
        }

        try (LocalPlatform platform = LocalPlatform.start(settings)) {
            CareerpathClient client = client(platform, "hana");
            JsonNode recorded = client.joinPmo(personId, "PROGRAM", "2024-06-01");
            // the event store continued the person's history where it stopped: the end of the
            // executive PMO role at 2, the program PMO role at 3
            assertThat(recorded.get("sequenceNumber").asLong()).isEqualTo(3);

            JsonNode timeline = client.awaitTimeline(personId, t -> t.get("sequence").asLong() == 3);
            // the read model survived, and no event was projected twice after the restart
            assertThat(timeline.get("displayName").asText()).isEqualTo("Katherine Johnson");
            assertThat(timeline.get("entries")).hasSize(4);
            // registered once, not again on the second start
            String maria = platform.signIn().account("maria").personId();
            assertThat(client.careerEvents(maria).get("events")).hasSize(1);
        }
    }

    /** The two APIs as the demo account, signed in at this platform's own sign-in server. */
    private static CareerpathClient client(LocalPlatform platform, String username) {
        SignIn signIn = new SignIn(platform.signIn(), PlatformServices.dashboardOrigin(platform.services().queryPort()));
        ClientHttpRequestInterceptor bearer = (request, body, execution) -> {
            request.getHeaders().setBearerAuth(signIn.accessToken(username));
            return execution.execute(request, body);
        };
        return new CareerpathClient(
                RestClient.builder().baseUrl("http://127.0.0.1:" + platform.services().commandPort())
                        .defaultHeader("Content-Type", MediaType.APPLICATION_JSON_VALUE).requestInterceptor(bearer).build(),
                RestClient.builder().baseUrl("http://127.0.0.1:" + platform.services().queryPort())
                        .requestInterceptor(bearer).build());
    }
}
