package dev.nativelib.loader.hardware;

/**
 * Child JVM main: times the first {@link HardwareDetector#current()} of a fresh JVM and prints it with the result,
 * as {@code nanos=<n>} and {@code signature=<signature>} lines (used by {@code HardwareColdStartTest} and by
 * {@code benchmarks/detect-hardware.sh}).
 */
public final class DetectHardware {

    private DetectHardware() {
    }

    /**
     * @param args {@code --after-loader} to first do what every load does before it could detect (validate the
     *             settings, detect the platform and libc), so that only what detection adds is timed; else nothing
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--after-loader")) {
            dev.nativelib.loader.settings.Settings.validate();
            dev.nativelib.loader.diagnostics.Log.debugging();
            dev.nativelib.loader.platform.PlatformDetector.host();
        }
        long start = System.nanoTime();
        MachineProperties machine = HardwareDetector.current();
        long nanos = System.nanoTime() - start;
        System.out.println("nanos=" + nanos);
        System.out.println("signature=" + machine.signature());
    }
}
