package io.careerpath.local.signin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the single-machine sign-in server ({@code careerpath.sign-in.*}, defaults in
 * {@code sign-in-server.yml}).
 */
@ConfigurationProperties("careerpath.sign-in")
public class SignInSettings {

    /** The {@code iss} of every token; empty: {@code http://127.0.0.1:<server.port>}. */
    private String issuer;

    /**
     * The demo accounts: {@code classpath:demo-accounts.yml} by default, or a file. Single-machine demo
     * accounts, never for production.
     */
    private String accountsFile = "classpath:demo-accounts.yml";

    /**
     * Where the dashboards are served (the query service's origin, e.g. {@code http://127.0.0.1:8081}): the
     * dashboard client may be sent back to {@code <origin>/signed-in.html} and {@code <origin>/}, and the
     * origin may call the token, key and discovery endpoints from JavaScript (CORS). More can be added
     * while running ({@link SignInServer#allowDashboard(String)}).
     */
    private List<String> dashboardOrigins = new ArrayList<>(List.of("http://127.0.0.1:8081"));

    /** The query service's client secret (client {@code careerpath-query}); the default is a demo value. */
    private String queryClientSecret = "query-client-demo-secret";

    /** How long access (and ID) tokens live. */
    private Duration accessTokenTtl = Duration.ofMinutes(30);

    /**
     * Where the signing key is kept (a JWK with its private part, readable by the owner only), so that
     * tokens survive a restart; empty: a new key on every start.
     */
    private Path keyFile;

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getAccountsFile() {
        return accountsFile;
    }

    public void setAccountsFile(String accountsFile) {
        this.accountsFile = accountsFile;
    }

    public List<String> getDashboardOrigins() {
        return dashboardOrigins;
    }

    public void setDashboardOrigins(List<String> dashboardOrigins) {
        this.dashboardOrigins = dashboardOrigins;
    }

    public String getQueryClientSecret() {
        return queryClientSecret;
    }

    public void setQueryClientSecret(String queryClientSecret) {
        this.queryClientSecret = queryClientSecret;
    }

    public Duration getAccessTokenTtl() {
        return accessTokenTtl;
    }

    public void setAccessTokenTtl(Duration accessTokenTtl) {
        this.accessTokenTtl = accessTokenTtl;
    }

    public Path getKeyFile() {
        return keyFile;
    }

    public void setKeyFile(Path keyFile) {
        this.keyFile = keyFile;
    }
}
