package io.careerpath.benchmarks;

/** Smoke (the normal build: keeps every benchmark working) or full (the documented benchmark run). */
enum BenchmarkSize {
    SMOKE, FULL;

    static BenchmarkSize current() {
        return "full".equalsIgnoreCase(System.getProperty("benchmark.size", "smoke")) ? FULL : SMOKE;
    }

    int pick(int smoke, int full) {
        return this == FULL ? full : smoke;
    }
}
