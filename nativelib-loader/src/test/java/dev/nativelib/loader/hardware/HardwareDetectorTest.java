package dev.nativelib.loader.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.platform.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Detection on recorded {@code /proc} files of real machines (their sources are in
 * {@code src/test/resources/dev/nativelib/loader/hardware/README.md}), and the settings that force or mask.
 */
class HardwareDetectorTest {

    static final Platform LINUX_X86 = Platform.of("linux", "x86_64", null);
    static final Platform LINUX_ARM = Platform.of("linux", "aarch_64", null);

    private static final String V1 = "x86_64 :: level :: v1";
    private static final String V2 = V1 + ", x86_64 :: level :: v2";
    private static final String V3 = V2 + ", x86_64 :: level :: v3";
    private static final String V4 = V3 + ", x86_64 :: level :: v4";

    private static MachineProperties detect(FakeMachine machine, Platform platform) {
        return new HardwareDetector(machine).detect(platform);
    }

    private static String x86(String sample) {
        return detect(new FakeMachine().cpuinfo(sample), LINUX_X86).signature();
    }

    @Test
    void x86LevelsOfRealMachines() {
        assertEquals(V1, x86("linux-scientific7-k10"));
        assertEquals(V2, x86("huku-westmere-e5620"));
        assertEquals(V2, x86("linux-rhel7-ivybridge"));
        assertEquals(V2, x86("linux-rhel6-piledriver"));
        assertEquals(V3, x86("linux-rhel7-haswell"));
        assertEquals(V3, x86("linux-rhel7-zen"));
        assertEquals(V3, x86("linux-ubuntu24.04-alderlake"));
        assertEquals(V4, x86("linux-rhel7-skylake_avx512"));
        assertEquals(V4, x86("linux-rocky8.5-zen4"));
        assertEquals(V4, x86("linux-unknown-sapphirerapids"));
        assertEquals(V4, x86("firecracker-epyc"));
    }

    @Test
    void theEvidenceNamesWhatTheNextLevelLacks() {
        assertEquals(List.of("x86-64-v1: x86-64-v2 needs SSE4_1 (sse4_1), SSE4_2 (sse4_2), SSSE3 (ssse3), not in the"
                        + " flags of /proc/cpuinfo", "cuda: no NVIDIA driver (no /proc/driver/nvidia/version)"),
                detect(new FakeMachine().cpuinfo("linux-scientific7-k10"), LINUX_X86).evidence());
        assertEquals("x86-64-v2: x86-64-v3 needs AVX2 (avx2), BMI2 (bmi2), MOVBE (movbe), not in the flags of"
                + " /proc/cpuinfo", detect(new FakeMachine().cpuinfo("linux-rhel6-piledriver"), LINUX_X86)
                .evidence().get(0));
        assertEquals("x86-64-v3: x86-64-v4 needs AVX512F (avx512f), AVX512BW (avx512bw), AVX512CD (avx512cd),"
                + " AVX512DQ (avx512dq), AVX512VL (avx512vl), not in the flags of /proc/cpuinfo",
                detect(new FakeMachine().cpuinfo("linux-ubuntu24.04-alderlake"), LINUX_X86).evidence().get(0));
    }

    /** This machine's kernel lists no abm although the processor runs LZCNT (see firecracker-epyc.cpuid). */
    @Test
    void lzcntIsImpliedByBmi1AndAvx2WhenAHypervisorHidesAbm() {
        assertEquals(List.of("LZCNT taken as present: /proc/cpuinfo lists bmi1 and avx2 but no abm, a combination no"
                        + " processor has (a hypervisor hiding the bit from its guest kernel)",
                "x86-64-v4: every feature of x86-64-v2 to v4 is in the flags of /proc/cpuinfo",
                "cuda: no NVIDIA driver (no /proc/driver/nvidia/version)"),
                detect(new FakeMachine().cpuinfo("firecracker-epyc"), LINUX_X86).evidence());
        // Without AVX2 (Piledriver has abm anyway): nothing is implied, the missing flags decide.
        String haswellWithoutAbmAndAvx2 = "flags : cx16 lahf_lm popcnt pni sse4_1 sse4_2 ssse3 avx bmi1 bmi2 f16c fma"
                + " movbe xsave\n";
        assertEquals(V2, detect(new FakeMachine().file("/proc/cpuinfo", haswellWithoutAbmAndAvx2), LINUX_X86)
                .signature());
        assertEquals("x86-64-v2: x86-64-v3 needs AVX2 (avx2), LZCNT (abm), not in the flags of /proc/cpuinfo",
                detect(new FakeMachine().file("/proc/cpuinfo", haswellWithoutAbmAndAvx2), LINUX_X86).evidence()
                        .get(0));
    }

    @Test
    void avxWithoutTheOperatingSystemsXsaveIsNotV3() {
        String noxsave = "flags : cx16 lahf_lm popcnt pni sse4_1 sse4_2 ssse3 avx avx2 bmi1 bmi2 f16c fma abm movbe\n";
        assertEquals(V2, detect(new FakeMachine().file("/proc/cpuinfo", noxsave), LINUX_X86).signature());
    }

    private static String arm(FakeMachine machine) {
        return detect(machine, LINUX_ARM).signature();
    }

    @Test
    void aarch64FeaturesOfRealMachinesFromCpuinfo() {
        assertEquals("none", arm(new FakeMachine().cpuinfo("linux-amazon-cortex_a72")));
        assertEquals("none", arm(new FakeMachine().cpuinfo("linux-amazon-neoverse_n1")));
        assertEquals("none", arm(new FakeMachine().cpuinfo("linux-ubuntu22.04-ampere1")));
        assertEquals("aarch64 :: sve :: on", arm(new FakeMachine().cpuinfo("linux-amazon-neoverse_v1")));
        assertEquals("aarch64 :: sve :: on", arm(new FakeMachine().cpuinfo("linux-rocky8-a64fx")));
        assertEquals("aarch64 :: sve :: on, aarch64 :: sve2 :: on",
                arm(new FakeMachine().cpuinfo("linux-rhel9-neoverse_v2")));
        assertEquals(List.of("aarch64: Features of /proc/cpuinfo: SVE and SVE2",
                "cuda: no NVIDIA driver (no /proc/driver/nvidia/version)"),
                detect(new FakeMachine().cpuinfo("linux-rhel9-neoverse_v2"), LINUX_ARM).evidence());
    }

    @Test
    void aarch64FeaturesFromTheAuxiliaryVectorWin() {
        // A Graviton3's HWCAP (fp asimd … sve … as in linux-amazon-neoverse_v1) with its cpuinfo saying otherwise.
        FakeMachine graviton3 = new FakeMachine().cpuinfo("linux-amazon-neoverse_n1")
                .file("/proc/self/auxv", FakeMachine.auxv(0xefffffL, 0x0L | 1L << 0 | 1L << 9));
        assertEquals("aarch64 :: sve :: on", arm(graviton3));
        assertEquals("aarch64: /proc/self/auxv AT_HWCAP 0xefffff, AT_HWCAP2 0x201: SVE",
                detect(graviton3, LINUX_ARM).evidence().get(0));
        assertEquals("aarch64 :: sve :: on, aarch64 :: sve2 :: on",
                arm(new FakeMachine().file("/proc/self/auxv", FakeMachine.auxv(1L << 22, 1L << 1))));
        assertEquals("none", arm(new FakeMachine().cpuinfo("linux-rhel9-neoverse_v2")
                .file("/proc/self/auxv", FakeMachine.auxv(0xff, 0))));
    }

    @Test
    void aTruncatedAuxiliaryVectorFallsBackToCpuinfo() {
        byte[] whole = FakeMachine.auxv(1L << 22, 1L << 1);
        for (int length = 0; length < 32; length++) {
            // The vector is cut before AT_HWCAP's value ends: cpuinfo decides.
            byte[] cut = java.util.Arrays.copyOf(whole, length);
            assertEquals("none", arm(new FakeMachine().cpuinfo("linux-amazon-neoverse_n1")
                    .file("/proc/self/auxv", cut)), "length " + length);
        }
        assertEquals(List.of("aarch64: neither /proc/self/auxv nor /proc/cpuinfo says which features there are;"
                + " none assumed", "cuda: no NVIDIA driver (no /proc/driver/nvidia/version)"),
                detect(new FakeMachine().file("/proc/self/auxv", new byte[7]), LINUX_ARM).evidence());
    }

    private static String cuda(FakeMachine machine) {
        return String.join(", ", detect(machine, LINUX_X86).values("cuda", "runtime"));
    }

    @Test
    void cudaMajorsFromRealDriverVersionFiles() {
        assertEquals("", cuda(new FakeMachine().nvidia("proprietary-384.98")));
        assertEquals("11", cuda(new FakeMachine().nvidia("open-525.60.11")));
        assertEquals("11, 12", cuda(new FakeMachine().nvidia("open-565.57.01")));
        assertEquals("11, 12, 13", cuda(new FakeMachine().nvidia("proprietary-580.173.02")));
        assertEquals("", cuda(new FakeMachine().nvidia("jetson-35.3.1")));
        assertEquals("cuda: NVIDIA driver 565.57.01 (/proc/driver/nvidia/version) runs CUDA 11, 12",
                detect(new FakeMachine().nvidia("open-565.57.01"), LINUX_X86).evidence().get(1));
        assertEquals("cuda: NVIDIA driver 384.98 (/proc/driver/nvidia/version) runs CUDA none of 11, 12, 13 (11.x"
                + " needs 450.80.02 or newer)", detect(new FakeMachine().nvidia("proprietary-384.98"), LINUX_X86)
                .evidence().get(1));
        assertEquals("cuda :: runtime :: 11, cuda :: runtime :: 12, x86_64 :: level :: v1",
                detect(new FakeMachine().nvidia("open-565.57.01"), LINUX_X86).signature());
    }

    @Test
    void theDriverVersionFromSysWhenProcHasNone() {
        FakeMachine machine = new FakeMachine().file("/sys/module/nvidia/version", "580.65.06\n");
        assertEquals("11, 12, 13", cuda(machine));
        assertEquals("cuda: NVIDIA driver 580.65.06 (/sys/module/nvidia/version) runs CUDA 11, 12, 13",
                detect(machine, LINUX_X86).evidence().get(1));
        assertEquals("11, 12", cuda(new FakeMachine().file("/proc/driver/nvidia/version", "NVRM version: garbage\n")
                .file("/sys/module/nvidia/version", "580.65.05\n")));
        assertEquals("cuda: no driver version found in /proc/driver/nvidia/version or /sys/module/nvidia/version",
                detect(new FakeMachine().file("/proc/driver/nvidia/version", "NVRM version: garbage\n"), LINUX_X86)
                        .evidence().get(1));
    }

    @Test
    void noCudaOutsideLinuxAndTheBaselineOnlyWhereNothingCanBeRead() {
        FakeMachine machine = new FakeMachine().cpuinfo("linux-rocky8.5-zen4").nvidia("proprietary-580.173.02");
        assertEquals(V1, detect(machine, Platform.of("osx", "x86_64", null)).signature());
        assertEquals(V1, detect(machine, Platform.of("windows", "x86_64", null)).signature());
        assertEquals(List.of("x86-64-v1: the baseline on windows, where the processor's features cannot be read"
                + " without native code (nativelib.hardware.add can claim more)"),
                detect(machine, Platform.of("windows", "x86_64", null)).evidence());
        assertEquals("none", detect(machine, Platform.of("osx", "aarch_64", null)).signature());
        assertEquals("cuda :: runtime :: 11, cuda :: runtime :: 12, cuda :: runtime :: 13",
                detect(machine, Platform.of("linux", "riscv64", null)).signature());
        assertEquals("no processor properties are detected on riscv64",
                detect(machine, Platform.of("linux", "riscv64", null)).evidence().get(0));
        assertEquals(List.of("x86-64-v1: /proc/cpuinfo cannot be read; the baseline is assumed",
                "cuda: no NVIDIA driver (no /proc/driver/nvidia/version)"),
                detect(new FakeMachine(), LINUX_X86).evidence());
    }

    @Test
    void maskingALevelMasksTheLevelsAboveIt() {
        FakeMachine zen4 = new FakeMachine().cpuinfo("linux-rocky8.5-zen4").nvidia("open-565.57.01");
        assertEquals("cuda :: runtime :: 11, cuda :: runtime :: 12, " + V3, detect(zen4.property(
                "nativelib.hardware.mask", "x86_64::level::v4"), LINUX_X86).signature());
        assertEquals("cuda :: runtime :: 11, cuda :: runtime :: 12, " + V2, detect(zen4.property(
                "nativelib.hardware.mask", " x86_64 :: level :: v3 "), LINUX_X86).signature());
        assertEquals(V1, detect(zen4.property("nativelib.hardware.mask", "x86_64 :: level :: v2, cuda :: runtime"),
                LINUX_X86).signature());
        assertEquals("-Dnativelib.hardware.mask masks x86_64 :: level :: v2, cuda :: runtime",
                detect(zen4, LINUX_X86).evidence().get(2));
    }

    @Test
    void addingForcesPropertiesAndALevelBringsThoseBelow() {
        FakeMachine mac = new FakeMachine().variable("NATIVELIB_HARDWARE_ADD", "x86_64 :: level :: v3,"
                + " cuda :: runtime :: 12");
        assertEquals("cuda :: runtime :: 12, " + V3, detect(mac, Platform.of("osx", "x86_64", null)).signature());
        assertEquals("NATIVELIB_HARDWARE_ADD adds x86_64 :: level :: v3, cuda :: runtime :: 12",
                detect(mac, Platform.of("osx", "x86_64", null)).evidence().get(1));
        // The system property wins over the variable; mask applies after add.
        mac.property("nativelib.hardware.add", "blas :: backend :: mkl").variable("NATIVELIB_HARDWARE_MASK",
                "blas :: backend :: mkl, x86_64 :: level :: v1");
        assertEquals("none", detect(mac, Platform.of("osx", "x86_64", null)).signature());
    }

    @Test
    void anInvalidSettingIsAnErrorNamingIt() {
        FakeMachine machine = new FakeMachine().cpuinfo("linux-rhel7-haswell")
                .property("nativelib.hardware.mask", "x86_64 :: level :: v4, AVX512");
        HardwareDetector detector = new HardwareDetector(machine);
        assertEquals("-Dnativelib.hardware.mask=x86_64 :: level :: v4, AVX512 is not valid: 'AVX512' is not a variant"
                + " property; use namespace :: feature :: value (or namespace :: feature for all its values),"
                + " separated by commas, in lower case, e.g. x86_64 :: level :: v4",
                assertThrows(IllegalArgumentException.class, () -> detector.detect(LINUX_X86)).getMessage());
        // The probe itself never fails: only applying the setting does, on every call.
        assertEquals(V3, detector.probe(LINUX_X86).signature());
        machine.properties.clear();
        machine.variable("NATIVELIB_HARDWARE_ADD", "cuda :: runtime");
        assertEquals("NATIVELIB_HARDWARE_ADD=cuda :: runtime is not valid: 'cuda :: runtime' is not a variant"
                + " property; use namespace :: feature :: value, separated by commas, in lower case, e.g."
                + " x86_64 :: level :: v4",
                assertThrows(IllegalArgumentException.class, () -> detector.detect(LINUX_X86)).getMessage());
    }

    @Test
    void theSignatureIsStableAndReadsBack() {
        MachineProperties m = detect(new FakeMachine().cpuinfo("linux-rocky8.5-zen4")
                .nvidia("proprietary-580.173.02"), LINUX_X86);
        assertEquals("cuda :: runtime :: 11, cuda :: runtime :: 12, cuda :: runtime :: 13, " + V4, m.signature());
        assertEquals(m, MachineProperties.parseSignature(m.signature()));
        assertEquals(MachineProperties.NONE, MachineProperties.parseSignature("none"));
        assertEquals(List.of("v1", "v2", "v3", "v4"), m.values("x86_64", "level"));
        assertEquals(true, m.has(VariantProperty.parse("x86_64::level::v4")));
        assertEquals(false, m.has(VariantProperty.parse("aarch64 :: sve :: on")));
    }
}
