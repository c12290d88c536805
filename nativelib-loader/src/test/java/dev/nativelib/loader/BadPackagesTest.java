package dev.nativelib.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.binary.Fixtures;
import dev.nativelib.loader.descriptor.PackageLayout;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and damaged package JARs, loaded end to end in child JVMs with a small heap, as an application would meet
 * them: each must end in a {@link NativeLoaderException} that names the JAR and what is wrong with it, never in an
 * {@link Error} such as {@link OutOfMemoryError}.
 */
class BadPackagesTest {

    /** Heap of the child JVMs: an ordinary service's, far less than a 400 MB entry needs. */
    private static final String HEAP = "-Xmx96m";

    @TempDir
    Path tmp;

    private Path goodJar(String artifactId) throws Exception {
        return TestPackages.of("g", artifactId, "1.0", "linux-x86_64")
                .libraryFile("lib/libbase.so.1", Fixtures.path("elf/libbase.so.1"))
                .writeJar(Files.createDirectories(tmp.resolve("good")));
    }

    /** Runs {@link ReportLoad} in a child JVM; {@code jar} is searched through a URLClassLoader, or is on -cp. */
    private String load(String name, Path jar, boolean onClassPath, String... properties) throws Exception {
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, HEAP, "-Dnativelib.cache.dir=" + tmp.resolve("cache"),
                "-Dnativelib.platform=linux-x86_64"));
        command.addAll(List.of(properties));
        String classPath = System.getProperty("java.class.path");
        command.addAll(List.of("-cp", onClassPath ? classPath + File.pathSeparator + jar : classPath,
                ReportLoad.class.getName(), name));
        if (!onClassPath) {
            command.add(jar.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.strip();
    }

    @Test
    void aHugeIndexInASmallJarIsRefusedNamingJarAndEntry() throws Exception {
        Path jar = BadJars.withBomb(goodJar("index-bomb"), PackageLayout.INDEX, tmp.resolve("index-bomb.jar"));
        assertTrue(Files.size(jar) < 2_000_000, "a small JAR: " + Files.size(jar));
        assertEquals("threw dev.nativelib.loader.NativeLoaderException: " + jar + ": entry " + PackageLayout.INDEX
                + " is larger than 1 MiB, the limit for a nativelib index; the JAR is malformed or was not produced"
                + " by nativelib-maven-plugin", load("base", jar, false));
    }

    @Test
    void aHugeDescriptorInASmallJarIsRefusedNamingJarAndEntry() throws Exception {
        String entry = PackageLayout.packageRoot("g", "descriptor-bomb", dev.nativelib.loader.platform.Platform
                .parse("linux-x86_64")) + PackageLayout.DESCRIPTOR;
        Path jar = BadJars.withBomb(goodJar("descriptor-bomb"), entry, tmp.resolve("descriptor-bomb.jar"));
        assertTrue(Files.size(jar) < 2_000_000, "a small JAR: " + Files.size(jar));
        assertEquals("threw dev.nativelib.loader.NativeLoaderException: " + jar + ": entry " + entry
                + " is larger than 1 MiB, the limit for a nativelib descriptor; the JAR is malformed or was not"
                + " produced by nativelib-maven-plugin", load("base", jar, false));
    }
}
