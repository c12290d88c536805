package dev.nativelib.bench;

/** What every child process prints: how long its load call took, in nanoseconds, and that the library works. */
final class LoadTimer {

    private LoadTimer() {
    }

    static void report(long start, int value) {
        long took = System.nanoTime() - start;
        if (value != 3) {
            throw new IllegalStateException("the chain returned " + value + ", not 3");
        }
        System.out.println("load_ns=" + took);
    }
}
