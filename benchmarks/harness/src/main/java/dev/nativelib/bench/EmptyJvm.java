package dev.nativelib.bench;

/** The floor: a JVM that starts, prints and exits. */
public final class EmptyJvm {

    private EmptyJvm() {
    }

    public static void main(String[] args) {
        LoadTimer.report(System.nanoTime(), 3);
    }
}
