package io.careerpath.query.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.careerpath.security.web.AccessTokens;
import io.careerpath.security.web.CallerArgumentResolver;
import io.careerpath.security.web.EncodedSlashesToTheFirewall;
import io.careerpath.security.web.ResourceServer;
import io.careerpath.security.web.SecurityProblems;
import java.util.List;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

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
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
class WebSecurity {

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProblems problems) throws Exception {
        return ResourceServer.configure(http, problems)
                .authorizeHttpRequests(requests -> requests
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
                .build();
    }

    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties) {
        return AccessTokens.decoder(properties.getJwt());
    }

    @Bean
    SecurityProblems securityProblems(ObjectMapper json) {
        return new SecurityProblems(json);
    }

    @Bean
    EncodedSlashesToTheFirewall encodedSlashesToTheFirewall() {
        return new EncodedSlashesToTheFirewall();
    }

    @Bean
    WebMvcConfigurer callerArguments() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
