package dev.nativelib.plugin.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathGlobTest {

    @ParameterizedTest
    @CsvSource({
        "lib/**/*.a,            lib/libz.a,                          true",
        "lib/**/*.a,            lib/x86_64-linux-gnu/libz.a,         true",
        "lib/**/*.a,            lib/libz.so,                         false",
        "**/*.a,                libz.a,                              true",
        "lib/*.a,               lib/x86_64-linux-gnu/libz.a,         false",
        "share/doc/,            share/doc/zstd/copyright,            true",
        "share/doc/,            share/docs,                          false",
        "lib/libz.so.?,         lib/libz.so.1,                       true",
        "lib/libz.so.?,         lib/libz.so.12,                      false",
        "./include/**,          include/zstd.h,                      true",
        "lib/**/engines-3/**,   lib/x86_64-linux-gnu/engines-3/a.so, true",
        "lib/x86_64-linux-gnu/libfoo.so, lib/x86_64-linux-gnu/libfoo.so, true",
        "lib/x86_64-linux-gnu/libfoo.so, lib/x86_64-linux-gnu/libfoo.so.1, false",
        "lib/lib+.so,           lib/lib+.so,                         true",
    })
    void matchesTheWayAntPatternsDo(String pattern, String path, boolean expected) {
        assertEquals(expected, PathGlob.compile(pattern).matches(path), pattern + " ~ " + path);
    }
}
