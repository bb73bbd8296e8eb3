package io.careerpath.query.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may reach what (docs/security.md). The service is a stateless resource server: every API
 * request carries a bearer token, there is no session, no login page and no cookie (so no CSRF
 * token either). The dashboards are static pages that sign in themselves (public client with
 * PKCE), so they and their settings ({@code GET /api/config}) are open, as are health, metrics and
 * the API docs. Which person or team a caller may see is decided per request with
 * {@link io.careerpath.security.Caller}, since it depends on the data; here only "signed in" is
 * enforced.
 *
 * <p>Declaring this chain also keeps Spring Boot's OAuth2 client support from adding its default
 * chain with a browser login: the client registration is only for this service's own key requests.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    @Bean
    AuthProblems authProblems(ObjectMapper json) {
        return new AuthProblems(json);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, AuthProblems problems) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/config").permitAll()
                        .requestMatchers("/api/**", "/actuator/**", "/internal/**").authenticated()
                        // everything else is a static file of the dashboards (or nothing: 404)
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> {
                        })
                        // an issuer out of reach is a 503, not a 401 (see AuthProblems)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }));
        return http.build();
    }
}
