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
