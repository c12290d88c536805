package dev.nativelib.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.plugin.variant.Classifier;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

class PlatformParameterTest {

    @Test
    void namesAreParsedAndBlanksIgnored() throws MojoExecutionException {
        assertEquals(List.of(Classifier.parse("linux-x86_64"), Classifier.parse("osx-aarch_64")),
                PlatformParameter.parse(Arrays.asList(" linux-x86_64 ", "", null, "osx-aarch_64"), "platforms"));
    }

    @Test
    void emptyListSaysWhatToWrite() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> PlatformParameter.parse(Arrays.asList(" "), "expectedPlatforms"));
        assertEquals("<expectedPlatforms> is empty; list the platforms (classifiers), e.g. <expectedPlatforms>"
                + "<platform>linux-x86_64</platform><platform>osx-aarch_64</platform></expectedPlatforms>",
                e.getMessage());
        assertThrows(MojoExecutionException.class, () -> PlatformParameter.parse(null, "platforms"));
    }

    @Test
    void invalidNameIsNamed() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> PlatformParameter.parse(List.of("Linux-X86"), "platforms"));
        assertEquals("<platforms>: 'Linux-X86' is not a classifier of a native package; expected <os>-<arch>,"
                + " <os>-<arch>-musl, or either followed by -<variant label>, e.g. linux-x86_64, linux-x86_64-v3,"
                + " linux-x86_64-musl-cuda12", e.getMessage());
        e = assertThrows(MojoExecutionException.class,
                () -> PlatformParameter.parse(List.of("linux-x86_64-baseline"), "platforms"));
        assertTrue(e.getMessage().startsWith("<platforms>: 'linux-x86_64-baseline' is not a classifier"),
                e.getMessage());
    }

    @Test
    void variantsOfEveryPlatformAreClassifiersToo() throws MojoExecutionException {
        List<Classifier> parsed = PlatformParameter.parse(List.of("linux-x86_64-v3", "linux-x86_64-musl-cuda12",
                "linux-aarch_64-sve2_256", "linux-x86_64-musl"), "platforms");
        assertEquals(List.of("linux-x86_64 v3", "linux-x86_64-musl cuda12", "linux-aarch_64 sve2_256",
                "linux-x86_64-musl null"), parsed.stream().map(c -> c.platform().name() + " " + c.label()).toList());
    }

    @Test
    void commaSeparatedListForOnePackage() throws MojoExecutionException {
        assertEquals(List.of(Classifier.parse("linux-x86_64"), Classifier.parse("osx-aarch_64")),
                PlatformParameter.parseCommaSeparated("linux-x86_64, osx-aarch_64,", "packagePlatforms><b"));
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> PlatformParameter.parseCommaSeparated(" ", "packagePlatforms><b"));
        assertEquals("<packagePlatforms><b> is empty; give the platforms separated by commas, e.g."
                + " linux-x86_64,osx-aarch_64", e.getMessage());
    }
}
