package io.careerpath.local.signin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The registered clients, and the dashboards' origins: where the dashboard client may be sent back to
 * after sign-in and sign-out, and which origins may call the server from JavaScript (CORS). Origins can
 * be added while the server runs, since tests start services on ports chosen at run time.
 */
final class DashboardClients implements RegisteredClientRepository, CorsConfigurationSource {

    static final String SIGNED_IN_PAGE = "/signed-in.html";

    private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();
    private final Map<String, RegisteredClient> byClientId = new ConcurrentHashMap<>();
    private final Set<String> origins = new CopyOnWriteArraySet<>();
    private final String dashboardClientId;

    DashboardClients(String dashboardClientId, List<RegisteredClient> clients, List<String> dashboardOrigins) {
        this.dashboardClientId = dashboardClientId;
        clients.forEach(this::save);
        dashboardOrigins.forEach(this::allow);
    }

    /** Lets the dashboards served at {@code origin} (scheme, host and port, no path) sign in and out. */
    synchronized void allow(String origin) {
        String normalized = origin.replaceAll("/+$", "");
        if (normalized.isBlank() || !origins.add(normalized)) {
            return;
        }
        RegisteredClient dashboard = byClientId.get(dashboardClientId);
        save(RegisteredClient.from(dashboard)
                .redirectUri(normalized + SIGNED_IN_PAGE)
                .postLogoutRedirectUri(normalized + "/")
                .build());
    }

    Set<String> origins() {
        return Set.copyOf(origins);
    }

    @Override
    public synchronized void save(RegisteredClient client) {
        RegisteredClient before = byClientId.get(client.getClientId());
        if (before != null && !before.getId().equals(client.getId())) {
            throw new IllegalArgumentException("Client id " + client.getClientId() + " is registered already");
        }
        byId.put(client.getId(), client);
        byClientId.put(client.getClientId(), client);
    }

    @Override
    public RegisteredClient findById(String id) {
        return byId.get(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return byClientId.get(clientId);
    }

    @Override
    public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(List.copyOf(origins));
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        // the dashboards exchange the code and read the keys without cookies (public client, PKCE)
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        return cors;
    }
}
