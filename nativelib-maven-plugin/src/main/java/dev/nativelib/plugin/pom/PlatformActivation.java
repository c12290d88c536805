package dev.nativelib.plugin.pom;

import dev.nativelib.loader.platform.Platform;
import dev.nativelib.loader.platform.PlatformDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a platform name into Maven profile activations. Maven compares {@code <os><arch>} with the JVM's raw
 * {@code os.arch} ({@code amd64} on Linux and Windows, {@code x86_64} on macOS for the same {@code x86_64} platform),
 * and a profile can name only one value, so a platform needs one profile per raw value that normalises to it. The raw
 * values are checked through the loader's own normalisation, so activation and run-time detection always agree.
 */
public final class PlatformActivation {

    /** {@code os.arch} values JVMs are known to report. */
    private static final List<String> RAW_ARCHES = List.of("amd64", "x86_64", "x86", "i386", "i486", "i586", "i686",
            "aarch64", "arm", "ppc64le", "ppc64", "ppc", "s390x", "riscv64", "loongarch64", "sparcv9", "mips64el");

    /**
     * One way a profile recognises a platform.
     *
     * @param osName   value for {@code <os><name>}, or {@code null}
     * @param osFamily value for {@code <os><family>}, or {@code null}
     * @param arch     value for {@code <os><arch>}
     */
    public record Activation(String osName, String osFamily, String arch) {
    }

    private PlatformActivation() {
    }

    /**
     * The C library is not part of an activation: Maven has no property for it, and a file test for musl's dynamic
     * loader cannot stand in for one. It is wrong on a glibc Debian where the {@code musl} package put
     * {@code /lib/ld-musl-x86_64.so.1} beside glibc, and Maven 4 does not evaluate file activations in the POMs of
     * dependencies at all. Profiles for a platform that has a glibc and a musl build bring both JARs instead, and the
     * loader picks the one for the C library the JVM runs on.
     *
     * @param platform the platform
     * @return the activations; empty when no JVM is known to report this platform
     */
    public static List<Activation> of(Platform platform) {
        String name = null;
        String family = null;
        switch (platform.os()) {
            case "osx" -> family = "mac";
            case "windows" -> family = "windows";
            case "sunos" -> name = "sunos";
            default -> name = platform.os();
        }
        List<Activation> out = new ArrayList<>();
        for (String raw : RAW_ARCHES) {
            if (PlatformDetector.normalizeArch(raw).equals(platform.arch())) {
                out.add(new Activation(name, family, raw));
            }
        }
        return out;
    }
}
