package io.careerpath.command.security;

import io.careerpath.security.Caller;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The command API is an OAuth2 resource server (docs/security.md): every request outside the open list
 * carries a bearer token (a JWT from the configured issuer, see {@link TokenValidation}). What a
 * caller may do with whose data is decided per request with {@link Caller}, in the controllers and the
 * {@code Person} aggregate; here only the coarse rules: open, the key path for the query service's
 * client, everything else signed in. Refusals are problem details ({@link SecurityProblems}).
 */
@Configuration(proxyBeanMethods = false)
@SecurityScheme(name = SecurityConfiguration.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "An access token from the configured issuer, audience careerpath-api")
@OpenAPIDefinition(security = @SecurityRequirement(name = SecurityConfiguration.BEARER))
class SecurityConfiguration {

    static final String BEARER = "bearer";
    /** Health, metrics and the API's documentation: no token needed. */
    static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"};
    static final String KEYS_PATH = "/internal/person-keys";
    /** The authority Spring Security makes of the scope of the query service's own client. */
    static final String KEYS_AUTHORITY = "SCOPE_" + Caller.KEYS_SCOPE;

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProblems problems) throws Exception {
        return http
                // bearer tokens, no cookies and no sessions: nothing a forged cross-site request could ride on
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                // the CORS rules of WebCors (Spring MVC's); a preflight carries no token and is answered here
                .cors(Customizer.withDefaults())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPEN).permitAll()
                        .requestMatchers(HttpMethod.POST, KEYS_PATH).hasAuthority(KEYS_AUTHORITY)
                        .requestMatchers("/internal/**").denyAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        // a token that cannot be checked now (the issuer's keys out of reach) is a 503 problem
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }
}
