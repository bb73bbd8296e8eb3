package io.careerpath.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Another JVM on this JVM's class path: the Kafka broker, and in tests the platform itself. Its standard
 * input stays a pipe from this JVM (ProcessBuilder's default), which the operating system closes when this
 * JVM dies, however it dies: {@link KafkaBrokerChild} ends the broker on it.
 *
 * <p>The class path travels in the {@code CLASSPATH} environment variable, not on the command line: it is
 * tens of kilobytes, and the JDK reads only the first 4096 bytes of a Linux process's command line
 * ({@link ProcessHandle.Info#commandLine()}), so a process started with it could not be recognised by its
 * command line later (the broker's pid file relies on that).
 *
 * <p>Run from the executable jar ({@code java -jar local-platform-*-exec.jar}), the class path is that one jar, whose
 * classes and libraries are nested in it: the child is then started through Spring Boot's own
 * {@code PropertiesLauncher} from the same jar, told the main class by {@code loader.main}.
 */
public final class ChildJvm {

    private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private ChildJvm() {
    }

    /** {@code java <jvmOptions> <mainClass> <arguments>}, with this JVM's class path. */
    public static ProcessBuilder builder(List<String> jvmOptions, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        String classPath = classPath();
        if (isExecutableJar(classPath)) {
            command.add("-Dloader.main=" + mainClass);
            command.add(PROPERTIES_LAUNCHER);
        } else {
            command.add(mainClass);
        }
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CLASSPATH", classPath);
        return builder;
    }


    /** A Spring Boot executable jar: one jar holding the application under {@code BOOT-INF/}. */
    static boolean isExecutableJar(String classPath) {
        if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")
                || !Files.isRegularFile(Path.of(classPath))) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            return jar.getEntry("BOOT-INF/classes/") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + classPath, e);
        }
    }

    /** Surefire hides the real test class path behind a manifest jar; it publishes it here instead. */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && surefire.contains("kafka_2.13") ? surefire : System.getProperty("java.class.path");
    }
}
