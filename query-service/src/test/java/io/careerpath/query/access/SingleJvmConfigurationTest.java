package io.careerpath.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerpath.query.QueryServiceApplication;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * In the single-machine launcher the sign-in server's classes share the classpath: the query
 * service's configuration must switch off the auto-configurations that would turn it into an
 * authorization server or give it a user store, and name them exactly (a misspelt exclusion is
 * silently ignored when the class is absent, and fails the start when it is not an auto-configuration).
 */
class SingleJvmConfigurationTest {

    @Test
    void theAuthorizationServerAndTheUserStoreAreExcluded() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("query", new ClassPathResource(QueryServiceApplication.CONFIG_NAME + ".yml"))
                .forEach(environment.getPropertySources()::addLast);
        List<String> excluded = Binder.get(environment).bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
                .orElse(List.of());
        List<String> autoConfigurations = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
                .getCandidates();

        assertThat(excluded).contains(
                "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration",
                "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
                "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration");
        assertThat(autoConfigurations).containsAll(excluded);
    }
}
