package io.careerpath.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The build's training run for the launcher's class-data-sharing archive (docs/operations.md, "Start-up"). The build
 * runs it as {@code java -XX:ArchiveClassesAtExit=careerpath.jsa -cp careerpath.jar io.careerpath.local.StartupTraining
 * <directory>}, on the same class path as the README's run command: it starts the whole platform once in a throwaway
 * data directory on free ports, asks both services whether they are ready, and stops it. The JVM then writes every
 * class the start loaded into the archive, and the run command maps them from it instead of reading, verifying and
 * linking them again, which is most of a start's CPU (docs/performance.md, "Start-up"). A start that fails here fails
 * the build: the jar it built does not start.
 */
public final class StartupTraining {

    private static final Logger log = LoggerFactory.getLogger(StartupTraining.class);

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        FileSystemUtils.deleteRecursively(dataDir);
        int status = 1;
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Settings(dataDir, 0, 0,
                PlatformServices.freePort(), PlatformServices.freePort(), PlatformServices.freePort()))) {
            requireReady(platform.services().commandPort());
            requireReady(platform.services().queryPort());
            status = 0;
        } catch (Exception e) {
            log.error("The platform did not start: {}", e.getMessage(), e);
        } finally {
            FileSystemUtils.deleteRecursively(dataDir);
        }
        // exits the JVM that writes the archive, whatever non-daemon threads a library left behind
        System.exit(status);
    }

    private static void requireReady(int port) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("The service on port " + port + " is not ready: " + answer.body());
        }
    }
}
