package dev.nativelib.loader.hardware;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The x86-64 microarchitecture level (x86-64-v1 to v4, defined in the x86-64 psABI, "Micro-Architecture Levels")
 * a Linux machine reaches, from the {@code flags} of {@code /proc/cpuinfo}.
 *
 * <p>Each level's features with the name Linux gives each flag:
 * <ul>
 *   <li>v1, the x86-64 baseline (CMOV, CX8, FPU, FXSR, MMX, OSFXSR, SCE, SSE, SSE2): not checked. Every x86-64
 *       processor has them, and a 32-bit kernel hides SCE ({@code syscall}) on Intel processors, which report it
 *       only in 64-bit mode.</li>
 *   <li>v2: CMPXCHG16B {@code cx16}, LAHF-SAHF {@code lahf_lm}, POPCNT {@code popcnt}, SSE3 {@code pni}, SSE4_1
 *       {@code sse4_1}, SSE4_2 {@code sse4_2}, SSSE3 {@code ssse3}.</li>
 *   <li>v3: AVX {@code avx}, AVX2 {@code avx2}, BMI1 {@code bmi1}, BMI2 {@code bmi2}, F16C {@code f16c}, FMA
 *       {@code fma}, LZCNT {@code abm} (AMD's name for CPUID 0x80000001 ECX bit 5, which Intel calls LZCNT), MOVBE
 *       {@code movbe}, OSXSAVE {@code xsave}.</li>
 *   <li>v4: AVX512F {@code avx512f}, AVX512BW {@code avx512bw}, AVX512CD {@code avx512cd}, AVX512DQ
 *       {@code avx512dq}, AVX512VL {@code avx512vl}.</li>
 * </ul>
 *
 * <p>Why the flags are enough for the operating system's part (OSXSAVE, and the XCR0 register enabling the AVX and
 * AVX-512 register state): Linux never shows OSXSAVE, but it sets CR4.OSXSAVE whenever it uses XSAVE, which the
 * {@code xsave} flag says; it enables in XCR0 every user state the processor has, and when it cannot (booted with
 * {@code noxsave}, or a state it does not manage) it clears the flags that depend on it ({@code avx}, {@code avx2},
 * {@code avx512*}, per its {@code cpuid-deps.c}). So a flag in {@code /proc/cpuinfo} is a feature user space can
 * use, which CPUID alone would not tell.
 *
 * <p>One exception: LZCNT counts as present without {@code abm} when {@code bmi1} and {@code avx2} are there. No
 * processor has BMI1 and AVX2 without LZCNT (Intel added the three together in Haswell; AMD had LZCNT since K10, years
 * before the other two), whereas a hypervisor was seen to hide the ABM bit from its guest kernel while the processor
 * runs LZCNT: an AMD EPYC guest whose {@code /proc/cpuinfo} lists no {@code abm}, where user-space CPUID reports it,
 * {@code lzcnt} executes, and glibc's {@code ld.so --help} reports x86-64-v4 (the test resource
 * {@code firecracker-epyc-cpuinfo}).
 */
final class X86Level {

    /** The flags of v2, v3 and v4, each with the psABI's name for the feature. */
    private static final String[][][] LEVELS = {
        {{"cx16", "CMPXCHG16B"}, {"lahf_lm", "LAHF-SAHF"}, {"popcnt", "POPCNT"}, {"pni", "SSE3"},
            {"sse4_1", "SSE4_1"}, {"sse4_2", "SSE4_2"}, {"ssse3", "SSSE3"}},
        {{"avx", "AVX"}, {"avx2", "AVX2"}, {"bmi1", "BMI1"}, {"bmi2", "BMI2"}, {"f16c", "F16C"}, {"fma", "FMA"},
            {"abm", "LZCNT"}, {"movbe", "MOVBE"}, {"xsave", "OSXSAVE"}},
        {{"avx512f", "AVX512F"}, {"avx512bw", "AVX512BW"}, {"avx512cd", "AVX512CD"}, {"avx512dq", "AVX512DQ"},
            {"avx512vl", "AVX512VL"}},
    };

    /** Where AVX2, BMI1 and LZCNT are in the v3 row of {@link #LEVELS}. */
    private static final int AVX2 = 1;
    private static final int BMI1 = 2;
    private static final int LZCNT = 6;

    /** Each flag of {@link #LEVELS}, with its place there: row in the high bits, column in the low four. */
    private static final Map<String, Integer> WANTED = new HashMap<>();

    static {
        for (int l = 0; l < LEVELS.length; l++) {
            for (int f = 0; f < LEVELS[l].length; f++) {
                WANTED.put(LEVELS[l][f][0], l << 4 | f);
            }
        }
    }

    private X86Level() {
    }

    /**
     * @param flags    the value of the {@code flags} field of {@code /proc/cpuinfo}: flags separated by spaces
     * @param evidence receives a line saying what decided the level
     * @return the highest level whose features, and those of every level below, are all in {@code flags}: 1 to 4
     */
    static int level(String flags, List<String> evidence) {
        boolean[][] present = new boolean[LEVELS.length][];
        for (int l = 0; l < LEVELS.length; l++) {
            present[l] = new boolean[LEVELS[l].length];
        }
        // One pass over the line, each word looked up among the 21 flags wanted. This runs interpreted in a fresh
        // JVM: indexOf and one hash lookup per word, rather than charAt per character or a comparison per flag.
        int start = 0;
        while (start < flags.length()) {
            int end = flags.indexOf(' ', start);
            if (end < 0) {
                end = flags.length();
            }
            if (end > start) {
                Integer at = WANTED.get(flags.substring(start, end));
                if (at != null) {
                    present[at >> 4][at & 15] = true;
                }
            }
            start = end + 1;
        }
        boolean abm = present[1][LZCNT];
        if (!abm && present[1][AVX2] && present[1][BMI1]) {
            present[1][LZCNT] = true;
        }
        for (int level = 2; level <= 4; level++) {
            StringBuilder missing = new StringBuilder();
            String[][] features = LEVELS[level - 2];
            for (int f = 0; f < features.length; f++) {
                String[] feature = features[f];
                if (!present[level - 2][f]) {
                    missing.append(missing.length() == 0 ? "" : ", ").append(feature[1]).append(" (")
                            .append(feature[0]).append(')');
                }
            }
            if (missing.length() > 0) {
                evidence.add("x86-64-v" + (level - 1) + ": x86-64-v" + level + " needs " + missing
                        + ", not in the flags of /proc/cpuinfo");
                return level - 1;
            }
            if (level == 3 && !abm) {
                evidence.add("LZCNT taken as present: /proc/cpuinfo lists bmi1 and avx2 but no abm, a combination"
                        + " no processor has (a hypervisor hiding the bit from its guest kernel)");
            }
        }
        evidence.add("x86-64-v4: every feature of x86-64-v2 to v4 is in the flags of /proc/cpuinfo");
        return 4;
    }
}
