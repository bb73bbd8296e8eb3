package io.careerpath.query.access;

import io.careerpath.security.web.ResourceServer;
import io.careerpath.security.web.SecurityProblems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may reach what (docs/security.md), with the resource-server plumbing both services share
 * ({@code io.careerpath.security.web}). The dashboards are static pages that sign in themselves
 * (public client with PKCE), so they and their settings ({@code GET /api/config}) are open, as are
 * health, metrics and the API docs. Which person or team a caller may see is decided per request with
 * {@link io.careerpath.security.Caller}, since it depends on the data; here only "signed in" is enforced.
 *
 * <p>Declaring this chain also keeps Spring Boot's OAuth2 client support from adding its default
 * chain with a browser login: the client registration is only for this service's own key requests.
 */
@Configuration(proxyBeanMethods = false)
@Import(ResourceServer.class)
class WebSecurity {

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProblems problems, Environment environment) throws Exception {
        String policy = PagePolicy.of(environment);
        return ResourceServer.configure(http, problems)
                // the pages hold access tokens: only this service's scripts, and no framing (docs/security.md)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                        .frameOptions(frame -> frame.deny()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/config").permitAll()
                        // calendar clients send no token: the feed's unguessable address is its credential
                        .requestMatchers(HttpMethod.GET, "/calendar/*.ics").permitAll()
                        .requestMatchers("/api/**", "/actuator/**", "/internal/**").authenticated()
                        // everything else is a static file of the dashboards (or nothing: 404)
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .anyRequest().authenticated())
                .build();
    }
}
