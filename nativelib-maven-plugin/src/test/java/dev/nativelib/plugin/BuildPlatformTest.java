package dev.nativelib.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.platform.Platform;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

class BuildPlatformTest {

    private static final Supplier<Platform> GLIBC_HOST = () -> Platform.parse("linux-x86_64");
    private static final Supplier<Platform> MUSL_HOST = () -> Platform.parse("linux-x86_64-musl");

    private static Properties osMavenPlugin(String classifier) {
        Properties p = new Properties();
        p.setProperty("os.detected.classifier", classifier);
        return p;
    }

    private static String resolve(String explicit, Properties properties, Supplier<Platform> host)
            throws MojoExecutionException {
        return BuildPlatform.resolve(explicit, properties, host).name();
    }

    @Test
    void withoutOsMavenPluginTheHostWithItsLibc() throws MojoExecutionException {
        assertEquals("linux-x86_64", resolve(null, new Properties(), GLIBC_HOST));
        assertEquals("linux-x86_64-musl", resolve(" ", new Properties(), MUSL_HOST));
    }

    @Test
    void osMavenPluginClassifierGetsTheMuslVariantOnlyForThisMachine() throws MojoExecutionException {
        assertEquals("linux-x86_64", resolve(null, osMavenPlugin("linux-x86_64"), GLIBC_HOST));
        assertEquals("linux-x86_64-musl", resolve(null, osMavenPlugin("linux-x86_64"), MUSL_HOST));
        assertEquals("linux-aarch_64", resolve(null, osMavenPlugin("linux-aarch_64"), MUSL_HOST),
                "a classifier for another machine is kept");
        assertEquals("linux-x86_64-fedora", resolve(null, osMavenPlugin("linux-x86_64-fedora"), MUSL_HOST),
                "a classifier with a suffix (classifierWithLikes) is kept");
    }

    @Test
    void explicitPlatformWinsForCrossBuilds() throws MojoExecutionException {
        Supplier<Platform> unused = () -> {
            throw new AssertionError("the host is not asked when the platform is explicit");
        };
        assertEquals("linux-x86_64-musl", resolve("linux-x86_64-musl", osMavenPlugin("linux-x86_64"), unused));
        assertEquals("linux-x86_64", resolve(" linux-x86_64 ", new Properties(), unused));
    }

    @Test
    void invalidNamesSayWhereTheyCameFrom() {
        assertEquals("Invalid platform from os.detected.classifier: 'Linux-X64' is not a platform name; expected"
                + " <os>-<arch> or <os>-<arch>-<libc> in lower case, e.g. linux-x86_64, osx-aarch_64, windows-x86_64,"
                + " linux-x86_64-musl", assertThrows(MojoExecutionException.class,
                () -> resolve(null, osMavenPlugin("Linux-X64"), GLIBC_HOST)).getMessage());
    }
}
