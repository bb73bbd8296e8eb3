package io.careerpath.command.security;

import io.careerpath.pipeline.eventstore.EventStoreReads;
import io.careerpath.security.Caller;
import io.careerpath.security.web.ResourceServer;
import io.careerpath.security.web.SecurityProblems;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The command API is an OAuth2 resource server (docs/security.md), with the plumbing both services
 * share ({@code io.careerpath.security.web}): every request outside the open list carries a bearer
 * token. What a caller may do with whose data is decided per request with {@link Caller}, in the
 * controllers and the {@code Person} aggregate; here only the coarse rules: open, the internal paths (person
 * keys, the event store's read paths) for the query service's client only, everything else signed in.
 */
@Configuration(proxyBeanMethods = false)
@Import(ResourceServer.class)
@SecurityScheme(name = SecurityConfiguration.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "An access token from the configured issuer, audience careerpath-api")
@OpenAPIDefinition(security = @SecurityRequirement(name = SecurityConfiguration.BEARER))
class SecurityConfiguration {

    static final String BEARER = "bearer";
    /** Health, metrics and the documentation of the API and of the topic: no token needed. */
    static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/asyncapi.yaml", "/error"};
    static final String KEYS_PATH = "/internal/person-keys";
    /** The authority Spring Security makes of the scope of the query service's own client. */
    static final String KEYS_AUTHORITY = "SCOPE_" + Caller.KEYS_SCOPE;

    static {
        // the caller is no request parameter: keep it out of the OpenAPI document
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProblems problems) throws Exception {
        return ResourceServer.configure(http, problems)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPEN).permitAll()
                        .requestMatchers(HttpMethod.POST, KEYS_PATH).hasAuthority(KEYS_AUTHORITY)
                        .requestMatchers(HttpMethod.GET, EventStoreReads.HEADS_PATH).hasAuthority(KEYS_AUTHORITY)
                        .requestMatchers(HttpMethod.POST, EventStoreReads.EVENTS_PATH).hasAuthority(KEYS_AUTHORITY)
                        .requestMatchers("/internal/**").denyAll()
                        .anyRequest().authenticated())
                .build();
    }
}
