package io.careerpath.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.yaml.snakeyaml.Yaml;

/**
 * What one service reads, from its own configuration file (command-service.yml, query-service.yml) and from
 * Spring Boot's property metadata: which environment variables bind to one of its settings (with Spring's own
 * relaxed binding), and which actuator paths it exposes.
 */
final class ServiceSettings {

    /** A placeholder in the configuration file that names an environment variable: ${CAREERPATH_ISSUER_URI:...} */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    /** Read by the JVM itself, not by the service's configuration. */
    private static final Set<String> READ_BY_THE_JVM = Set.of("JAVA_TOOL_OPTIONS");

    private static final Set<String> SPRING_PROPERTIES = springBootPropertyNames();

    private final String service;
    private final Map<String, Object> settings;
    private final Set<String> placeholders;

    private ServiceSettings(String service, Map<String, Object> settings, Set<String> placeholders) {
        this.service = service;
        this.settings = settings;
        this.placeholders = placeholders;
    }

    static ServiceSettings of(Path repository, String service) throws IOException {
        Path file = repository.resolve(service).resolve("src/main/resources").resolve(service + ".yml");
        String text = Files.readString(file);
        Map<String, Object> flat = new LinkedHashMap<>();
        for (Object document : new Yaml().loadAll(text)) {
            if (document instanceof Map<?, ?> map) {
                flatten("", map, flat);
            }
        }
        Set<String> placeholders = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        propertiesClasses(service).forEach(type -> bound(prefix(type), type, flat));
        return new ServiceSettings(service, flat, placeholders);
    }

    /** The service's own @ConfigurationProperties classes (and the shared modules'): settings the file may leave out. */
    private static List<Class<?>> propertiesClasses(String service) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        String own = "io.careerpath." + service.substring(0, service.indexOf('-'));
        return Stream.of(own, "io.careerpath.pipeline", "io.careerpath.security", "io.careerpath.events")
                .flatMap(base -> scanner.findCandidateComponents(base).stream())
                .map(candidate -> ClassUtils.resolveClassName(candidate.getBeanClassName(), ServiceSettings.class.getClassLoader()))
                .collect(Collectors.toList());
    }

    private static String prefix(Class<?> type) {
        ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
        return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
    }

    /** prefix.kebab-case-name for each component of a properties record (or field of a class), nested ones included. */
    private static void bound(String prefix, Class<?> type, Map<String, Object> into) {
        List<Map.Entry<String, Class<?>>> members = type.isRecord()
                ? Arrays.stream(type.getRecordComponents()).<Map.Entry<String, Class<?>>>map(c -> Map.entry(c.getName(), c.getType())).toList()
                : Arrays.stream(type.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                        .<Map.Entry<String, Class<?>>>map(f -> Map.entry(f.getName(), f.getType())).toList();
        for (Map.Entry<String, Class<?>> member : members) {
            String name = prefix + "." + member.getKey().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            Class<?> memberType = member.getValue();
            if (memberType.getName().startsWith("io.careerpath.") && !memberType.isEnum()) {
                bound(name, memberType, into);
            } else {
                into.putIfAbsent(name, "(bound by " + type.getSimpleName() + ")");
            }
        }
    }

    String service() {
        return service;
    }

    /**
     * Whether the service reads this environment variable: a placeholder of its configuration file names it, or
     * Spring's relaxed binding (SPRING_DATASOURCE_URL to spring.datasource.url) maps it onto a setting of the file
     * or onto a property Spring Boot knows.
     */
    boolean reads(String variable) {
        if (READ_BY_THE_JVM.contains(variable) || placeholders.contains(variable)) {
            return true;
        }
        ConfigurationPropertySource environment = ConfigurationPropertySource.from(
                new SystemEnvironmentPropertySource("manifest", Map.of(variable, "set")));
        return Stream.concat(settings.keySet().stream(), SPRING_PROPERTIES.stream())
                .filter(ConfigurationPropertyName::isValid)
                .anyMatch(key -> environment.getConfigurationProperty(ConfigurationPropertyName.of(key)) != null);
    }

    int serverPort() {
        return Integer.parseInt(String.valueOf(settings.getOrDefault("server.port", 8080)));
    }

    /**
     * The health paths the service answers on its server port: /actuator/health/&lt;group&gt; for Kubernetes' probe
     * groups (liveness, readiness, when probes are enabled) and for each group the file declares. Empty when health
     * is not exposed over HTTP.
     */
    Set<String> healthGroupPaths() {
        Set<String> paths = new LinkedHashSet<>();
        List<String> exposed = Arrays.stream(String.valueOf(settings.getOrDefault(
                        "management.endpoints.web.exposure.include", "health")).split(","))
                .map(String::trim).toList();
        if (!(exposed.contains("health") || exposed.contains("*"))) {
            return paths;
        }
        String base = String.valueOf(settings.getOrDefault("management.endpoints.web.base-path", "/actuator"));
        if (Boolean.TRUE.equals(settings.get("management.endpoint.health.probes.enabled"))) {
            paths.add(base + "/health/liveness");
            paths.add(base + "/health/readiness");
        }
        settings.keySet().stream()
                .filter(key -> key.startsWith("management.endpoint.health.group."))
                .map(key -> key.substring("management.endpoint.health.group.".length()).split("\\.")[0])
                .forEach(group -> paths.add(base + "/health/" + group));
        return paths;
    }

    /** A separate management port, when the file sets one (then the probes must use it). */
    Optional<Integer> managementPort() {
        return Optional.ofNullable(settings.get("management.server.port")).map(port -> Integer.parseInt(String.valueOf(port)));
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, nested, into);
            } else {
                into.put(name, value);
            }
        });
    }

    /** Every property Spring Boot and the libraries on the classpath document (META-INF/spring-configuration-metadata.json). */
    private static Set<String> springBootPropertyNames() {
        Set<String> names = new LinkedHashSet<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (String resource : List.of("META-INF/spring-configuration-metadata.json",
                    "META-INF/additional-spring-configuration-metadata.json")) {
                Enumeration<URL> found = ServiceSettings.class.getClassLoader().getResources(resource);
                for (URL url : Collections.list(found)) {
                    try (InputStream in = url.openStream()) {
                        JsonNode properties = json.readTree(in).path("properties");
                        properties.forEach(property -> names.add(property.path("name").asText()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
