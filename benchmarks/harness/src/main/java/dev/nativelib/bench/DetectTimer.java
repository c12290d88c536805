package dev.nativelib.bench;

import dev.nativelib.loader.hardware.HardwareDetector;
import dev.nativelib.loader.hardware.VariantProperty;

/**
 * The first {@code HardwareDetector.current()} of a fresh JVM, after what a load of a package with variants does
 * before it detects (settings, platform and libc detection, the variants' properties read from their descriptors),
 * so that only what detection adds is timed. Prints {@code load_ns=}.
 */
public final class DetectTimer {

    private DetectTimer() {
    }

    public static void main(String[] args) {
        dev.nativelib.loader.settings.Settings.validate();
        dev.nativelib.loader.platform.PlatformDetector.host();
        VariantProperty.parse("x86_64 :: level :: v2");
        long start = System.nanoTime();
        String signature = HardwareDetector.current().signature();
        long took = System.nanoTime() - start;
        if (signature.isEmpty()) {
            throw new IllegalStateException("no signature");
        }
        System.out.println("load_ns=" + took);
    }
}
