package io.careerpath.local;

import io.careerpath.local.signin.DemoAccount;
import io.careerpath.local.signin.SignInServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * On a first start of the single-machine mode, the demo accounts that are people with a team of their
 * own (Erin and Maria in team-apollo) are registered, so that signing in as one of them shows a career
 * at once. Through the command API like any client, with a token from the launcher's own sign-in server.
 */
final class DemoPeople {

    private static final Logger log = LoggerFactory.getLogger(DemoPeople.class);
    /** Who registers them: recorded as {@code sub:careerpath-launcher}, an account that is no person. */
    static final String LAUNCHER = "careerpath-launcher";

    private DemoPeople() {
    }

    static void registerIfMissing(SignInServer signIn, PlatformServices services) {
        List<DemoAccount> people = signIn.accounts().stream()
                .filter(account -> account.personId() != null && account.team() != null).toList();
        if (people.isEmpty()) {
            return;
        }
        String token = signIn.mint(claims -> claims.subject(LAUNCHER).claim("roles", List.of("HR_ADMIN")));
        RestClient commandApi = RestClient.builder().baseUrl("http://127.0.0.1:" + services.commandPort())
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .defaultHeader("Content-Type", MediaType.APPLICATION_JSON_VALUE).build();
        for (DemoAccount account : people) {
            if (registered(commandApi, account.personId())) {
                continue;
            }
            Map<String, Object> registration = new LinkedHashMap<>();
            registration.put("personId", account.personId());
            registration.put("displayName", account.name());
            registration.put("teamId", account.team());
            registration.put("teamName", teamName(account.team()));
            commandApi.post().uri("/api/people").body(registration).retrieve().toBodilessEntity();
            log.info("Registered the demo account {}'s person {} in {}", account.username(), account.personId(),
                    account.team());
        }
    }

    /** The demo teams' names: "team-apollo" is the team people call "Apollo". */
    static String teamName(String teamId) {
        String name = teamId.startsWith("team-") ? teamId.substring("team-".length()) : teamId;
        return name.isEmpty() ? teamId : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static boolean registered(RestClient commandApi, String personId) {
        try {
            commandApi.get().uri("/api/people/{id}/career-events", personId).retrieve().toBodilessEntity();
            return true;
        } catch (HttpClientErrorException.NotFound unknown) {
            return false;
        }
    }
}
