package io.careerpath.local.kubernetes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * Loads Kubernetes manifests into fabric8's model of the Kubernetes API, strictly: a field the API does not know,
 * a value of the wrong type (a string where the API wants a number, a number where it wants a string) or a kind
 * the manifests are not meant to hold fails, as the API server would refuse it. fabric8's classes keep unknown
 * fields in an "additional properties" map instead of failing, so after Jackson has read a manifest every object
 * of the model is walked and any such map must be empty.
 */
final class KubernetesManifests {

    /** The kinds deploy/kubernetes holds, by apiVersion/kind: anything else is a mistake (or a new kind to add here). */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    /** A kustomize strategic-merge directive, allowed at the top of an overlay's patch only. */
    static final String PATCH_DIRECTIVE = "$patch";

    private static final ObjectMapper STRICT = strictMapper();

    private KubernetesManifests() {
    }

    /** One manifest document, typed, and its kustomize directive if it is a patch that has one. */
    record Manifest(HasMetadata resource, String patchDirective, String source) {

        String kind() {
            return resource.getKind();
        }

        String name() {
            return resource.getMetadata().getName();
        }
    }

    static List<Manifest> load(Path file, boolean patch) throws IOException {
        return load(Files.readString(file), file.toString(), patch);
    }

    static List<Manifest> load(String yaml, String source, boolean patch) {
        List<Manifest> manifests = new ArrayList<>();
        int index = 0;
        for (Object document : new Yaml().loadAll(yaml)) {
            String where = source + " (document " + ++index + ")";
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(where + ": not a mapping");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((key, value) -> fields.put(String.valueOf(key), value));
            String directive = null;
            if (patch && fields.containsKey(PATCH_DIRECTIVE)) {
                directive = String.valueOf(fields.remove(PATCH_DIRECTIVE));
            }
            String type = fields.get("apiVersion") + "/" + fields.get("kind");
            Class<? extends HasMetadata> model = KINDS.get(type);
            if (model == null) {
                throw new IllegalArgumentException(where + ": no model for " + type + " (expected one of " + KINDS.keySet() + ")");
            }
            HasMetadata resource;
            try {
                resource = STRICT.convertValue(fields, model);
            } catch (IllegalArgumentException wrongType) {
                throw new IllegalArgumentException(where + ": " + wrongType.getMessage(), wrongType);
            }
            if (resource.getMetadata() == null || resource.getMetadata().getName() == null) {
                throw new IllegalArgumentException(where + ": " + type + " without metadata.name");
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(resource, type, unknown, new IdentityHashMap<>());
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(where + ": fields the Kubernetes API does not know: " + unknown);
            }
            manifests.add(new Manifest(resource, directive, where));
        }
        return manifests;
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                // "2" for minReplicas, 1.5 for a port: the API server refuses them, so must this
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        // a number or a boolean where the API wants a string (ConfigMap data: "6", not 6) is refused as well
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Walks fabric8's model objects and collects every field that ended up in an additional-properties map. */
    private static void unknownFields(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown, seen));
            return;
        }
        if (node instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        try {
            Method additional = node.getClass().getMethod("getAdditionalProperties");
            Map<?, ?> extra = (Map<?, ?>) additional.invoke(node);
            if (extra != null) {
                extra.keySet().forEach(key -> unknown.add(path + "." + key));
            }
        } catch (NoSuchMethodException noMap) {
            // a model class without the map cannot hold unknown fields
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("additionalProperties")) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    unknownFields(field.get(node), path + "." + field.getName(), unknown, seen);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    static Set<String> kinds() {
        return KINDS.keySet();
    }
}
