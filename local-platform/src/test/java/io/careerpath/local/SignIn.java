package io.careerpath.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.local.signin.DemoAccounts;
import io.careerpath.local.signin.SignInServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs in as a browser with the dashboards would: the real authorization-code flow with PKCE against a
 * {@link SignInServer} (authorize, the login form with its CSRF token, the code from the redirect, the
 * token exchange), over plain HTTP with a cookie jar. Access tokens are cached per account until a
 * minute before they expire.
 */
final class SignIn {

    /** What the token endpoint answered. */
    record Tokens(String accessToken, String idToken, Instant expiresAt, JsonNode response) {
    }

    /** The login form did not accept the username and password. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");
    private static final Pattern HIDDEN_INPUT = Pattern.compile(
            "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
    private static final Duration MARGIN = Duration.ofSeconds(60);

    /** Where the sign-in server takes requests. */
    private record Endpoints(String authorizationUri, String tokenUri, String deviceAuthorizationUri) {
    }

    private final SignInServer server;
    private final Endpoints endpoints;
    private final Function<String, String> demoPassword;
    private final String redirectUri;
    /** What the dashboards ask for. */
    private final String scope;
    private final Map<String, Tokens> cache = new ConcurrentHashMap<>();

    /** @param dashboardOrigin where the code is sent back to (registered with the server here) */
    SignIn(SignInServer server, String dashboardOrigin) {
        this(server, new Endpoints(server.authorizationUri(), server.tokenUri(), server.deviceAuthorizationUri()),
                username -> server.account(username).plainPassword(), dashboardOrigin);
        server.allowDashboard(dashboardOrigin);
    }

    private SignIn(SignInServer server, Endpoints endpoints, Function<String, String> demoPassword, String dashboardOrigin) {
        this(server, endpoints, demoPassword, dashboardOrigin, "openid profile");
    }

    private SignIn(SignInServer server, Endpoints endpoints, Function<String, String> demoPassword, String dashboardOrigin,
                   String scope) {
        this.scope = scope;
        this.server = server;
        this.endpoints = endpoints;
        this.demoPassword = demoPassword;
        this.redirectUri = SignInServer.dashboardRedirectUri(dashboardOrigin);
    }

    /**
     * Signs in at a sign-in server in another process (the launcher's, in a child JVM), found by its issuer's
     * discovery document, with the demo passwords of demo-accounts.yml. {@code dashboardOrigin} must be one
     * the server already lets sign in: the launcher allows its dashboards' origin.
     */
    static SignIn atIssuer(String issuer, String dashboardOrigin) {
        return atIssuer(issuer, dashboardOrigin, "openid profile");
    }

    /** As {@link #atIssuer(String, String)}, asking for {@code scope}. */
    static SignIn atIssuer(String issuer, String dashboardOrigin, String scope) {
        HttpResponse<String> discovery = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                URI.create(issuer + "/.well-known/openid-configuration")).GET().build());
        try {
            JsonNode endpoints = JSON.readTree(discovery.body());
            DemoAccounts accounts = DemoAccounts.read("classpath:demo-accounts.yml");
            return new SignIn(null, new Endpoints(endpoints.get("authorization_endpoint").asText(),
                    endpoints.get("token_endpoint").asText(), endpoints.get("device_authorization_endpoint").asText()),
                    username -> accounts.get(username).plainPassword(), dashboardOrigin, scope);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("No discovery document at " + issuer + ": " + discovery.body(), e);
        }
    }

    /** The server in this JVM; null for one {@linkplain #atIssuer in another process}. */
    SignInServer server() {
        return server;
    }

    /** A valid access token of the demo account, signed in with its demo password. */
    String accessToken(String username) {
        return cache.compute(username, (name, cached) -> cached != null
                && cached.expiresAt().isAfter(Instant.now().plus(MARGIN)) ? cached
                : signIn(name, demoPassword.apply(name))).accessToken();
    }

    /** The header value for the account: {@code Bearer <token>}. */
    String bearer(String username) {
        return "Bearer " + accessToken(username);
    }

    /** The whole flow, every time. */
    Tokens signIn(String username, String password) {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new LoopbackCookies())
                .connectTimeout(Duration.ofSeconds(10)).build();
        String verifier = randomToken(32);
        String state = randomToken(16);
        String authorize = endpoints.authorizationUri() + "?" + form(Map.of(
                "response_type", "code",
                "client_id", SignInServer.DASHBOARD_CLIENT_ID,
                "redirect_uri", redirectUri,
                "scope", scope,
                "state", state,
                "code_challenge", challenge(verifier),
                "code_challenge_method", "S256"));

        String next = login(browser, authorize, username, password);
        for (int hops = 0; !next.startsWith(redirectUri); hops++) {
            if (hops == 5) {
                throw new IllegalStateException("No authorization code after 5 redirects; last: " + next);
            }
            next = location(get(browser, next), next);
        }
        Map<String, String> answer = query(URI.create(next));
        if (!state.equals(answer.get("state")) || answer.get("code") == null) {
            throw new IllegalStateException("Unexpected redirect: " + next);
        }
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", answer.get("code"));
        exchange.put("redirect_uri", redirectUri);
        exchange.put("client_id", SignInServer.DASHBOARD_CLIENT_ID);
        exchange.put("code_verifier", verifier);
        return tokens(post(browser, endpoints.tokenUri(), null, exchange));
    }

    /**
     * The device authorization grant of the command line's client: the tool asks for a code, the user
     * confirms it in a browser (here: signs in at the verification address), the tool fetches its token.
     */
    Tokens signInOnDevice(String username, String password) {
        HttpClient tool = HttpClient.newHttpClient();
        HttpResponse<String> asked = post(tool, endpoints.deviceAuthorizationUri(), null,
                Map.of("client_id", SignInServer.CLI_CLIENT_ID, "scope", "openid"));
        if (asked.statusCode() != 200) {
            throw new Refused("The device authorization endpoint answered " + asked.statusCode() + ": " + asked.body());
        }
        JsonNode codes;
        try {
            codes = JSON.readTree(asked.body());
        } catch (IOException e) {
            throw new IllegalStateException(asked.body(), e);
        }
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();
        String next = login(browser, codes.get("verification_uri_complete").asText(), username, password);
        HttpResponse<String> consent = get(browser, location(get(browser, next), next));
        // the server asks the user to check that the code is the one the tool shows, and to consent
        Map<String, String> consented = new LinkedHashMap<>();
        Matcher hidden = HIDDEN_INPUT.matcher(consent.body());
        while (hidden.find()) {
            consented.put(hidden.group(1), hidden.group(2));
        }
        if (!codes.get("user_code").asText().equals(consented.get("user_code"))) {
            throw new IllegalStateException("Not the consent to the tool's code: " + consent.body());
        }
        HttpResponse<String> confirmed = post(browser, URI.create(next).resolve("/oauth2/device_verification").toString(),
                null, consented);
        if (confirmed.statusCode() != 200 || !confirmed.body().contains("device-verified")) {
            throw new IllegalStateException("The code was not confirmed: " + confirmed.statusCode() + " " + confirmed.body());
        }
        return tokens(post(tool, endpoints.tokenUri(), null, Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                "device_code", codes.get("device_code").asText(),
                "client_id", SignInServer.CLI_CLIENT_ID)));
    }

    /**
     * Opens {@code start} (an address that needs a signed-in user), signs in on the login form it leads to,
     * and answers where the server sends the browser next: back to {@code start}, as a rule.
     */
    private static String login(HttpClient browser, String start, String username, String password) {
        HttpResponse<String> toLogin = get(browser, start);
        if (toLogin.statusCode() == 200 && toLogin.body().contains("id=\"kc-form-login\"")) {
            return keycloakLogin(browser, start, toLogin.body(), username, password);
        }
        String loginPage = location(toLogin, start);
        HttpResponse<String> login = get(browser, loginPage);
        if (login.statusCode() != 200) {
            throw new IllegalStateException("No login page at " + loginPage + ": " + login.statusCode());
        }
        HttpResponse<String> submitted = post(browser, loginPage.replaceAll("\\?.*$", ""), null, Map.of(
                "username", username,
                "password", password == null ? "" : password,
                "_csrf", csrfToken(login.body())));
        String next = location(submitted, loginPage);
        if (next.contains("/login?error") || next.endsWith("/login")) {
            throw new Refused("The sign-in server refused " + username + ": " + next);
        }
        return next;
    }

    /**
     * Keycloak's own login page (it answers the authorization request with the form itself): posts the
     * username and password to the form's action, and answers where Keycloak sends the browser next.
     */
    private static String keycloakLogin(HttpClient browser, String page, String html, String username, String password) {
        Matcher form = KEYCLOAK_FORM.matcher(html);
        if (!form.find()) {
            throw new IllegalStateException("No login form's action in Keycloak's page:\n" + html);
        }
        String action = URI.create(page).resolve(form.group(1).replace("&amp;", "&")).toString();
        HttpResponse<String> submitted = post(browser, action, null, Map.of(
                "username", username,
                "password", password == null ? "" : password,
                "credentialId", ""));
        if (submitted.statusCode() == 200) {
            // the form again, with its message ("Invalid username or password.")
            throw new Refused("Keycloak refused " + username);
        }
        return location(submitted, action);
    }

    private static final Pattern KEYCLOAK_FORM = Pattern.compile(
            "<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    /**
     * A cookie jar that also sends cookies marked Secure over plain HTTP to loopback: Keycloak marks its login
     * session's cookies Secure even in development mode, and {@link CookieManager} holds those back from http
     * addresses (a browser treats 127.0.0.1 as a secure context and sends them).
     */
    private static final class LoopbackCookies extends java.net.CookieHandler {
        private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, java.util.List<String>> get(URI uri, Map<String, java.util.List<String>> headers) {
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            // all the jar holds for the host (its own look-up by address drops Secure ones on http)
            String cookies = jar.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getDomain() == null || cookie.getDomain().equalsIgnoreCase(uri.getHost())
                            || java.net.HttpCookie.domainMatches(cookie.getDomain(), uri.getHost()))
                    .filter(cookie -> cookie.getPath() == null || path.startsWith(cookie.getPath()))
                    .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; "));
            return cookies.isEmpty() ? Map.of() : Map.of("Cookie", java.util.List.of(cookies));
        }

        @Override
        public void put(URI uri, Map<String, java.util.List<String>> headers) throws IOException {
            jar.put(uri, headers);
        }
    }

    /** The client-credentials grant, client authenticated with HTTP Basic. */
    Tokens clientCredentials(String clientId, String secret, String scope) {
        HttpClient client = HttpClient.newHttpClient();
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return tokens(post(client, endpoints.tokenUri(), "Basic " + basic,
                Map.of("grant_type", "client_credentials", "scope", scope)));
    }

    /** The claims of a JWT, read without checking anything. */
    static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a JWT: " + jwt, e);
        }
    }

    private static Tokens tokens(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new Refused("The token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            return new Tokens(body.get("access_token").asText(), body.path("id_token").asText(null),
                    Instant.now().plusSeconds(body.get("expires_in").asLong()), body);
        } catch (IOException e) {
            throw new IllegalStateException("Not a token response: " + response.body(), e);
        }
    }

    private static String csrfToken(String loginPage) {
        Matcher input = CSRF_INPUT.matcher(loginPage);
        if (!input.find()) {
            throw new IllegalStateException("No CSRF token in the login page:\n" + loginPage);
        }
        Matcher value = VALUE.matcher(input.group());
        if (!value.find()) {
            throw new IllegalStateException("No value in " + input.group());
        }
        return value.group(1).replace("&#x2d;", "-").replace("&#x5f;", "_").replace("&amp;", "&");
    }

    private static HttpResponse<String> get(HttpClient browser, String uri) {
        return send(browser, HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/html").GET().build());
    }

    private static HttpResponse<String> post(HttpClient client, String uri, String authorization, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json, text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(client, request.build());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where a redirect points, resolved against the request's address. */
    private static String location(HttpResponse<String> response, String requested) {
        if (response.statusCode() / 100 != 3) {
            throw new IllegalStateException("Expected a redirect from " + requested + ", got " + response.statusCode()
                    + ": " + response.body());
        }
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("A redirect without Location from " + requested));
        return URI.create(requested).resolve(location).toString();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                parameters.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
