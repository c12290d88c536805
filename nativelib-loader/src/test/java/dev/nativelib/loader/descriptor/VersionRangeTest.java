package dev.nativelib.loader.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionRangeTest {

    @Test
    void boundsAndInclusiveness() {
        assertEquals(new VersionRange("[1.2.0,2)", "1.2.0", true, "2", false), VersionRange.parse("[1.2.0,2)"));
        assertEquals(new VersionRange("(1, 2 ]", "1", false, "2", true), VersionRange.parse(" (1, 2 ] "));
        assertEquals(new VersionRange("[1.0]", "1.0", true, "1.0", true), VersionRange.parse("[1.0]"));
        assertEquals(new VersionRange("[,2)", null, true, "2", false), VersionRange.parse("[,2)"));
        assertEquals(new VersionRange("[1,)", "1", true, null, false), VersionRange.parse("[1,)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "[1 0,2)", "[1,2", "1,2)", "", "[1,2 3)", "[1,2]]"})
    void malformedRangesAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VersionRange.parse(text));
        assertEquals("'" + text + "' is not a version range such as [1.2.0,2)", e.getMessage());
    }

    @Test
    void sameMajorAcceptsNewerMinorsOnly() {
        VersionRange r = VersionRange.sameMajor("1.2.3");
        assertEquals("[1.2.3,2)", r.text());
        assertTrue(r.contains("1.2.3"));
        assertTrue(r.contains("1.9"));
        assertTrue(r.contains("1.10.0-SNAPSHOT"), "the numeric part decides");
        assertFalse(r.contains("1.2.2"));
        assertFalse(r.contains("2.0.0"));
        assertEquals("[abc]", VersionRange.sameMajor("abc").text(), "no numeric part: that exact version");
        assertEquals("[7.x,8)", VersionRange.sameMajor("7.x").text());
    }
}
