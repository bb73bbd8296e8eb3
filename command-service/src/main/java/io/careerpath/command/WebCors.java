package io.careerpath.command;

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
 * the API's own methods and headers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebCors.Properties.class)
class WebCors implements WebMvcConfigurer {

    /** Who records an event; the dashboards send it. */
    private static final String RECORDED_BY_HEADER = "X-Recorded-By";

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
                .allowedMethods("GET", "POST")
                // retries from the browser are safe (Idempotency-Key), and so are edits against a seen version (If-Match)
                .allowedHeaders(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, RECORDED_BY_HEADER, "Idempotency-Key",
                        HttpHeaders.IF_MATCH)
                .exposedHeaders(HttpHeaders.LOCATION, HttpHeaders.ETAG)
                .allowCredentials(false)
                .maxAge(Duration.ofHours(1).toSeconds());
    }
}
