package io.careerpath.command.web;

import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboards are served by the query service and record events here, from another origin:
 * the browser lets them only if this API says so (CORS). Only the listed origins may, and only
 * the API's own methods and headers. Spring Security applies these rules too ({@code http.cors}), so a
 * preflight, which carries no token, is answered before authentication.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebCors.Properties.class)
class WebCors implements WebMvcConfigurer {

    /**
     * @param allowedOrigins the origins (scheme, host, port) the dashboards are served from: the query service's
     */
    @Validated
    @ConfigurationProperties("careerpath.web")
    record Properties(@NotEmpty @DefaultValue({"http://localhost:8081", "http://127.0.0.1:8081"})
                      List<String> allowedOrigins) {
    }

    private final Properties properties;

    WebCors(Properties properties) {
        this.properties = properties;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/api/**")
                .allowedOrigins(properties.allowedOrigins().toArray(String[]::new))
                .allowedMethods("GET", "POST", "DELETE")
                // the signed-in user's access token; retries from the browser are safe (Idempotency-Key), and so
                // are edits against a seen version (If-Match)
                .allowedHeaders(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
                        "Idempotency-Key", HttpHeaders.IF_MATCH)
                .exposedHeaders(HttpHeaders.LOCATION, HttpHeaders.ETAG)
                .allowCredentials(false)
                .maxAge(Duration.ofHours(1).toSeconds());
    }
}
