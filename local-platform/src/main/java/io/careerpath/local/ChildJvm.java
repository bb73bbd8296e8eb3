package io.careerpath.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Another JVM on this JVM's class path: the Kafka broker, and in tests the platform itself. Its standard
 * input stays a pipe from this JVM (ProcessBuilder's default), which the operating system closes when this
 * JVM dies, however it dies: {@link KafkaBrokerChild} ends the broker on it.
 *
 * <p>The class path travels in the {@code CLASSPATH} environment variable, not on the command line: it is
 * tens of kilobytes, and the JDK reads only the first 4096 bytes of a Linux process's command line
 * ({@link ProcessHandle.Info#commandLine()}), so a process started with it could not be recognised by its
 * command line later (the broker's pid file relies on that).
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** {@code java <jvmOptions> <mainClass> <arguments>}, with this JVM's class path. */
    public static ProcessBuilder builder(List<String> jvmOptions, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CLASSPATH", classPath());
        return builder;
    }

    /** Surefire hides the real test class path behind a manifest jar; it publishes it here instead. */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && surefire.contains("kafka_2.13") ? surefire : System.getProperty("java.class.path");
    }
}
