package dev.nativelib.loader.platform;

import dev.nativelib.loader.settings.Settings;
import dev.nativelib.loader.text.Chars;
import java.util.Locale;

/**
 * Detects the running platform from {@code os.name} and {@code os.arch}, normalising both exactly as
 * os-maven-plugin does so that {@code ${os.detected.classifier}} and nativelib agree on every name, and on Linux adds
 * the libc variant os-maven-plugin does not know: a process on musl gets {@code linux-<arch>-musl}
 * (see {@link LibcDetector}), one on glibc the plain {@code linux-<arch>}.
 */
public final class PlatformDetector {


    /** Each architecture's name, then every cleaned {@code os.arch} value that means it (os-maven-plugin's list). */
    private static final String[][] ARCHES = {
        {"x86_64", "x8664", "amd64", "ia32e", "em64t", "x64"},
        {"x86_32", "x8632", "x86", "i386", "i486", "i586", "i686", "ia32", "x32"},
        {"itanium_64", "ia64", "ia64w", "itanium64"},
        {"itanium_32", "ia64n"},
        {"sparc_32", "sparc", "sparc32"},
        {"sparc_64", "sparcv9", "sparc64"},
        {"arm_32", "arm", "arm32"},
        {"aarch_64", "aarch64"},
        {"mips_32", "mips", "mips32"},
        {"mipsel_32", "mipsel", "mips32el"},
        {"mips_64", "mips64"},
        {"mipsel_64", "mips64el"},
        {"ppc_32", "ppc", "ppc32"},
        {"ppcle_32", "ppcle", "ppc32le"},
        {"ppc_64", "ppc64"},
        {"ppcle_64", "ppc64le"},
        {"s390_32", "s390"},
        {"s390_64", "s390x"},
        {"riscv", "riscv", "riscv32"},
        {"riscv64", "riscv64"},
        {"e2k", "e2k"},
        {"loongarch_64", "loongarch64"},
    };

    private PlatformDetector() {
    }

    /**
     * Returns the platform of this JVM, honouring the {@code nativelib.platform} system property.
     *
     * @return the running platform
     * @throws IllegalArgumentException if the property is set to something that is not a platform name
     */
    public static Platform current() {
        String override = System.getProperty(Settings.PLATFORM.property());
        if (override != null && !override.isBlank()) {
            return Platform.parse(override.trim());
        }
        return host();
    }

    /**
     * Detects the platform of this JVM, ignoring {@code nativelib.platform}: {@code os.name} and {@code os.arch}
     * as os-maven-plugin normalises them, plus the libc variant on Linux.
     *
     * @return the platform this process runs on
     */
    public static Platform host() {
        Platform base = detect(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        return base.os().equals("linux") ? withLibc(base, LibcDetector.current()) : base;
    }

    /**
     * @param base a platform without variant, as {@link #detect(String, String)} returns it
     * @param libc the C library the process runs on
     * @return {@code base} with the libc's variant, e.g. {@code linux-x86_64} on musl becomes
     *         {@code linux-x86_64-musl}; {@code base} itself on glibc
     */
    public static Platform withLibc(Platform base, Libc libc) {
        return libc.variant() == null ? base : Platform.of(base.os(), base.arch(), libc.variant());
    }

    /**
     * Normalises an {@code os.name} / {@code os.arch} pair into a platform, exactly as os-maven-plugin forms
     * {@code os.detected.classifier} (without its optional {@code classifierWithLikes} suffix); no libc variant.
     *
     * @param osName {@code os.name} as the JVM reports it
     * @param osArch {@code os.arch} as the JVM reports it
     * @return the platform, with {@code unknown} for parts that cannot be normalised
     */
    public static Platform detect(String osName, String osArch) {
        return Platform.of(normalizeOs(osName), normalizeArch(osArch), null);
    }

    /**
     * @param osName an {@code os.name} value
     * @return the os-maven-plugin name of the operating system, or {@code unknown}
     */
    public static String normalizeOs(String osName) {
        String v = clean(osName);
        if (v.startsWith("aix")) {
            return "aix";
        }
        if (v.startsWith("hpux")) {
            return "hpux";
        }
        // os400 is reported as e.g. "OS/400"; "os400x" would be something else.
        if (v.startsWith("os400") && (v.length() <= 5 || !Character.isDigit(v.charAt(5)))) {
            return "os400";
        }
        if (v.startsWith("linux")) {
            return "linux";
        }
        // os-maven-plugin knows no "darwin": every JVM on macOS reports "Mac OS X".
        if (v.startsWith("mac") || v.startsWith("osx")) {
            return "osx";
        }
        if (v.startsWith("freebsd")) {
            return "freebsd";
        }
        if (v.startsWith("openbsd")) {
            return "openbsd";
        }
        if (v.startsWith("netbsd")) {
            return "netbsd";
        }
        if (v.startsWith("solaris") || v.startsWith("sunos")) {
            return "sunos";
        }
        if (v.startsWith("windows")) {
            return "windows";
        }
        if (v.startsWith("zos")) {
            return "zos";
        }
        return "unknown";
    }

    /**
     * @param osArch an {@code os.arch} value
     * @return the os-maven-plugin name of the architecture, or {@code unknown}
     */
    public static String normalizeArch(String osArch) {
        String v = clean(osArch);
        for (String[] arch : ARCHES) {
            for (int i = 1; i < arch.length; i++) {
                if (arch[i].equals(v)) {
                    return arch[0];
                }
            }
        }
        return "unknown";
    }

    private static String clean(String value) {
        if (value == null) {
            return "";
        }
        String v = value.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Chars.lower(c) || Chars.digit(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
