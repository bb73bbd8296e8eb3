package io.careerpath.benchmarks;

/**
 * The busy machine's other work: one thread that keeps one core fully busy until the process is stopped. Run as a
 * process of its own ({@link PlatformBenchmark}), so that it competes for the cores as other software on the machine
 * would, not inside any JVM the benchmark measures.
 */
public final class CoreSpinner {

    private static volatile long sink;

    private CoreSpinner() {
    }

    public static void main(String[] args) {
        long x = 1;
        while (true) {
            // xorshift: cheap arithmetic the JIT cannot remove, no allocation, no memory traffic
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            if (x == 42) {
                sink = x;
            }
        }
    }
}
