package io.careerpath.local.signin;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.careerpath.security.Caller;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.embedded.EmbeddedWebServerFactoryCustomizerAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.HttpEncodingAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * The sign-in server's context: Spring Authorization Server with form login over the demo accounts.
 * Only the auto-configuration a web server with Spring Security needs is imported: the rest of the
 * launcher's classpath (Axon, data sources, MongoDB, Kafka) belongs to the services.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ServletWebServerFactoryAutoConfiguration.class,
        EmbeddedWebServerFactoryCustomizerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        HttpEncodingAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class,
        SecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class})
@EnableWebSecurity
@EnableConfigurationProperties(SignInSettings.class)
@Import(SignInPages.class)
class SignInServerConfiguration {

    static final String SCOPE_CLAIM = "scope";

    /** Discovery, authorization, token, keys, user info and logout endpoints; CORS for the dashboards. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, DashboardClients clients,
                                                     AuthorizationServerSettings endpoints) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.oidc(Customizer.withDefaults())
                        // the command line's device authorization grant (a public client)
                        .clientAuthentication(authentication -> authentication
                                .authenticationConverter(DeviceClients.converter(
                                        endpoints.getDeviceAuthorizationEndpoint(), endpoints.getTokenEndpoint()))
                                .authenticationProvider(DeviceClients.provider(clients)))
                        .deviceAuthorizationEndpoint(authorization -> authorization
                                .deviceAuthorizationRequestConverter(DeviceClients.requestWithoutOpenIdScope()))
                        .deviceVerificationEndpoint(verification -> verification
                                .consentPage(SignInPages.DEVICE_CONSENT)
                                .deviceVerificationResponseHandler(DeviceClients.verifiedPage())))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .cors(cors -> cors.configurationSource(clients))
                .headers(headers -> pagePolicy(headers, clients))
                // the user info endpoint takes this server's access tokens
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                // a browser that is not signed in goes to the login page
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** The login form ({@link SignInPages#login}) for everything else. */
    @Bean
    @Order(2)
    SecurityFilterChain signInForm(HttpSecurity http, DashboardClients clients) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/error", "/favicon.ico", SignInPages.STYLES)
                        .permitAll()
                        .anyRequest().authenticated())
                .cors(cors -> cors.configurationSource(clients))
                .headers(headers -> pagePolicy(headers, clients))
                .formLogin(form -> form.loginPage(SignInPages.LOGIN).permitAll());
        return http.build();
    }

    /**
     * The sign-in server's pages (the login form and the device consent with their {@code /sign-in.css}, errors)
     * need no script and only this server's styles; their forms go here, and a signed-in login
     * form is redirected on to a dashboard (which Chromium checks against {@code form-action} too). No framing.
     */
    static String pagePolicy(Collection<String> dashboardOrigins) {
        String formTargets = dashboardOrigins.stream().map(o -> o.replaceAll("/+$", "")).distinct()
                .collect(Collectors.joining(" "));
        return "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' " + formTargets
                + "; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    }

    private static void pagePolicy(
            org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers,
            DashboardClients clients) {
        // per response: the dashboards' origins can be added while the server runs
        headers.addHeaderWriter((request, response) -> response.setHeader("Content-Security-Policy",
                        pagePolicy(clients.origins())))
                .frameOptions(frame -> frame.deny());
    }

    /** Errors as one of the sign-in server's pages, for browsers (Spring Boot's error controller asks this first). */
    @Bean
    ErrorViewResolver errorPage() {
        View page = SignInPages.errorPage();
        return (request, status, model) -> new ModelAndView(page, model);
    }

    @Bean
    DemoAccounts demoAccounts(SignInSettings settings) {
        return DemoAccounts.read(settings.getAccountsFile());
    }

    @Bean
    UserDetailsService demoUsers(DemoAccounts accounts) {
        return new InMemoryUserDetailsManager(accounts.all().stream()
                .map(account -> User.withUsername(account.username()).password(account.password())
                        .roles(account.roleNames().toArray(String[]::new)).build())
                .toList());
    }

    @Bean
    DashboardClients registeredClients(SignInSettings settings) {
        List<String> origins = settings.getDashboardOrigins().stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        if (origins.isEmpty()) {
            throw new IllegalStateException("careerpath.sign-in.dashboard-origins: at least one origin of the dashboards");
        }
        Duration ttl = settings.getAccessTokenTtl();
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(ttl).authorizationCodeTimeToLive(Duration.ofMinutes(5))
                .build();
        RegisteredClient dashboard = RegisteredClient.withId(SignInServer.DASHBOARD_CLIENT_ID)
                .clientId(SignInServer.DASHBOARD_CLIENT_ID)
                .clientName("Careerpath dashboards")
                // a public client: the dashboards are JavaScript in a browser, PKCE protects the code
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(origins.get(0).replaceAll("/+$", "") + DashboardClients.SIGNED_IN_PAGE)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens)
                .build();
        String secret = settings.getQueryClientSecret();
        RegisteredClient query = RegisteredClient.withId(SignInServer.QUERY_CLIENT_ID)
                .clientId(SignInServer.QUERY_CLIENT_ID)
                .clientName("Careerpath query service (person keys)")
                .clientSecret(secret.startsWith("{") ? secret : "{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(Caller.KEYS_SCOPE)
                .tokenSettings(tokens)
                .build();
        RegisteredClient commandLine = RegisteredClient.withId(SignInServer.CLI_CLIENT_ID)
                .clientId(SignInServer.CLI_CLIENT_ID)
                .clientName("Careerpath from the command line")
                // a public client: a tool without a browser of its own; the user confirms its code in one
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .tokenSettings(tokens)
                .build();
        return new DashboardClients(SignInServer.DASHBOARD_CLIENT_ID, List.of(dashboard, query, commandLine), origins);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(SignInSettings settings, Environment environment) {
        String issuer = settings.getIssuer();
        if (issuer == null || issuer.isBlank()) {
            String port = environment.getProperty("server.port", String.valueOf(SignInServer.DEFAULT_PORT));
            if ("0".equals(port)) {
                throw new IllegalStateException("Port 0 needs a fixed issuer: start the server with SignInServer.start");
            }
            issuer = "http://127.0.0.1:" + port;
        }
        return AuthorizationServerSettings.builder().issuer(issuer.replaceAll("/+$", "")).build();
    }

    @Bean
    RSAKey signingKey(SignInSettings settings) {
        return SigningKey.load(settings.getKeyFile());
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(RSAKey signingKey) {
        return new ImmutableJWKSet<>(new JWKSet(signingKey));
    }

    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> jwkSource) {
        return new NimbusJwtEncoder(jwkSource);
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    /**
     * The claims of docs/security.md: access tokens are for {@value Caller#AUDIENCE} and carry the account's
     * roles, person id, managed teams, name and email (the scope as one space-separated string); ID tokens carry
     * what the dashboards show (name, roles).
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> careerpathClaims(DemoAccounts accounts) {
        return context -> {
            JwtClaimsSet.Builder claims = context.getClaims();
            boolean forUser = !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
            DemoAccount account = forUser ? accounts.find(context.getPrincipal().getName()).orElse(null) : null;
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                claims.audience(List.of(Caller.AUDIENCE));
                claims.claims(all -> {
                    if (all.get(SCOPE_CLAIM) instanceof Collection<?> scopes) {
                        all.put(SCOPE_CLAIM, scopes.stream().map(String::valueOf).sorted().collect(Collectors.joining(" ")));
                    }
                });
                if (account != null) {
                    userClaims(claims, account);
                }
            } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue()) && account != null) {
                claims.claim("name", account.name());
                claims.claim("preferred_username", account.username());
                userClaims(claims, account);
            }
        };
    }

    static void userClaims(JwtClaimsSet.Builder claims, DemoAccount account) {
        claims.claim(Caller.ROLES_CLAIM, account.roleNames());
        // how reminders address the account when nobody is signed in (the email digest): query-service Recipients
        if (account.name() != null) {
            claims.claim("name", account.name());
        }
        if (account.email() != null) {
            claims.claim("email", account.email());
        }
        if (account.personId() != null) {
            claims.claim(Caller.PERSON_ID_CLAIM, account.personId());
        }
        if (!account.managedTeams().isEmpty()) {
            claims.claim(Caller.MANAGED_TEAMS_CLAIM, account.managedTeams());
        }
    }

    static String newTokenId() {
        return UUID.randomUUID().toString();
    }
}
