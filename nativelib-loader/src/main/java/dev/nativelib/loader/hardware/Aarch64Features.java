package dev.nativelib.loader.hardware;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The aarch64 features package variants are told apart by: SVE and SVE2 (Graviton3 and A64FX have SVE, Graviton4,
 * Grace and Neoverse N2 SVE2, Graviton2 and Ampere Altra and One neither). Nothing finer: the other HWCAP features
 * rarely decide between two builds, and no architecture level ({@code armv8.2-a} …) is derived, because Linux shows
 * features, not levels, and the processors that report a level's features do not all implement the rest of it.
 *
 * <p>From the auxiliary vector the kernel gave the process ({@code /proc/self/auxv}: {@code AT_HWCAP} (16) bit 22
 * is {@code HWCAP_SVE}, {@code AT_HWCAP2} (26) bit 1 {@code HWCAP2_SVE2}), which on a system whose cores differ holds
 * what every core has; from the {@code Features} line of {@code /proc/cpuinfo} when the vector cannot be read. Either
 * way the kernel sets a bit only when it also enables the instructions for user space.
 */
final class Aarch64Features {

    static final long AT_NULL = 0;
    static final long AT_HWCAP = 16;
    static final long AT_HWCAP2 = 26;
    static final long HWCAP_SVE = 1L << 22;
    static final long HWCAP2_SVE2 = 1L << 1;

    private Aarch64Features() {
    }

    /**
     * @param auxv     the bytes of {@code /proc/self/auxv} of a 64-bit little-endian process
     * @param evidence receives a line saying what was found
     * @return the features found ({@code sve}, {@code sve2}), in order; {@code null} when the bytes hold no
     *         {@code AT_HWCAP} (truncated, empty or not an auxiliary vector)
     */
    static Set<String> fromAuxv(byte[] auxv, List<String> evidence) {
        long hwcap = 0;
        long hwcap2 = 0;
        boolean found = false;
        for (int i = 0; i + 16 <= auxv.length; i += 16) {
            long type = longAt(auxv, i);
            long value = longAt(auxv, i + 8);
            if (type == AT_NULL) {
                break;
            }
            if (type == AT_HWCAP) {
                hwcap = value;
                found = true;
            } else if (type == AT_HWCAP2) {
                hwcap2 = value;
            }
        }
        if (!found) {
            return null;
        }
        Set<String> out = new TreeSet<>();
        if ((hwcap & HWCAP_SVE) != 0) {
            out.add("sve");
        }
        if ((hwcap2 & HWCAP2_SVE2) != 0) {
            out.add("sve2");
        }
        evidence.add("aarch64: /proc/self/auxv AT_HWCAP 0x" + Long.toHexString(hwcap) + ", AT_HWCAP2 0x"
                + Long.toHexString(hwcap2) + ": " + describe(out));
        return out;
    }

    /**
     * @param features the value of the first processor's {@code Features} field of {@code /proc/cpuinfo}
     * @param evidence receives a line saying what was found
     * @return the features found in it
     */
    static Set<String> fromCpuinfo(String features, List<String> evidence) {
        Set<String> out = new TreeSet<>();
        int i = 0;
        while (i < features.length()) {
            while (i < features.length() && features.charAt(i) <= ' ') {
                i++;
            }
            int start = i;
            while (i < features.length() && features.charAt(i) > ' ') {
                i++;
            }
            String word = features.substring(start, i);
            if (word.equals("sve") || word.equals("sve2")) {
                out.add(word);
            }
        }
        evidence.add("aarch64: Features of /proc/cpuinfo: " + describe(out));
        return out;
    }

    private static String describe(Set<String> features) {
        return features.isEmpty() ? "neither SVE nor SVE2"
                : String.join(" and ", features).replace("sve", "SVE");
    }

    private static long longAt(byte[] b, int i) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = v << 8 | (b[i + k] & 0xff);
        }
        return v;
    }
}
