package io.careerpath.local.signin;

import io.careerpath.security.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * The single-machine sign-in server: an OpenID Connect provider (Spring Authorization Server) in its own
 * Spring context ({@code sign-in-server.yml}), with form login over the demo accounts (demo-accounts.yml,
 * never for production), the dashboards' public client {@value #DASHBOARD_CLIENT_ID} (authorization code
 * with PKCE), the query service's client {@value #QUERY_CLIENT_ID} (client credentials, scope
 * {@value Caller#KEYS_SCOPE}) and the command line's public client {@value #CLI_CLIENT_ID} (device
 * authorization grant). Access tokens carry the claims of docs/security.md.
 *
 * <p>The launcher starts it before the services and points them at {@link #issuer()}; the tests share one
 * per test JVM, sign in through it with the real authorization-code flow, and {@linkplain #mint mint}
 * tokens with its real signing key for the cases a well-behaved server never issues (expired, another
 * audience, other claims).
 */
public final class SignInServer implements AutoCloseable {

    public static final String DASHBOARD_CLIENT_ID = "careerpath-dashboard";
    public static final String QUERY_CLIENT_ID = "careerpath-query";
    /** The command line's public client: the device authorization grant. */
    public static final String CLI_CLIENT_ID = "careerpath-cli";
    public static final int DEFAULT_PORT = 9000;
    /** What minted tokens live for unless told otherwise. */
    public static final Duration MINTED_TTL = Duration.ofMinutes(5);

    private static final String SERVER_PORT = "server.port";

    private final ConfigurableApplicationContext context;
    private final String issuer;

    private SignInServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.issuer = context.getBean(AuthorizationServerSettings.class).getIssuer();
    }

    /**
     * Starts the server on {@code server.port} (default {@value #DEFAULT_PORT}; 0: a free port, chosen before
     * the start so that the issuer names it).
     *
     * @param settings {@code server.port} and {@code careerpath.sign-in.*} (see {@link SignInSettings}); they
     *                 outrank sign-in-server.yml
     */
    public static SignInServer start(Map<String, String> settings) {
        Map<String, String> resolved = new LinkedHashMap<>(settings);
        if ("0".equals(resolved.get(SERVER_PORT))) {
            resolved.put(SERVER_PORT, String.valueOf(freePort()));
        }
        // without an issuer of its own, the server names itself by the port it listens on
        String port = resolved.getOrDefault(SERVER_PORT, String.valueOf(DEFAULT_PORT));
        List<String> arguments = new ArrayList<>();
        resolved.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(SignInServerConfiguration.class)
                    .main(SignInServer.class)
                    .web(WebApplicationType.SERVLET)
                    .properties("spring.config.name=sign-in-server", "logging.register-shutdown-hook=false")
                    // stopped by its owner (the launcher's one shutdown hook, after the services it signs in for)
                    .registerShutdownHook(false)
                    .run(arguments.toArray(String[]::new));
            return new SignInServer(context);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof PortInUseException) {
                    throw new IllegalStateException("The sign-in server cannot listen on port " + port
                            + " (taken? choose another with --sign-in-port)", e);
                }
            }
            throw e;
        }
    }

    /** The {@code iss} of every token, and where discovery starts ({@code <issuer>/.well-known/openid-configuration}). */
    public String issuer() {
        return issuer;
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String authorizationUri() {
        return issuer + endpoints().getAuthorizationEndpoint();
    }

    public String tokenUri() {
        return issuer + endpoints().getTokenEndpoint();
    }

    public String jwkSetUri() {
        return issuer + endpoints().getJwkSetEndpoint();
    }

    public String deviceAuthorizationUri() {
        return issuer + endpoints().getDeviceAuthorizationEndpoint();
    }

    /** OpenID Connect RP-initiated logout. */
    public String logoutUri() {
        return issuer + endpoints().getOidcLogoutEndpoint();
    }

    public String userInfoUri() {
        return issuer + endpoints().getOidcUserInfoEndpoint();
    }

    /** Where the dashboards at {@code origin} receive the authorization code. */
    public static String dashboardRedirectUri(String origin) {
        return origin.replaceAll("/+$", "") + DashboardClients.SIGNED_IN_PAGE;
    }

    /**
     * Lets the dashboards served at {@code origin} (e.g. {@code http://127.0.0.1:54321}) sign in (redirect to
     * {@code <origin>/signed-in.html}), sign out (back to {@code <origin>/}) and call this server from
     * JavaScript (CORS).
     */
    public void allowDashboard(String origin) {
        context.getBean(DashboardClients.class).allow(origin);
    }

    public Set<String> dashboardOrigins() {
        return context.getBean(DashboardClients.class).origins();
    }

    /** The query service's client secret (client {@value #QUERY_CLIENT_ID}), for the key path. */
    public String queryClientSecret() {
        return context.getBean(SignInSettings.class).getQueryClientSecret();
    }

    public Duration accessTokenTtl() {
        return context.getBean(SignInSettings.class).getAccessTokenTtl();
    }

    /** The single-machine demo accounts, in the order of the file. Never for production. */
    public List<DemoAccount> accounts() {
        return context.getBean(DemoAccounts.class).all();
    }

    public DemoAccount account(String username) {
        return context.getBean(DemoAccounts.class).get(username);
    }

    /**
     * A token signed with this server's real key, for what the server itself never issues. Starts from
     * {@code iss} = {@link #issuer()}, {@code aud} = [{@value Caller#AUDIENCE}], {@code iat} = now, {@code exp} =
     * now + {@link #MINTED_TTL} and a fresh {@code jti}; {@code claims} adds or replaces anything (note that
     * resource servers allow 60 s of clock skew: an expired token must have expired longer ago than that).
     */
    public String mint(Consumer<JwtClaimsSet.Builder> claims) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder builder = JwtClaimsSet.builder()
                .issuer(issuer)
                .audience(List.of(Caller.AUDIENCE))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(MINTED_TTL))
                .id(SignInServerConfiguration.newTokenId());
        claims.accept(builder);
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return context.getBean(JwtEncoder.class).encode(JwtEncoderParameters.from(header, builder.build())).getTokenValue();
    }

    /**
     * An access token for the demo account, as the server issues it after sign-in ({@code sub}, {@code roles},
     * {@code person_id}, {@code managed_teams}, {@code scope} "openid profile"), then changed by {@code adjust}.
     */
    public String mintFor(String username, Consumer<JwtClaimsSet.Builder> adjust) {
        DemoAccount account = account(username);
        return mint(claims -> {
            claims.subject(account.username()).claim("scope", "openid profile");
            SignInServerConfiguration.userClaims(claims, account);
            adjust.accept(claims);
        });
    }

    public String mintFor(String username) {
        return mintFor(username, claims -> {
        });
    }

    /** The account's token, expired ten minutes ago (well beyond any clock skew allowed). */
    public String mintExpiredFor(String username) {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        return mintFor(username, claims -> claims.issuedAt(past.minus(MINTED_TTL)).notBefore(past.minus(MINTED_TTL))
                .expiresAt(past));
    }

    /** The account's token, for another audience than {@value Caller#AUDIENCE}. */
    public String mintForAudience(String username, String... audience) {
        return mintFor(username, claims -> claims.audience(List.of(audience)));
    }

    /** A client-credentials token of the query service's client, as the server issues it. */
    public String mintQueryClientToken() {
        return mint(claims -> claims.subject(QUERY_CLIENT_ID).claim("client_id", QUERY_CLIENT_ID)
                .claim("scope", Caller.KEYS_SCOPE));
    }

    /** Decodes one of this server's tokens, checking its signature and expiry (not its audience). */
    public JwtDecoder decoder() {
        return context.getBean(JwtDecoder.class);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }

    private AuthorizationServerSettings endpoints() {
        return context.getBean(AuthorizationServerSettings.class);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the sign-in server", e);
        }
    }
}
