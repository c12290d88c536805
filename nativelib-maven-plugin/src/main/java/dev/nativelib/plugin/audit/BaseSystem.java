package dev.nativelib.plugin.audit;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The libraries a platform's base system provides everywhere, so a package may need them without shipping them.
 *
 * <ul>
 *   <li>Linux (glibc): the libraries of glibc itself ({@code libc.so.6}, {@code libm.so.6}, {@code libdl.so.2},
 *       {@code libpthread.so.0}, {@code librt.so.1}, the dynamic loaders, …) plus {@code libstdc++.so.6} and
 *       {@code libgcc_s.so.1}, which every distribution installs with its compiler runtime. Linux (musl):
 *       {@code libc.so} and the musl dynamic loader.</li>
 *   <li>macOS: everything under {@code /usr/lib/} and {@code /System/Library/}, which the dyld shared cache
 *       provides.</li>
 *   <li>Windows: the DLLs of Windows itself (kernel32, user32, the {@code api-ms-win-*} API sets, the universal C
 *       runtime ucrtbase, msvcrt, …) and the Visual C++ runtime ({@code vcruntime140*.dll}, {@code msvcp140*.dll}),
 *       which the JDK ships and has loaded before any JNI library.</li>
 * </ul>
 */
public final class BaseSystem {

    /** glibc's own libraries and dynamic loaders: a library that needs one was linked against glibc. */
    private static final Set<String> GLIBC = Set.of("libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0",
            "librt.so.1", "libutil.so.1", "libresolv.so.2", "libnsl.so.1", "libanl.so.1", "libmvec.so.1",
            "libBrokenLocale.so.1", "libcrypt.so.1",
            "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "ld-linux.so.2", "ld-linux-armhf.so.3",
            "ld-linux.so.3", "ld64.so.1", "ld64.so.2", "ld.so.1", "ld-linux-riscv64-lp64d.so.1",
            "ld-linux-loongarch-lp64d.so.1");
    /** The compiler runtime glibc distributions install everywhere (musl ones ship it as optional packages). */
    private static final Set<String> GLIBC_RUNTIME = Set.of("libstdc++.so.6", "libgcc_s.so.1");
    private static final Pattern MUSL = Pattern.compile("libc\\.so|ld-musl-[a-z0-9_]+\\.so\\.1");
    private static final Set<String> WINDOWS = Set.of("kernel32.dll", "kernelbase.dll", "ntdll.dll", "user32.dll",
            "gdi32.dll", "advapi32.dll", "shell32.dll", "ole32.dll", "oleaut32.dll", "ws2_32.dll", "wsock32.dll",
            "mswsock.dll", "bcrypt.dll", "ncrypt.dll", "crypt32.dll", "secur32.dll", "msvcrt.dll", "ucrtbase.dll",
            "comctl32.dll", "comdlg32.dll", "shlwapi.dll", "version.dll", "winmm.dll", "psapi.dll", "dbghelp.dll",
            "iphlpapi.dll", "userenv.dll", "rpcrt4.dll", "setupapi.dll", "imm32.dll", "winhttp.dll", "wininet.dll",
            "normaliz.dll", "dnsapi.dll", "netapi32.dll", "powrprof.dll", "opengl32.dll", "cfgmgr32.dll",
            "wtsapi32.dll", "mpr.dll", "winspool.drv", "uxtheme.dll", "dwmapi.dll", "msimg32.dll", "dxgi.dll",
            "d3d11.dll", "d3d12.dll", "synchronization.dll");
    private static final Pattern WINDOWS_PATTERNS = Pattern.compile(
            "(api-ms-win-|ext-ms-win-).*\\.dll|vcruntime140(_1)?\\.dll|msvcp140(_[0-9a-z]+)?\\.dll");

    private BaseSystem() {
    }

    /**
     * @param name a needed name as an ELF library records it
     * @return the Linux C library {@code name} is part of: {@code glibc} (e.g. {@code libc.so.6}, {@code libm.so.6},
     *         {@code ld-linux-x86-64.so.2}), {@code musl} ({@code libc.so}, {@code ld-musl-*.so.1}), or {@code null}
     *         for anything else
     */
    public static String linuxLibcOf(String name) {
        if (GLIBC.contains(name)) {
            return "glibc";
        }
        return MUSL.matcher(name).matches() ? "musl" : null;
    }

    /**
     * @param os      normalised OS name ({@code linux}, {@code osx}, {@code windows}, …)
     * @param variant libc variant ({@code musl}) or {@code null}
     * @param name    a needed name as the binary records it
     * @return whether the base system provides it
     */
    public static boolean provides(String os, String variant, String name) {
        return switch (os) {
            case "linux" -> "musl".equals(variant) ? MUSL.matcher(name).matches()
                    : GLIBC.contains(name) || GLIBC_RUNTIME.contains(name);
            case "osx" -> name.startsWith("/usr/lib/") || name.startsWith("/System/Library/");
            case "windows" -> {
                String lower = name.toLowerCase(Locale.ROOT);
                yield WINDOWS.contains(lower) || WINDOWS_PATTERNS.matcher(lower).matches();
            }
            default -> false;
        };
    }
}
