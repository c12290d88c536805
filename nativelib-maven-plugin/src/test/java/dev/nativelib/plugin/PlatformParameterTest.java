package dev.nativelib.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.platform.Platform;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

class PlatformParameterTest {

    @Test
    void namesAreParsedAndBlanksIgnored() throws MojoExecutionException {
        assertEquals(List.of(Platform.parse("linux-x86_64"), Platform.parse("osx-aarch_64")),
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
        assertEquals("<platforms>: 'Linux-X86' is not a platform name; expected <os>-<arch> or <os>-<arch>-<libc>"
                + " in lower case, e.g. linux-x86_64, osx-aarch_64, windows-x86_64, linux-x86_64-musl",
                e.getMessage());
    }

    @Test
    void commaSeparatedListForOnePackage() throws MojoExecutionException {
        assertEquals(List.of(Platform.parse("linux-x86_64"), Platform.parse("osx-aarch_64")),
                PlatformParameter.parseCommaSeparated("linux-x86_64, osx-aarch_64,", "packagePlatforms><b"));
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> PlatformParameter.parseCommaSeparated(" ", "packagePlatforms><b"));
        assertEquals("<packagePlatforms><b> is empty; give the platforms separated by commas, e.g."
                + " linux-x86_64,osx-aarch_64", e.getMessage());
    }
}
