package io.careerpath.local.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/** The single-machine demo accounts, read from a YAML file (demo-accounts.yml). Never for production. */
public final class DemoAccounts {

    private static final String CLASSPATH = "classpath:";

    private final Map<String, DemoAccount> byUsername;

    private DemoAccounts(List<DemoAccount> accounts) {
        Map<String, DemoAccount> map = new LinkedHashMap<>();
        for (DemoAccount account : accounts) {
            if (account.username() == null || account.username().isBlank() || account.password() == null) {
                throw new IllegalStateException("A demo account needs a username and a password: " + account);
            }
            if (map.put(account.username(), account) != null) {
                throw new IllegalStateException("Demo account " + account.username() + " is listed twice");
            }
        }
        this.byUsername = Map.copyOf(map);
        this.ordered = List.copyOf(map.values());
    }

    private final List<DemoAccount> ordered;

    /** @param location {@code classpath:<path>} or a file path */
    public static DemoAccounts read(String location) {
        Resource resource = location.startsWith(CLASSPATH)
                ? new ClassPathResource(location.substring(CLASSPATH.length()))
                : new FileSystemResource(location);
        if (!resource.exists()) {
            throw new IllegalStateException("No demo accounts file at " + location);
        }
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("demo-accounts", resource);
            List<DemoAccount> accounts = new Binder(ConfigurationPropertySources.from(sources))
                    .bind("accounts", Bindable.listOf(DemoAccount.class)).orElseGet(ArrayList::new);
            return new DemoAccounts(accounts);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo accounts from " + location, e);
        }
    }

    public List<DemoAccount> all() {
        return ordered;
    }

    public Optional<DemoAccount> find(String username) {
        return Optional.ofNullable(byUsername.get(username));
    }

    public DemoAccount get(String username) {
        return find(username).orElseThrow(() -> new IllegalArgumentException("No demo account " + username));
    }
}
