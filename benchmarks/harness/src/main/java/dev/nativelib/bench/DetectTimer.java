package dev.nativelib.bench;

import dev.nativelib.loader.hardware.HardwareDetector;
import dev.nativelib.loader.hardware.MachineProperties;
import dev.nativelib.loader.hardware.MachineStamp;
import dev.nativelib.loader.hardware.VariantProperty;
import java.nio.file.Path;

/**
 * What a load of a package with variants pays to learn the machine's properties, in a fresh JVM, after what such a
 * load does before (settings, platform and libc detection, the variants' properties read from their descriptors).
 * Prints {@code from=record} or {@code from=detection}, then {@code load_ns=}. Arguments: {@code detect} times
 * {@code HardwareDetector.current()}, detection alone; {@code record <cache root>} times {@code MachineStamp.machine}
 * with this boot's record in that root, as every JVM after the first of a boot finds it.
 */
public final class DetectTimer {

    private DetectTimer() {
    }

    public static void main(String[] args) {
        dev.nativelib.loader.settings.Settings.validate();
        dev.nativelib.loader.platform.PlatformDetector.host();
        VariantProperty.parse("x86_64 :: level :: v2");
        boolean record = args[0].equals("record");
        Path root = record ? Path.of(args[1]) : null;
        long start = System.nanoTime();
        MachineProperties machine = record ? MachineStamp.machine(root) : HardwareDetector.current();
        long took = System.nanoTime() - start;
        System.out.println("from=" + (machine.evidence().get(0).startsWith("as detected on this boot") ? "record"
                : "detection"));
        System.out.println("load_ns=" + took);
    }
}
