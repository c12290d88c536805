package dev.nativelib.loader.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * No content of the files detection reads ends in an exception: truncated, flipped, random or hostile bytes give
 * fewer properties (down to the baseline) and say so in the evidence.
 */
class HardwareMalformedInputTest {

    private static final List<String> SAMPLES = List.of("cpuinfo/linux-rocky8.5-zen4", "cpuinfo/firecracker-epyc",
            "cpuinfo/linux-rhel9-neoverse_v2", "cpuinfo/linux-amazon-neoverse_v1", "nvidia/open-565.57.01",
            "nvidia/proprietary-580.173.02");
    private static final List<String> FILES = List.of("/proc/cpuinfo", "/proc/self/auxv",
            "/proc/driver/nvidia/version", "/sys/module/nvidia/version");
    private static final List<Platform> PLATFORMS = List.of(HardwareDetectorTest.LINUX_X86,
            HardwareDetectorTest.LINUX_ARM);

    /** Detects on every platform; each result has only properties of the known forms. */
    private static void detectAll(FakeMachine machine, String what) {
        for (Platform platform : PLATFORMS) {
            MachineProperties m = new HardwareDetector(machine).detect(platform);
            for (VariantProperty p : m.properties()) {
                String s = p.toString();
                assertTrue(s.matches("x86_64 :: level :: v[1-4]|aarch64 :: sve2? :: on|cuda :: runtime :: 1[123]"),
                        what + ": " + s);
            }
            assertTrue(!m.evidence().isEmpty(), what);
        }
    }

    @Test
    void everyTruncationOfRealFiles() {
        for (String sample : SAMPLES) {
            byte[] whole = FakeMachine.resource(sample);
            for (int length = 0; length <= whole.length; length++) {
                byte[] cut = Arrays.copyOf(whole, length);
                FakeMachine machine = new FakeMachine();
                for (String file : FILES) {
                    machine.file(file, cut);
                }
                detectAll(machine, sample + " cut at " + length);
            }
        }
    }

    @Test
    void randomMutationsAndRandomBytes() {
        Random random = new Random(16);
        for (int round = 0; round < 3000; round++) {
            FakeMachine machine = new FakeMachine();
            for (String file : FILES) {
                byte[] b;
                if (random.nextBoolean()) {
                    b = FakeMachine.resource(SAMPLES.get(random.nextInt(SAMPLES.size())));
                    for (int flips = random.nextInt(8); flips >= 0; flips--) {
                        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                    }
                } else {
                    b = new byte[random.nextInt(600)];
                    random.nextBytes(b);
                }
                machine.file(file, b);
            }
            detectAll(machine, "round " + round);
        }
    }

    @Test
    void hostileButWellFormedLines() {
        String digits = "9".repeat(40);
        for (String text : List.of("flags\t:\n", "flags", ":::\n:\n", "flags : " + "avx512f ".repeat(20000),
                "NVRM version: NVIDIA UNIX x86_64 Kernel Module  " + digits + "." + digits + "  x\n",
                "NVRM version: NVIDIA UNIX x86_64 Kernel Module\n", "NVRM version: Kernel Module 1..2 3.4.5.6.7\n",
                "Features\t: sve sve2 sve2 \u0000\n", "\n\n\n", "")) {
            FakeMachine machine = new FakeMachine();
            for (String file : FILES) {
                machine.file(file, text.getBytes(StandardCharsets.ISO_8859_1));
            }
            detectAll(machine, text.length() > 80 ? text.substring(0, 80) : text);
        }
        // An auxiliary vector with AT_HWCAP but no AT_NULL, and one with every bit set.
        assertEquals("aarch64 :: sve :: on, aarch64 :: sve2 :: on", new HardwareDetector(new FakeMachine()
                .file("/proc/self/auxv", Arrays.copyOf(FakeMachine.auxv(-1L, -1L), 48)))
                .detect(HardwareDetectorTest.LINUX_ARM).signature());
    }
}
