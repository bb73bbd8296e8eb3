package io.careerpath.local.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.careerpath.local.kubernetes.KubernetesManifests.Manifest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes cannot be applied here (no cluster on the project machines), so this checks what can be checked
 * without one: every manifest is valid against Kubernetes' API model (fabric8's, strictly: unknown fields and wrong
 * types fail), the kustomizations reference files and resources that exist, the overlays build with kustomize
 * (kubectl's, from the machine's Debian package) into valid manifests, each service gets exactly the environment that
 * docker-compose.yml gives it (which ComposeEnvironmentTest starts the services with) and nothing it does not read,
 * the probes point at the Actuator health groups the service exposes, and every image is pinned.
 */
class KubernetesManifestsTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path KUBERNETES = REPOSITORY.resolve("deploy/kubernetes");
    private static final Path BASE = KUBERNETES.resolve("base");
    private static final List<String> OVERLAYS = List.of("dev", "production");
    private static final List<String> SERVICES = List.of("command-service", "query-service");
    private static final Set<String> KUSTOMIZATION_FIELDS =
            Set.of("apiVersion", "kind", "namespace", "labels", "resources", "patches", "images");

    @Test
    void everyManifestLoadsIntoTheKubernetesModelStrictly() throws IOException {
        List<Path> files = manifestFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        for (Path file : files) {
            List<Manifest> manifests = KubernetesManifests.load(file, isPatch(file));
            assertThat(manifests).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void theStrictLoaderRefusesWhatTheApiServerWould() {
        assertThatThrownBy(() -> KubernetesManifests.load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec: {replica: 2}
                """, "a misspelt field", false)).hasMessageContaining("spec.replica");
        assertThatThrownBy(() -> KubernetesManifests.load("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: x}
                spec: {minReplicas: "3", maxReplicas: 4}
                """, "a string for a number", false)).hasMessageContaining("minReplicas");
        assertThatThrownBy(() -> KubernetesManifests.load("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: x}
                data: {CAREERPATH_KAFKA_PARTITIONS: 6}
                """, "a number for a string", false)).hasMessageContaining("a number for a string");
        assertThatThrownBy(() -> KubernetesManifests.load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers: [{name: x, image: "a:1", livenessProbe: {httpGet: {path: /, port: http}, periodSecond: 5}}]
                """, "a misspelt nested field", false)).hasMessageContaining("livenessProbe.periodSecond");
        assertThatThrownBy(() -> KubernetesManifests.load("""
                apiVersion: apps/v1beta1
                kind: Deployment
                metadata: {name: x}
                """, "an old apiVersion", false)).hasMessageContaining("no model for apps/v1beta1/Deployment");
        assertThatThrownBy(() -> KubernetesManifests.load("""
                apiVersion: v1
                kind: Secret
                metadata: {name: x}
                $patch: delete
                """, "a directive outside a patch", false)).hasMessageContaining("$patch");
        assertThat(unpinned("careerpath/command-service:latest")).isTrue();
        assertThat(unpinned("careerpath/command-service")).isTrue();
        assertThat(unpinned("registry.example.com:5000/careerpath/command-service")).isTrue();
        assertThat(unpinned("registry.example.com:5000/careerpath/command-service:0.1.0")).isFalse();
        assertThat(unpinned("careerpath/command-service@sha256:" + "a".repeat(64))).isFalse();
    }

    @Test
    void theBindingCheckTellsWhatAServiceReadsFromWhatItDoesNot() throws IOException {
        ServiceSettings command = ServiceSettings.of(REPOSITORY, "command-service");
        ServiceSettings query = ServiceSettings.of(REPOSITORY, "query-service");
        // Spring Boot's own property, a placeholder of the file, a @ConfigurationProperties record's component
        assertThat(query.reads("SPRING_DATA_MONGODB_URI")).isTrue();
        assertThat(query.reads("CAREERPATH_SEARCH_INDEX_SECRET")).isTrue();
        assertThat(command.reads("CAREERPATH_WEB_ALLOWED_ORIGINS")).isTrue();
        assertThat(command.reads("CAREERPATH_KAFKA_BOOTSTRAP_SERVER")).as("a misspelt name").isFalse();
        assertThat(command.reads("CAREERPATH_WEB_SIGN_IN_TOKEN_URI")).as("the other service's setting").isFalse();
        assertThat(command.healthGroupPaths()).doesNotContain("/actuator/health/started");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void theKustomizationReferencesFilesAndResourcesThatExist(String directory) throws IOException {
        Path dir = KUBERNETES.resolve(directory);
        Map<String, Object> kustomization = kustomization(dir);
        List<Manifest> resources = resources(dir);
        Set<String> resourceIds = new TreeSet<>();
        resources.forEach(manifest -> resourceIds.add(manifest.kind() + "/" + manifest.name()));
        for (Map<String, Object> patch : list(kustomization, "patches")) {
            assertThat(patch.keySet()).as(dir + ": a patch given by its file").containsExactly("path");
            Path file = dir.resolve(String.valueOf(patch.get("path"))).normalize();
            assertThat(file).as(dir + ": patch").isRegularFile();
            for (Manifest change : KubernetesManifests.load(file, true)) {
                assertThat(resourceIds).as(change.source() + " patches a resource of " + dir)
                        .contains(change.kind() + "/" + change.name());
                if (change.patchDirective() != null) {
                    assertThat(change.patchDirective()).as(change.source()).isEqualTo("delete");
                }
            }
        }
        Set<String> imageNames = new LinkedHashSet<>();
        resources.stream().filter(manifest -> manifest.resource() instanceof Deployment)
                .flatMap(manifest -> containers((Deployment) manifest.resource()).stream())
                .forEach(container -> imageNames.add(container.getImage().replaceFirst("[:@][^/]*$", "")));
        for (Map<String, Object> image : list(kustomization, "images")) {
            assertThat(imageNames).as(dir + ": images[].name is an image of the Deployments").contains((String) image.get("name"));
            assertThat(String.valueOf(image.get("newTag"))).as(dir + ": " + image).isNotBlank().isNotEqualTo("latest");
        }
    }

    @Test
    void eachServiceGetsTheEnvironmentTheComposeFileGivesItAndReadsEveryVariable() throws IOException {
        checkEnvironment(resources(BASE), secretKeys(resources(BASE)), "base");
    }

    @Test
    void theProbesPointAtTheActuatorHealthGroupsEachServiceExposes() throws IOException {
        checkProbes(resources(BASE), "base");
    }

    @Test
    void everyImageIsPinned() throws IOException {
        checkImagesPinned(resources(BASE), "base");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void theOverlayBuildsWithKustomizeIntoManifestsThatHoldTogether(String overlay) throws Exception {
        List<Manifest> built = kustomize(KUBERNETES.resolve("overlays").resolve(overlay));
        String where = "overlay " + overlay;
        String namespace = String.valueOf(kustomization(KUBERNETES.resolve("overlays").resolve(overlay)).get("namespace"));
        for (Manifest manifest : built) {
            if (!manifest.kind().equals("Namespace")) {
                assertThat(manifest.resource().getMetadata().getNamespace()).as(manifest.source()).isEqualTo(namespace);
            }
        }
        checkEnvironment(built, secretKeys(resources(BASE)), where);
        checkProbes(built, where);
        checkImagesPinned(built, where);
        checkTheyHoldTogether(built, where);

        List<Manifest> secrets = built.stream().filter(manifest -> manifest.resource() instanceof Secret).toList();
        List<HorizontalPodAutoscaler> autoscalers = of(built, HorizontalPodAutoscaler.class);
        assertThat(autoscalers).hasSize(SERVICES.size());
        if (overlay.equals("production")) {
            assertThat(secrets).as("production ships no demo secret: the operator creates them").isEmpty();
            autoscalers.forEach(hpa -> assertThat(hpa.getSpec().getMinReplicas()).as(hpa.getMetadata().getName()).isGreaterThanOrEqualTo(3));
            assertThat(configMap(built, "command-service").getData()).containsEntry("CAREERPATH_KAFKA_REPLICATION_FACTOR", "3");
        } else {
            assertThat(secrets).as("dev runs on the compose file's demo secrets").hasSize(SERVICES.size());
            autoscalers.forEach(hpa -> assertThat(hpa.getSpec().getMinReplicas()).as(hpa.getMetadata().getName()).isEqualTo(1));
        }
    }

    // --- the checks, on the base and on each overlay's build

    private static void checkEnvironment(List<Manifest> manifests, Map<String, Set<String>> operatorSecrets, String where)
            throws IOException {
        Map<String, Map<String, Object>> compose = composeServices();
        for (String service : SERVICES) {
            Deployment deployment = deployment(manifests, service);
            Set<String> names = new TreeSet<>();
            for (Container container : containers(deployment)) {
                for (EnvFromSource source : container.getEnvFrom()) {
                    if (source.getConfigMapRef() != null) {
                        names.addAll(configMap(manifests, source.getConfigMapRef().getName()).getData().keySet());
                    }
                    if (source.getSecretRef() != null) {
                        String secret = source.getSecretRef().getName();
                        Set<String> keys = secretKeys(manifests).getOrDefault(secret, operatorSecrets.get(secret));
                        assertThat(keys).as(where + ": " + service + " reads Secret " + secret).isNotNull();
                        names.addAll(keys);
                    }
                }
                container.getEnv().stream().map(EnvVar::getName).forEach(names::add);
            }
            @SuppressWarnings("unchecked")
            Set<String> composeNames = new TreeSet<>(((Map<String, Object>) compose.get(service).get("environment")).keySet());
            assertThat(names).as(where + ": " + service + "'s environment is the one docker-compose.yml gives it")
                    .isEqualTo(composeNames);
            ServiceSettings settings = ServiceSettings.of(REPOSITORY, service);
            assertThat(names.stream().filter(name -> !settings.reads(name)).toList())
                    .as(where + ": variables " + service + " does not read").isEmpty();
        }
    }

    private static void checkProbes(List<Manifest> manifests, String where) throws IOException {
        for (String service : SERVICES) {
            ServiceSettings settings = ServiceSettings.of(REPOSITORY, service);
            Set<String> exposed = settings.healthGroupPaths();
            int port = settings.managementPort().orElse(settings.serverPort());
            assertThat(exposed).as(service + " exposes Kubernetes' probe groups")
                    .contains("/actuator/health/liveness", "/actuator/health/readiness");
            for (Container container : containers(deployment(manifests, service))) {
                String name = where + ": " + service + "/" + container.getName();
                assertThat(container.getPorts()).extracting(ContainerPort::getContainerPort)
                        .as(name + " declares the service's port").contains(settings.serverPort());
                assertThat(probePath(container.getLivenessProbe(), container, port, name + " liveness"))
                        .isEqualTo("/actuator/health/liveness");
                assertThat(probePath(container.getReadinessProbe(), container, port, name + " readiness"))
                        .isEqualTo("/actuator/health/readiness");
                if (container.getStartupProbe() != null) {
                    assertThat(probePath(container.getStartupProbe(), container, port, name + " startup")).isIn(exposed);
                }
            }
        }
    }

    /** The probe's path, once its port is found to be the one the service answers health on. */
    private static String probePath(Probe probe, Container container, int port, String name) {
        assertThat(probe).as(name).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(name + " is an HTTP GET").isNotNull();
        Object target = get.getPort().getValue();
        int resolved = target instanceof Integer number ? number : container.getPorts().stream()
                .filter(declared -> target.equals(declared.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError(name + ": no container port named " + target));
        assertThat(resolved).as(name + " port").isEqualTo(port);
        return get.getPath();
    }

    private static void checkImagesPinned(List<Manifest> manifests, String where) {
        List<String> images = of(manifests, Deployment.class).stream()
                .flatMap(deployment -> containers(deployment).stream()).map(Container::getImage).toList();
        assertThat(images).as(where).hasSize(SERVICES.size());
        assertThat(images.stream().filter(KubernetesManifestsTest::unpinned).toList()).as(where + ": unpinned images").isEmpty();
    }

    static boolean unpinned(String image) {
        if (image.contains("@sha256:")) {
            return false;
        }
        String lastPart = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastPart.indexOf(':');
        return colon < 0 || lastPart.substring(colon + 1).equals("latest");
    }

    /** Selectors, references and resources that a cluster would only find wrong at run time. */
    private static void checkTheyHoldTogether(List<Manifest> manifests, String where) {
        for (Deployment deployment : of(manifests, Deployment.class)) {
            String name = where + ": Deployment " + deployment.getMetadata().getName();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).as(name + " selects its own pods").containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(deployment.getSpec().getReplicas()).as(name + ": the autoscaler owns the count").isNull();
            for (Container container : containers(deployment)) {
                assertThat(container.getResources().getRequests()).as(name + " requests (the autoscaler's CPU is relative to it)")
                        .containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(name + " limits memory").containsKey("memory");
            }
            Set<String> volumes = new LinkedHashSet<>();
            deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(volume -> volume.getPersistentVolumeClaim() != null)
                    .forEach(volume -> volumes.add(volume.getPersistentVolumeClaim().getClaimName()));
            volumes.forEach(claim -> assertThat(manifests).as(name + " mounts claim " + claim)
                    .anyMatch(manifest -> manifest.kind().equals("PersistentVolumeClaim") && manifest.name().equals(claim)));
            assertThat(of(manifests, Service.class)).as(name + " has a Service")
                    .anyMatch(service -> podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
            assertThat(of(manifests, PodDisruptionBudget.class)).as(name + " has a PodDisruptionBudget")
                    .anyMatch(pdb -> podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
            assertThat(of(manifests, HorizontalPodAutoscaler.class)).as(name + " has an autoscaler on CPU")
                    .anyMatch(hpa -> hpa.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                            && hpa.getSpec().getScaleTargetRef().getName().equals(deployment.getMetadata().getName())
                            && hpa.getSpec().getMetrics().stream().anyMatch(metric -> metric.getResource() != null
                            && metric.getResource().getName().equals("cpu"))
                            && hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas());
        }
    }

    // --- reading the files

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            return files.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
    }

    /** An overlay's own file that is not one of its resources is a patch. */
    private static boolean isPatch(Path file) throws IOException {
        Path dir = file.getParent();
        if (!dir.startsWith(KUBERNETES.resolve("overlays"))) {
            return false;
        }
        return list(kustomization(dir), "patches").stream()
                .anyMatch(patch -> dir.resolve(String.valueOf(patch.get("path"))).normalize().equals(file));
    }

    private static Map<String, Object> kustomization(Path dir) throws IOException {
        Path file = dir.resolve("kustomization.yaml");
        assertThat(file).isRegularFile();
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> kustomization = new Yaml().load(in);
            assertThat(kustomization.keySet()).as(file + ": fields this check knows").isSubsetOf(KUSTOMIZATION_FIELDS);
            assertThat(kustomization).as(file.toString())
                    .containsEntry("apiVersion", "kustomize.config.k8s.io/v1beta1").containsEntry("kind", "Kustomization");
            return kustomization;
        }
    }

    /** Every resource a kustomization brings in, through directories that are kustomizations themselves. */
    private static List<Manifest> resources(Path dir) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        for (Object entry : (List<?>) kustomization(dir).getOrDefault("resources", List.of())) {
            Path resource = dir.resolve(String.valueOf(entry)).normalize();
            assertThat(resource).as(dir + ": resource " + entry).exists();
            if (Files.isDirectory(resource)) {
                manifests.addAll(resources(resource));
            } else {
                manifests.addAll(KubernetesManifests.load(resource, false));
            }
        }
        return manifests;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> kustomization, String field) {
        return (List<Map<String, Object>>) kustomization.getOrDefault(field, List.of());
    }

    /**
     * kubectl's built-in kustomize (the machine's Debian package kubectl). Without it the check is skipped on a
     * developer's machine and fails on CI, where it must run.
     */
    private static List<Manifest> kustomize(Path overlay) throws Exception {
        boolean present = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
        if (!present) {
            assertThat(System.getenv("CI")).as("kubectl (kustomize) must be installed on CI").isNotEqualTo("true");
            Assumptions.abort("kubectl is not installed: the overlay was checked by the Java checks only");
        }
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", overlay.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
        assertThat(kubectl.exitValue()).as("kubectl kustomize " + overlay).isZero();
        return KubernetesManifests.load(output, "kubectl kustomize " + KUBERNETES.relativize(overlay), false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() throws IOException {
        try (InputStream in = Files.newInputStream(REPOSITORY.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    private static Map<String, Set<String>> secretKeys(List<Manifest> manifests) {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        for (Secret secret : of(manifests, Secret.class)) {
            Set<String> names = new TreeSet<>();
            if (secret.getStringData() != null) {
                names.addAll(secret.getStringData().keySet());
            }
            if (secret.getData() != null) {
                names.addAll(secret.getData().keySet());
            }
            keys.put(secret.getMetadata().getName(), names);
        }
        return keys;
    }

    private static <T> List<T> of(List<Manifest> manifests, Class<T> type) {
        return manifests.stream().map(Manifest::resource).filter(type::isInstance).map(type::cast).toList();
    }

    private static Deployment deployment(List<Manifest> manifests, String name) {
        return of(manifests, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    private static ConfigMap configMap(List<Manifest> manifests, String name) {
        return of(manifests, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
    }

    private static List<Container> containers(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers();
    }
}
