package dev.nativelib.loader.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.BadJars;
import dev.nativelib.loader.TestPackages;
import dev.nativelib.loader.descriptor.DescriptorException;
import dev.nativelib.loader.platform.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageFinderTest {

    @TempDir
    Path tmp;

    @Test
    void findsEveryPackageAndReadsFilesFromItsOwnJar() throws IOException {
        Path v1 = Files.createDirectories(tmp.resolve("one"));
        Path v2 = Files.createDirectories(tmp.resolve("two"));
        Path jar1 = TestPackages.of("dev.example", "greet", "1.0", "linux-x86_64")
                .library("lib/libgreet.so.1", "version one").writeJar(v1);
        Path jar2 = TestPackages.of("dev.example", "greet", "2.0", "linux-x86_64")
                .library("lib/libgreet.so.1", "version two").writeJar(v2);
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar1.toUri().toURL(), jar2.toUri().toURL()}, null)) {
            List<FoundPackage> found = PackageFinder.find(cl);
            assertEquals(2, found.size());
            assertEquals("dev.example:greet:1.0", found.get(0).descriptor().coordinates());
            assertEquals(jar1.toString(), found.get(0).origin());
            assertEquals(jar2.toString(), found.get(1).origin());
            // Same entry name in both JARs: each package must read its own copy.
            assertEquals("version one", read(found.get(0), "lib/libgreet.so.1"));
            assertEquals("version two", read(found.get(1), "lib/libgreet.so.1"));
        }
    }

    @Test
    void aCopyOfAJarInAChildLoaderIsTheSamePackage() throws IOException {
        // Spark with spark.executor.userClassPathFirst: the executor's child-first loader holds copies of the --jars
        // (in its userFiles directory), its parent the originals; one package, not two "versions" of it.
        Path jar = TestPackages.of("dev.example", "greet", "1.0", "linux-x86_64")
                .library("lib/libgreet.so.1", "same").writeJar(Files.createDirectories(tmp.resolve("jars")));
        Path copy = Files.copy(jar, Files.createDirectories(tmp.resolve("userFiles")).resolve(jar.getFileName()));
        try (URLClassLoader parent = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             URLClassLoader child = new URLClassLoader(new URL[] {copy.toUri().toURL()}, parent)) {
            List<FoundPackage> found = PackageFinder.find(child);
            assertEquals(1, found.size(), found.toString());
            assertEquals(jar.toString(), found.get(0).origin());
        }
    }

    @Test
    void oneVersionWithOtherContentIsStillASecondPackage() throws IOException {
        Path jar = TestPackages.of("dev.example", "greet", "1.0", "linux-x86_64")
                .library("lib/libgreet.so.1", "one build").writeJar(Files.createDirectories(tmp.resolve("a")));
        Path other = TestPackages.of("dev.example", "greet", "1.0", "linux-x86_64")
                .library("lib/libgreet.so.1", "another build").writeJar(Files.createDirectories(tmp.resolve("b")));
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL(), other.toUri().toURL()}, null)) {
            List<FoundPackage> found = PackageFinder.find(cl);
            assertEquals(2, found.size(), found.toString());
        }
    }

    @Test
    void findsPackagesInExplodedDirectories() throws IOException {
        Path classes = TestPackages.of("g", "a", "1", "linux-x86_64").library("lib/liba.so", "exploded")
                .writeTree(tmp.resolve("classes"));
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            List<FoundPackage> found = PackageFinder.find(cl);
            assertEquals(1, found.size());
            assertEquals(classes.resolve("META-INF/nativelib/g/a/linux-x86_64").toString(), found.get(0).origin());
            assertEquals("exploded", read(found.get(0), "lib/liba.so"));
        }
    }

    @Test
    void malformedIndexLineIsReportedWithItsSource() throws IOException {
        Path classes = Files.createDirectories(tmp.resolve("classes/META-INF/nativelib"));
        Files.writeString(classes.resolve("index.list"), "# comment\n../../etc/\n");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {tmp.resolve("classes").toUri().toURL()}, null)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> PackageFinder.find(cl));
            assertEquals("cannot read META-INF/nativelib/index.list from the class path: "
                    + classes.resolve("index.list").toUri().toURL() + ": malformed index line '../../etc/'"
                    + " (expected <groupId>/<artifactId>/<platform>/)", e.getMessage());
        }
    }

    @Test
    void anIndexListingAPackageTwiceOrTooManyIsRefused() throws IOException {
        // A 1 MiB index of one line repeated would otherwise make discovery read one descriptor 170,000 times.
        Path classes = Files.createDirectories(tmp.resolve("classes/META-INF/nativelib"));
        Files.writeString(classes.resolve("index.list"), "g/a/linux-x86_64/\ng/a/linux-x86_64/\n");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {tmp.resolve("classes").toUri().toURL()}, null)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> PackageFinder.find(cl));
            assertEquals("cannot read META-INF/nativelib/index.list from the class path: "
                    + classes.resolve("index.list").toUri().toURL() + ": lists g/a/linux-x86_64/ twice; the JAR is"
                    + " malformed or was not produced by nativelib-maven-plugin", e.getMessage());
        }
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= PackageLimits.MAX_PACKAGES_PER_JAR; i++) {
            many.append("g/a").append(i).append("/linux-x86_64/\n");
        }
        Files.writeString(classes.resolve("index.list"), many);
        try (URLClassLoader cl = new URLClassLoader(new URL[] {tmp.resolve("classes").toUri().toURL()}, null)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> PackageFinder.find(cl));
            assertEquals("cannot read META-INF/nativelib/index.list from the class path: "
                    + classes.resolve("index.list").toUri().toURL() + ": lists more than 256 packages; the JAR is"
                    + " malformed or was not produced by nativelib-maven-plugin", e.getMessage());
        }
    }

    @Test
    void aDescriptorOfExactlyTheLimitIsReadAndOneByteMoreIsRefused() throws IOException {
        Path classes = TestPackages.of("g", "a", "1", "linux-x86_64").library("lib/liba.so", "x")
                .writeTree(tmp.resolve("classes"));
        Path descriptor = classes.resolve("META-INF/nativelib/g/a/linux-x86_64/nativelib.properties");
        byte[] text = Files.readAllBytes(descriptor);
        byte[] padded = java.util.Arrays.copyOf(text, PackageLimits.MAX_DESCRIPTOR_BYTES);
        java.util.Arrays.fill(padded, text.length, padded.length, (byte) ' ');
        Files.write(descriptor, padded);
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            assertEquals("g:a:1", PackageFinder.find(cl).get(0).descriptor().coordinates());
        }
        Files.write(descriptor, new byte[] {' '}, java.nio.file.StandardOpenOption.APPEND);
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            DescriptorException e = assertThrows(DescriptorException.class, () -> PackageFinder.find(cl));
            assertEquals(descriptor.toUri().toURL() + " is larger than 1 MiB, the limit for a nativelib descriptor;"
                    + " the package is malformed or was not produced by nativelib-maven-plugin", e.getMessage());
        }
    }

    @Test
    void anIndexLargerThanTheLimitIsRefused() throws IOException {
        Path classes = Files.createDirectories(tmp.resolve("classes/META-INF/nativelib"));
        Files.write(classes.resolve("index.list"), new byte[PackageLimits.MAX_INDEX_BYTES + 1]);
        try (URLClassLoader cl = new URLClassLoader(new URL[] {tmp.resolve("classes").toUri().toURL()}, null)) {
            DescriptorException e = assertThrows(DescriptorException.class, () -> PackageFinder.find(cl));
            assertEquals(classes.resolve("index.list").toUri().toURL() + " is larger than 1 MiB, the limit for a"
                    + " nativelib index; the package is malformed or was not produced by nativelib-maven-plugin",
                    e.getMessage());
        }
    }

    @Test
    void aHugeDescriptorInAJarIsRefusedWithoutInflatingIt() throws IOException {
        Path jar = TestPackages.of("g", "bomb", "1", "linux-x86_64").library("lib/libbomb.so", "x")
                .writeJar(Files.createDirectories(tmp.resolve("jars")));
        String entry = "META-INF/nativelib/g/bomb/linux-x86_64/nativelib.properties";
        Path bomb = BadJars.withBomb(jar, entry, tmp.resolve("bomb.jar"));
        try (URLClassLoader cl = new URLClassLoader(new URL[] {bomb.toUri().toURL()}, null)) {
            DescriptorException e = assertThrows(DescriptorException.class, () -> PackageFinder.find(cl));
            assertEquals(bomb + ": entry " + entry + " is larger than 1 MiB, the limit for a nativelib descriptor;"
                    + " the JAR is malformed or was not produced by nativelib-maven-plugin", e.getMessage());
        }
    }

    @Test
    void aLibraryDeclaredLargerThanTheLimitIsRefusedNamingTheSetting() throws IOException {
        Path jar = TestPackages.of("g", "huge", "1", "linux-x86_64").library("lib/libhuge.so", "x")
                .editDescriptor(t -> t.replace("library.0.size=1", "library.0.size=5368709121"))
                .writeJar(Files.createDirectories(tmp.resolve("jars")));
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            DescriptorException e = assertThrows(DescriptorException.class, () -> PackageFinder.find(cl));
            assertEquals(jar + ": entry META-INF/nativelib/g/huge/linux-x86_64/nativelib.properties: library"
                    + " lib/libhuge.so of g:huge:1 [linux-x86_64] declares 5368709121 bytes, more than the 4 GiB that"
                    + " -Dnativelib.maxLibrarySize allows; if the package is genuine, raise the limit, e.g."
                    + " -Dnativelib.maxLibrarySize=6G", e.getMessage());
            System.setProperty("nativelib.maxLibrarySize", "6G");
            try {
                assertEquals(5368709121L, PackageFinder.find(cl).get(0).descriptor().libraries().get(0).size());
            } finally {
                System.clearProperty("nativelib.maxLibrarySize");
            }
        }
    }

    /** The message for one unreadable JAR {@code jar} when nothing provides {@code name}, before the usual text. */
    static String unreadable(String name, Path jar, String reason) {
        return "Cannot read a JAR on the class path, which the JVM skips without a word; the package that provides '"
                + name + "' may be in it:\n  " + jar + ": " + reason + "\nReplace it with a complete copy (for a JAR"
                + " from the local Maven repository, delete it there and build again to download it anew).\n";
    }

    @Test
    void aTruncatedJarIsNamedWhenNoPackageProvidesTheName() throws IOException {
        Path good = TestPackages.of("g", "cut", "1", "linux-x86_64").library("lib/libcut.so", "x".repeat(4000))
                .writeJar(Files.createDirectories(tmp.resolve("jars")));
        Platform linux = Platform.parse("linux-x86_64");
        for (long length : List.of(Files.size(good) / 2, BadJars.centralDirectoryOffset(good))) {
            Path cut = BadJars.truncated(good, length, tmp.resolve("cut-" + length + ".jar"));
            try (URLClassLoader cl = new URLClassLoader(new URL[] {cut.toUri().toURL()}, null)) {
                List<FoundPackage> found = PackageFinder.find(cl);
                assertEquals(List.of(), found, "the JDK skips the JAR");
                PackageSelector.SelectionException e = assertThrows(PackageSelector.SelectionException.class,
                        () -> PackageSelector.select("cut", linux, found));
                assertEquals(unreadable("cut", cut, "zip END header not found (the file is truncated, or is not a"
                        + " JAR)") + "No native package provides 'cut' for platform linux-x86_64 (no package has that"
                        + " artifactId and none holds a library of that name).\nThere are no native packages on the"
                        + " class path.\nAdd the JAR of the package that ships 'cut' to your dependencies, with"
                        + " <classifier>linux-x86_64</classifier>.\nIf the platform was detected wrongly, set"
                        + " -Dnativelib.platform=<platform>.", e.getMessage());
            }
        }
    }

    @Test
    void everyUnreadableJarIsNamedAlongsideThePackagesForOtherPlatforms() throws IOException {
        Path jars = Files.createDirectories(tmp.resolve("jars"));
        Path mac = TestPackages.of("g", "cut", "1", "osx-aarch_64").library("lib/libcut.dylib", "mac")
                .writeJar(jars);
        Path linux = TestPackages.of("g", "cut", "1", "linux-x86_64").library("lib/libcut.so", "x".repeat(4000))
                .writeJar(jars);
        Path cut = BadJars.truncated(linux, Files.size(linux) / 2, tmp.resolve("cut.jar"));
        Path text = Files.writeString(tmp.resolve("notes.jar"), "not a zip at all");
        Path missing = tmp.resolve("gone.jar");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {mac.toUri().toURL(), cut.toUri().toURL(),
                text.toUri().toURL(), missing.toUri().toURL(), tmp.toUri().toURL()}, null)) {
            List<FoundPackage> found = PackageFinder.find(cl);
            PackageSelector.SelectionException e = assertThrows(PackageSelector.SelectionException.class,
                    () -> PackageSelector.select("cut", Platform.parse("linux-x86_64"), found));
            assertEquals("Cannot read 3 JARs on the class path, which the JVM skips without a word; the package that"
                    + " provides 'cut' may be in one of them:\n  " + cut + ": zip END header not found (the file is"
                    + " truncated, or is not a JAR)\n  " + text + ": zip END header not found (the file is truncated,"
                    + " or is not a JAR)\n  " + missing + ": no such file\nReplace each with a complete copy (for a"
                    + " JAR from the local Maven repository, delete it there and build again to download it anew).\n"
                    + "No native package for platform linux-x86_64 provides 'cut'.\nFound on the class path for"
                    + " other platforms:\n  g:cut:1 [osx-aarch_64] in " + mac + ", libraries: cut\n",
                    e.getMessage().substring(0, e.getMessage().indexOf("Add the package")));
        }
    }

    @Test
    void unreadableJarsAreNotMentionedWhenThePackageIsFound() throws IOException {
        Path jars = Files.createDirectories(tmp.resolve("jars"));
        Path good = TestPackages.of("g", "fine", "1", "linux-x86_64").library("lib/libfine.so", "x").writeJar(jars);
        Path text = Files.writeString(tmp.resolve("notes.jar"), "not a zip at all");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {text.toUri().toURL(), good.toUri().toURL()}, null)) {
            assertEquals("g:fine:1", PackageSelector.select("fine", Platform.parse("linux-x86_64"),
                    PackageFinder.find(cl)).descriptor().coordinates());
        }
    }

    @Test
    void aCorruptDescriptorOrIndexEntryIsNamedWithItsJar() throws IOException {
        Path jar = TestPackages.of("g", "rot", "1", "linux-x86_64").library("lib/librot.so", "x")
                .writeJar(Files.createDirectories(tmp.resolve("jars")));
        String descriptor = "META-INF/nativelib/g/rot/linux-x86_64/nativelib.properties";
        for (String entry : List.of(descriptor, "META-INF/nativelib/index.list")) {
            Path rotten = BadJars.corrupted(jar, entry, tmp.resolve("rot-" + entry.length() + ".jar"));
            try (URLClassLoader cl = new URLClassLoader(new URL[] {rotten.toUri().toURL()}, null)) {
                UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> PackageFinder.find(cl));
                assertEquals(rotten + ": entry " + entry + " cannot be read (invalid block type); the JAR is damaged:"
                        + " replace it with a complete copy", e.getMessage());
                assertEquals(e.getMessage(), e.getCause().getMessage(), "the plugin reports the cause");
            }
        }
    }

    @Test
    void noPackagesIsAnEmptyList() throws IOException {
        try (URLClassLoader cl = new URLClassLoader(new URL[0], null)) {
            assertEquals(List.of(), PackageFinder.find(cl));
        }
    }

    private static String read(FoundPackage p, String path) throws IOException {
        try (InputStream in = p.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
