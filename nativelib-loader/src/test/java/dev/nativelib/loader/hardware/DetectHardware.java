package dev.nativelib.loader.hardware;

/**
 * Child JVM main: times the first {@link HardwareDetector#current()} of a fresh JVM and prints it with the result,
 * as {@code nanos=<n>} and {@code signature=<signature>} lines (used by {@code HardwareColdStartTest}; the benchmark
 * harness's {@code DetectTimer} measures the cost).
 */
public final class DetectHardware {

    private DetectHardware() {
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        MachineProperties machine = HardwareDetector.current();
        long nanos = System.nanoTime() - start;
        System.out.println("nanos=" + nanos);
        System.out.println("signature=" + machine.signature());
    }
}
