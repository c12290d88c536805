package dev.nativelib.plugin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards the generated base-system lists: each names its source, holds what every system of its kind has, and none of
 * what a package must ship. (RealBinariesTest checks them against real libraries.)
 */
class BaseSystemTest {

    @ParameterizedTest
    @CsvSource({
        "base-system-linux-glibc.txt, Debian libc6 2.36",
        "base-system-linux-musl.txt,  aports main/musl/APKBUILD",
        "base-system-osx.txt,         built-in dynamic linker cache",
        "base-system-windows.txt,     github.com/mingw-w64/mingw-w64",
        "policies.txt,                github.com/pypa/auditwheel commit",
    })
    void everyListNamesItsSource(String resource, String source) throws IOException {
        try (InputStream in = BaseSystem.class.getResourceAsStream(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String header = String.join("\n", text.lines().takeWhile(l -> l.startsWith("#")).toList());
            assertTrue(header.contains(source), header);
            assertTrue(header.contains("generate.py"), "says how it was made: " + header);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel32.dll", "KERNEL32.dll", "ntdll.dll", "bcryptprimitives.dll", "bcrypt.dll",
        "ucrtbase.dll", "msvcrt.dll", "ws2_32.dll", "IPHLPAPI.DLL", "dnsapi.dll", "shlwapi.dll", "ole32.dll",
        "d3d11.dll", "d3dcompiler_47.dll", "xinput1_4.dll", "winspool.drv", "api-ms-win-crt-runtime-l1-1-0.dll",
        "API-MS-WIN-CORE-SYNCH-L1-2-0.DLL", "ext-ms-win-ntuser-window-l1-1-0.dll", "vcruntime140.dll",
        "vcruntime140_1.dll", "msvcp140.dll"})
    void windowsSystemDlls(String dll) {
        assertTrue(BaseSystem.provides("windows", null, dll), dll);
    }

    @ParameterizedTest
    @ValueSource(strings = {"libwinpthread-1.dll", "libgcc_s_seh-1.dll", "libstdc++-6.dll", "zlib1.dll",
        "d3dx9_43.dll", "xinput1_3.dll", "msvcr100.dll", "msvcp120.dll", "vcruntime140d.dll", "ucrtbased.dll",
        "ntoskrnl.exe", "ndis.sys", "libssl-3-x64.dll"})
    void windowsRedistributablesAndRuntimesAreNot(String dll) {
        assertFalse(BaseSystem.provides("windows", null, dll), dll);
    }

    @ParameterizedTest
    @CsvSource({
        "libc.so.6,              true,  false, glibc",
        "libm.so.6,              true,  false, glibc",
        "libmvec.so.1,           true,  false, glibc",
        "ld-linux-x86-64.so.2,   true,  false, glibc",
        "ld-linux-aarch64.so.1,  true,  false, glibc",
        "libstdc++.so.6,         true,  false, ",
        "libgcc_s.so.1,          true,  false, ",
        "libz.so.1,              true,  true,  ",
        "libc.so,                false, true,  musl",
        "ld-musl-x86_64.so.1,    false, true,  musl",
        "libc.musl-x86_64.so.1,  false, true,  musl",
        "libssl.so.3,            false, false, ",
        "libglib-2.0.so.0,       true,  false, ",
    })
    void linuxLists(String name, boolean glibc, boolean musl, String libc) {
        assertEquals(glibc, BaseSystem.provides("linux", null, name), name + " on glibc");
        assertEquals(musl, BaseSystem.provides("linux", "musl", name), name + " on musl");
        assertEquals(libc, BaseSystem.linuxLibcOf(name));
    }

    @ParameterizedTest
    @CsvSource({
        "/usr/lib/libSystem.B.dylib,                                                true",
        "/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation, true",
        "/usr/local/lib/libfoo.dylib,                                               false",
        "/opt/homebrew/lib/libzstd.1.dylib,                                         false",
        "@rpath/libfoo.dylib,                                                       false",
    })
    void macOsSystemPaths(String name, boolean base) {
        assertEquals(base, BaseSystem.provides("osx", null, name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"libc.so.6", "kernel32.dll", "/usr/lib/libSystem.B.dylib"})
    void otherSystemsProvideNothing(String name) {
        assertFalse(BaseSystem.provides("freebsd", null, name));
    }

    @ParameterizedTest
    @CsvSource({"linux, , linux (glibc)", "linux, musl, linux (musl)", "windows, , windows", "osx, , osx"})
    void names(String os, String variant, String name) {
        assertEquals(name, BaseSystem.describe(os, variant));
    }
}
