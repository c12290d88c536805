package dev.nativelib.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.binary.Fixtures;
import dev.nativelib.loader.descriptor.PackageLayout;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

    @BeforeEach
    void setUp() {
        System.setProperty("nativelib.platform", "linux-x86_64");
        System.setProperty("nativelib.cache.dir", tmp.resolve("cache").toString());
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("nativelib.platform");
        System.clearProperty("nativelib.cache.dir");
    }

    /** A package of libbase.so.1 with the links libbase.so and libbase2.so to it, its descriptor edited. */
    private Path aliasedJar(String artifactId, UnaryOperator<String> edit) throws Exception {
        return TestPackages.of("g", artifactId, "1.0", "linux-x86_64")
                .libraryFile("lib/libbase.so.1", Fixtures.path("elf/libbase.so.1"))
                .alias("lib/libbase.so", "libbase.so.1").alias("lib/libbase2.so", "libbase.so.1")
                .editDescriptor(edit).writeJar(Files.createDirectories(tmp.resolve("jars")));
    }

    /** Loads in this JVM, from {@code jar} alone; reports as {@link ReportLoad} does. */
    private static String loadInProcess(String name, Path jar) throws Exception {
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            return "loaded=" + NativeLoader.load(name, cl).path();
        } catch (Throwable e) {
            return "threw " + e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static String descriptorEntry(String artifactId) {
        return "META-INF/nativelib/g/" + artifactId + "/linux-x86_64/nativelib.properties";
    }

    @Test
    void aTruncatedJarOnTheClassPathIsNamedInsteadOfNoPackageProvidesIt() throws Exception {
        Path good = goodJar("truncated");
        Path cut = BadJars.truncated(good, BadJars.centralDirectoryOffset(good), tmp.resolve("truncated.jar"));
        String out = load("base", cut, true);
        assertTrue(out.startsWith("threw dev.nativelib.loader.NativeLoaderException: Cannot read a JAR on the class"
                + " path, which the JVM skips without a word; the package that provides 'base' may be in it:\n  " + cut
                + ": zip END header not found (the file is truncated, or is not a JAR)\nReplace it with a complete"
                + " copy (for a JAR from the local Maven repository, delete it there and build again to download it"
                + " anew).\nNo native package provides 'base' for platform linux-x86_64"), out);
    }

    @Test
    void anAbsoluteAliasTargetIsRefusedAtParseTime() throws Exception {
        Path jar = aliasedJar("absolute-alias", t -> t.replace("alias.0.target=libbase.so.1",
                "alias.0.target=" + tmp.resolve("outside")));
        assertEquals("threw dev.nativelib.loader.NativeLoaderException: " + jar + ": entry "
                + descriptorEntry("absolute-alias") + ": target of alias lib/libbase.so '" + tmp.resolve("outside")
                + "' is an absolute path; a link's target must be relative to the link's directory",
                loadInProcess("base", jar));
    }

    @Test
    void anAliasToNothingIsRefusedAtParseTime() throws Exception {
        Path jar = aliasedJar("dangling-alias", t -> t.replace("alias.0.target=libbase.so.1",
                "alias.0.target=libnothing.so"));
        assertEquals("threw dev.nativelib.loader.NativeLoaderException: " + jar + ": entry "
                + descriptorEntry("dangling-alias") + ": alias lib/libbase.so of g:dangling-alias:1.0 [linux-x86_64]"
                + " points to lib/libnothing.so, which is neither a library nor an alias of the package",
                loadInProcess("base", jar));
    }

    @Test
    void twoLibrariesWithOnePathAreRefusedAtParseTime() throws Exception {
        // library 0 listed again as library 1
        Path jar = aliasedJar("duplicate-library", t -> t.replace("library.count=1", "library.count=2") + t.lines()
                .filter(l -> l.startsWith("library.0.")).map(l -> "library.1." + l.substring(10) + "\n")
                .collect(java.util.stream.Collectors.joining()));
        assertEquals("threw dev.nativelib.loader.NativeLoaderException: " + jar + ": entry "
                + descriptorEntry("duplicate-library") + ": g:duplicate-library:1.0 [linux-x86_64] lists"
                + " lib/libbase.so.1 twice (library 0 and library 1); each library and alias needs a path of its own",
                loadInProcess("base", jar));
    }

    @Test
    void aLibraryDeclaredLargerThanTheLimitIsRefusedBeforeExtraction() throws Exception {
        Path jar = aliasedJar("huge", t -> t.replaceAll("library\\.0\\.size=\\d+", "library.0.size=4294967297"));
        assertEquals("threw dev.nativelib.loader.NativeLoaderException: " + jar + ": entry " + descriptorEntry("huge")
                + ": library lib/libbase.so.1 of g:huge:1.0 [linux-x86_64] declares 4294967297 bytes, more than the"
                + " 4 GiB that -Dnativelib.maxLibrarySize allows; if the package is genuine, raise the limit, e.g."
                + " -Dnativelib.maxLibrarySize=5G", loadInProcess("base", jar));
        assertTrue(!Files.exists(tmp.resolve("cache")), "nothing is extracted");
    }

    @Test
    void anInvalidLibrarySizeLimitIsRefusedNamingTheSetting() throws Exception {
        Path jar = aliasedJar("limit", t -> t);
        System.setProperty("nativelib.maxLibrarySize", "lots");
        try {
            // Checked with every other setting when load is called, before anything is read.
            assertEquals("threw dev.nativelib.loader.NativeLoaderException: Cannot load 'base':"
                    + " -Dnativelib.maxLibrarySize=lots is not"
                    + " valid; use a positive number of bytes, optionally followed by K, M or G (powers of 1024), e.g."
                    + " 8G", loadInProcess("base", jar));
        } finally {
            System.clearProperty("nativelib.maxLibrarySize");
        }
    }

    @Test
    void twoAliasesWithOnePathAreRefusedAtParseTime() throws Exception {
        Path jar = aliasedJar("duplicate-alias", t -> t.replace("alias.1.path=lib/libbase2.so",
                "alias.1.path=lib/libbase.so"));
        assertEquals("threw dev.nativelib.loader.NativeLoaderException: " + jar + ": entry "
                + descriptorEntry("duplicate-alias") + ": g:duplicate-alias:1.0 [linux-x86_64] lists lib/libbase.so"
                + " twice (alias 0 and alias 1); each library and alias needs a path of its own",
                loadInProcess("base", jar));
    }

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
