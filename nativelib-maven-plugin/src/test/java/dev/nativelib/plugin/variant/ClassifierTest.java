package dev.nativelib.plugin.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.platform.Platform;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    @Test
    void aPlatformNameIsABaseline() {
        Classifier c = Classifier.parse("linux-x86_64");
        assertEquals(Platform.parse("linux-x86_64"), c.platform());
        assertNull(c.label());
        assertEquals(Platform.parse("linux-x86_64-musl"), Classifier.parse("linux-x86_64-musl").platform());
        assertNull(Classifier.parse("linux-x86_64-musl").label());
    }

    @Test
    void aLabelAfterThePlatformIsAVariant() {
        Classifier c = Classifier.parse("linux-x86_64-v3");
        assertEquals(Platform.parse("linux-x86_64"), c.platform());
        assertEquals("v3", c.label());
        assertEquals("linux-x86_64-v3", c.name());
        Classifier musl = Classifier.parse("linux-x86_64-musl-cuda12_v3");
        assertEquals(Platform.parse("linux-x86_64-musl"), musl.platform());
        assertEquals("cuda12_v3", musl.label());
        assertEquals("cuda12", Classifier.parse("linux-aarch_64-cuda12").label());
    }

    @Test
    void anythingElseIsRefusedWithTheFormExpected() {
        for (String bad : new String[] {"linux", "linux-x86_64-V3", "linux-x86_64-v3-musl", "linux-x86_64-glibc",
                "linux-x86_64-musl-v3-x", "linux-x86_64-3v"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Classifier.parse(bad));
            assertEquals("'" + bad + "' is not a classifier of a native package; expected <os>-<arch>,"
                    + " <os>-<arch>-musl, or either followed by -<variant label>, e.g. linux-x86_64, linux-x86_64-v3,"
                    + " linux-x86_64-musl-cuda12", e.getMessage(), bad);
        }
    }
}
