package io.careerpath.query.skills;

import io.careerpath.query.skillmodel.PracticeMatrix;
import io.careerpath.query.skillmodel.SkillModel;
import io.careerpath.query.skillmodel.SkillModelParameters;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * The skill model as configured. Defaults (with their sources) live in one place,
 * {@link SkillModelParameters#defaults()}; configuration overrides any of them by name under
 * {@code careerpath.skill-model.parameters} (e.g. {@code half-life-months: 13}), and the practice
 * matrix can be replaced by another file ({@code careerpath.skill-model.practice-matrix}). A name
 * the model does not know, or a value out of its range, stops the start-up with a message that
 * says which.
 */
@Configuration(proxyBeanMethods = false)
class SkillModelConfiguration {

    @Bean
    SkillModel skillModel(Environment environment) throws IOException {
        Binder binder = Binder.get(environment);
        Map<String, String> overrides = binder.bind("careerpath.skill-model.parameters",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        String matrixLocation = binder.bind("careerpath.skill-model.practice-matrix", String.class)
                .orElse("classpath:" + PracticeMatrix.DEFAULT_RESOURCE);
        Resource matrixFile = new DefaultResourceLoader().getResource(matrixLocation);
        try (Reader reader = new InputStreamReader(matrixFile.getInputStream(), StandardCharsets.UTF_8)) {
            return new SkillModel(parameters(overrides), PracticeMatrix.parse(reader, matrixLocation));
        }
    }

    static SkillModelParameters parameters(Map<String, String> overrides) {
        SkillModelParameters defaults = SkillModelParameters.defaults();
        RecordComponent[] components = SkillModelParameters.class.getRecordComponents();
        Map<String, String> remaining = new LinkedHashMap<>();
        overrides.forEach((name, value) -> remaining.put(camelCase(name), value));
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent component = components[i];
                String override = remaining.remove(component.getName());
                values[i] = override == null ? component.getAccessor().invoke(defaults) : parse(component, override);
            }
            if (!remaining.isEmpty()) {
                throw new IllegalArgumentException("Unknown skill-model parameters " + remaining.keySet() + "; known: "
                        + Arrays.stream(components).map(RecordComponent::getName).toList());
            }
            Constructor<SkillModelParameters> canonical = SkillModelParameters.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalArgumentException("Invalid skill-model parameters: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Not a conditional expression: that would promote an int override to a double. */
    private static Object parse(RecordComponent component, String value) {
        try {
            if (component.getType() == int.class) {
                return Integer.valueOf(value.trim());
            }
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(component.getName() + " must be a number, was '" + value + "'", e);
        }
    }

    private static String camelCase(String kebab) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
