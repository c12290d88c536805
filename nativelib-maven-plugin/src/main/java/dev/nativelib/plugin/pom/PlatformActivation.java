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
     * @param libcFile for Linux, a file whose presence marks musl: required to exist for a musl platform, to be missing
     *                 for a glibc one; {@code null} when libc does not matter
     * @param musl     whether {@code libcFile} must exist
     */
    public record Activation(String osName, String osFamily, String arch, String libcFile, boolean musl) {
    }

    private PlatformActivation() {
    }

    /**
     * @param platform   the platform
     * @param libcMatters whether the profile must also tell glibc from musl (both variants are in the same POM)
     * @return the activations; empty when no JVM is known to report this platform
     */
    public static List<Activation> of(Platform platform, boolean libcMatters) {
        String name = null;
        String family = null;
        switch (platform.os()) {
            case "osx" -> family = "mac";
            case "windows" -> family = "windows";
            case "sunos" -> name = "sunos";
            default -> name = platform.os();
        }
        boolean musl = "musl".equals(platform.variant());
        List<Activation> out = new ArrayList<>();
        for (String raw : RAW_ARCHES) {
            if (PlatformDetector.normalizeArch(raw).equals(platform.arch())) {
                String libc = libcMatters && "linux".equals(platform.os()) ? muslLoader(raw) : null;
                out.add(new Activation(name, family, raw, libc, musl));
            }
        }
        return out;
    }

    /** The musl dynamic loader's path: its presence is how a musl system (Alpine) is told apart from glibc. */
    private static String muslLoader(String rawArch) {
        String arch = switch (rawArch) {
            case "amd64" -> "x86_64";
            case "x86", "i386", "i486", "i586", "i686" -> "i386";
            case "ppc64le" -> "powerpc64le";
            default -> rawArch;
        };
        return "/lib/ld-musl-" + arch + ".so.1";
    }
}
