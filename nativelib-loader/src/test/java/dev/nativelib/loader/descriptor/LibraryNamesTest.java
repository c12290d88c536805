package dev.nativelib.loader.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LibraryNamesTest {

    @ParameterizedTest
    @CsvSource({
        "libgreet.so.1.0.0, greet",
        "libgreet.so.1, greet",
        "libgreet.so, greet",
        "libgreet.1.dylib, greet",
        "libgreet.1.2.3.dylib, greet",
        "libgreet.dylib, greet",
        "libgreet.jnilib, greet",
        "greet.dll, greet",
        "libgreet.dll, greet",
        "GREET.DLL, GREET",
        "libssl.so.3, ssl",
        "libstdc++.so.6, stdc++",
        "lib.so, lib",
        "libfoo.sonic.so, foo.sonic",
        // The same library on three systems has one logical name: the version MinGW and libtool put into a
        // DLL's name is dropped as the .so and .dylib versions are (real file names of real libraries).
        "libfoo-cpp.so.8.18.7, foo-cpp",
        "libfoo-cpp.8.18.7.dylib, foo-cpp",
        "libfoo-cpp-8.18.7.dll, foo-cpp",
        "libfoo.so.42, foo",
        "libfoo-42.dll, foo",
        "libcurl-4.dll, curl",
        "libcurl.so.4, curl",
        "libssl-3-x64.dll, ssl",
        "libcrypto-3-arm64.dll, crypto",
        "libgcc_s_seh-1.dll, gcc_s_seh",
        "libwinpthread-1.dll, winpthread",
        "libstdc++-6.dll, stdc++",
        "libglib-2.0-0.dll, glib-2.0",
        "zlib1.dll, zlib1",
        "sqlite3.dll, sqlite3",
        "python-3.dll, python",
        "foo-.dll, foo-",
        "foo-x64.dll, foo-x64",
        "-1.dll, -1",
    })
    void logicalNames(String file, String name) {
        assertEquals(name, LibraryNames.logicalName(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"libgreet.so", "libgreet.so.1", "libgreet.so.1.0.0", "libgreet.dylib", "greet.dll",
        "GREET.DLL", "libgreet.jnilib"})
    void recognisesSharedLibraries(String file) {
        assertTrue(LibraryNames.isSharedLibrary(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"libgreet.a", "greet.lib", "greet.h", "libgreet.so.gdb", "greet.pc", ".so"})
    void ignoresOtherFiles(String file) {
        assertFalse(LibraryNames.isSharedLibrary(file));
    }
}
