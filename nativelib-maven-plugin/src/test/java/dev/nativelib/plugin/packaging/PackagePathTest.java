package dev.nativelib.plugin.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PackagePathTest {

    @Test
    void dotsAreResolvedAndAClimbAboveTheRootIsRefused() {
        assertEquals("lib/pkg", PackagePath.normalise("lib/./x/../pkg/"));
        assertEquals("lib", PackagePath.normalise("/lib//"));
        assertEquals("", PackagePath.normalise("lib/.."));
        assertNull(PackagePath.normalise("lib/../.."));
        assertNull(PackagePath.normalise("../lib"));
    }
}
