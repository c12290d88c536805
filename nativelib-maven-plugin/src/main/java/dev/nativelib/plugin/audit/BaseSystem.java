package dev.nativelib.plugin.audit;

/**
 * The libraries a platform's base system provides everywhere, so a package may need them without shipping them. Each
 * list is a generated resource beside this class whose header names its source and version:
 *
 * <ul>
 *   <li>Linux (glibc), {@code base-system-linux-glibc.txt}: the libraries glibc installs (a Debian {@code libc6}
 *       file list, and glibc's dynamic loaders of the other architectures), plus the libraries every manylinux policy
 *       of auditwheel allows (the compiler runtime {@code libstdc++.so.6}, {@code libgcc_s.so.1},
 *       {@code libatomic.so.1}, and a few desktop libraries).</li>
 *   <li>Linux (musl), {@code base-system-linux-musl.txt}: what musl installs ({@code libc.so}, alias
 *       {@code ld-musl-<arch>.so.1}, and Alpine's {@code libc.musl-<arch>.so.1}), plus the musllinux policies'
 *       libraries.</li>
 *   <li>macOS, {@code base-system-osx.txt}: everything under {@code /usr/lib/} and {@code /System/Library/}, which
 *       the dyld shared cache provides.</li>
 *   <li>Windows, {@code base-system-windows.txt}: the system DLLs the mingw-w64 SDK has import definitions for
 *       (without redistributables and kernel-mode modules), every {@code api-ms-win-*} and {@code ext-ms-win-*} API
 *       set, and the Visual C++ runtime the JDK ships and loads first.</li>
 * </ul>
 */
public final class BaseSystem {

    private static final NameList GLIBC = NameList.load("base-system-linux-glibc.txt", false);
    private static final NameList MUSL = NameList.load("base-system-linux-musl.txt", false);
    private static final NameList OSX = NameList.load("base-system-osx.txt", false);
    private static final NameList WINDOWS = NameList.load("base-system-windows.txt", true);

    private BaseSystem() {
    }

    /**
     * @param name a needed name as an ELF library records it
     * @return the Linux C library {@code name} is part of: {@code glibc} (e.g. {@code libc.so.6}, {@code libm.so.6},
     *         {@code ld-linux-x86-64.so.2}), {@code musl} ({@code libc.so}, {@code ld-musl-*.so.1},
     *         {@code libc.musl-*.so.1}), or {@code null} for anything else
     */
    public static String linuxLibcOf(String name) {
        if ("glibc".equals(GLIBC.sectionOf(name))) {
            return "glibc";
        }
        return "musl".equals(MUSL.sectionOf(name)) ? "musl" : null;
    }

    /**
     * @param os      normalised OS name ({@code linux}, {@code osx}, {@code windows}, …)
     * @param variant libc variant ({@code musl}) or {@code null}
     * @param name    a needed name as the binary records it
     * @return whether the base system provides it
     */
    public static boolean provides(String os, String variant, String name) {
        return switch (os) {
            case "linux" -> ("musl".equals(variant) ? MUSL : GLIBC).sectionOf(name) != null;
            case "osx" -> OSX.sectionOf(name) != null;
            case "windows" -> WINDOWS.sectionOf(name) != null;
            default -> false;
        };
    }

    /**
     * @param name a needed name as an ELF library records it
     * @return whether it is a Linux C library's dynamic loader ({@code ld-linux-x86-64.so.2}, {@code ld-musl-*.so.1}
     *         and Alpine's alias of it, {@code libc.musl-*.so.1})
     */
    public static boolean isLinuxLoader(String name) {
        return linuxLibcOf(name) != null && (name.startsWith("ld") || name.startsWith("libc.musl-"));
    }

    /**
     * @param os      normalised OS name
     * @param variant libc variant or {@code null}
     * @return a name for the base system in messages and reports, e.g. {@code windows}, {@code linux (glibc)}
     */
    public static String describe(String os, String variant) {
        if (!os.equals("linux")) {
            return os;
        }
        return "musl".equals(variant) ? "linux (musl)" : variant == null ? "linux (glibc)" : "linux";
    }
}
