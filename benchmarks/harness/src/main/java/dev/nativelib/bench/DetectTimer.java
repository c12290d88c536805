package dev.nativelib.bench;

import dev.nativelib.loader.hardware.MachineProperties;
import dev.nativelib.loader.hardware.MachineStamp;
import dev.nativelib.loader.hardware.VariantProperty;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What a load of a package with variants pays to learn the machine's properties, in a fresh JVM, after what such a
 * load does before (settings, platform and libc detection, the variants' properties read from their descriptors).
 * Prints {@code from=record} or {@code from=detection}, then {@code load_ns=}. Arguments: {@code first <cache root>}
 * removes the root's machine records first (untimed), then times {@code MachineStamp.machine(root)}, which detects and
 * writes the record, as the first JVM of a boot does; {@code record <cache root>} times the same call with that
 * record in place, as every later JVM finds it.
 */
public final class DetectTimer {

    private DetectTimer() {
    }

    public static void main(String[] args) throws IOException {
        dev.nativelib.loader.settings.Settings.validate();
        dev.nativelib.loader.platform.PlatformDetector.host();
        VariantProperty.parse("x86_64 :: level :: v2");
        Path root = Path.of(args[1]);
        if (args[0].equals("first")) {
            BenchmarkRunner.deleteTree(root.resolve(MachineStamp.DIRECTORY));
        }
        long start = System.nanoTime();
        MachineProperties machine = MachineStamp.machine(root);
        long took = System.nanoTime() - start;
        System.out.println("from=" + (machine.evidence().get(0).startsWith("as detected on this boot") ? "record"
                : "detection"));
        System.out.println("load_ns=" + took);
    }
}
