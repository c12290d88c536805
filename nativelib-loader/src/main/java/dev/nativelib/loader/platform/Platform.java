package dev.nativelib.loader.platform;

import dev.nativelib.loader.text.Chars;
import java.util.Objects;

/**
 * A platform a native package is built for, named the way os-maven-plugin names it:
 * {@code <os>-<arch>}, for example {@code linux-x86_64}, {@code osx-aarch_64} or
 * {@code windows-x86_64}, optionally followed by a libc variant ({@code linux-x86_64-musl}).
 *
 * <p>The name doubles as the Maven classifier of the package's JAR.
 */
public final class Platform {


    private final String os;
    private final String arch;
    private final String variant;

    private Platform(String os, String arch, String variant) {
        this.os = os;
        this.arch = arch;
        this.variant = variant;
    }

    /**
     * Creates a platform from its parts.
     *
     * @param os      normalised operating system, e.g. {@code linux}
     * @param arch    normalised architecture, e.g. {@code x86_64}
     * @param variant libc variant such as {@code musl}, or {@code null} for the platform's default
     * @return the platform
     */
    public static Platform of(String os, String arch, String variant) {
        return parse(os + "-" + arch + (variant == null || variant.isEmpty() ? "" : "-" + variant));
    }

    /**
     * Parses a platform name such as {@code linux-x86_64} or {@code linux-x86_64-musl}.
     *
     * @param name the platform name
     * @return the platform
     * @throws IllegalArgumentException if the name is not of the form {@code <os>-<arch>[-<variant>]}
     */
    public static Platform parse(String name) {
        Objects.requireNonNull(name, "name");
        if (!wellFormed(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a platform name; expected <os>-<arch>"
                    + " or <os>-<arch>-<libc> in lower case, e.g. linux-x86_64, osx-aarch_64, windows-x86_64,"
                    + " linux-x86_64-musl");
        }
        int first = name.indexOf('-');
        int second = name.indexOf('-', first + 1);
        String os = name.substring(0, first);
        String arch = second < 0 ? name.substring(first + 1) : name.substring(first + 1, second);
        String variant = second < 0 ? null : name.substring(second + 1);
        return new Platform(os, arch, variant);
    }

    /** {@code [a-z0-9]+-[a-z0-9_]+(-[a-z0-9]+)?} */
    private static boolean wellFormed(String name) {
        String[] parts = name.split("-", -1);
        return (parts.length == 2 || parts.length == 3) && Chars.lowerWord(parts[0], "")
                && Chars.lowerWord(parts[1], "_") && (parts.length == 2 || Chars.lowerWord(parts[2], ""));
    }

    /** @return the normalised operating system, e.g. {@code linux}, {@code osx}, {@code windows} */
    public String os() {
        return os;
    }

    /** @return the normalised architecture, e.g. {@code x86_64}, {@code aarch_64} */
    public String arch() {
        return arch;
    }

    /** @return the libc variant (e.g. {@code musl}), or {@code null} for the platform's default libc */
    public String variant() {
        return variant;
    }

    /** @return the platform name, which is also the Maven classifier, e.g. {@code linux-x86_64} */
    public String name() {
        return os + "-" + arch + (variant == null ? "" : "-" + variant);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Platform p && p.name().equals(name());
    }

    @Override
    public int hashCode() {
        return name().hashCode();
    }

    @Override
    public String toString() {
        return name();
    }
}
