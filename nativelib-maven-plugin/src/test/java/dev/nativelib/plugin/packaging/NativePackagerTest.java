package dev.nativelib.plugin.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.cache.PackageExtractor;
import dev.nativelib.loader.descriptor.AliasEntry;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.discovery.PackageFinder;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.Gcc;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativePackagerTest {

    private static final Platform LINUX = Platform.parse("linux-x86_64");
    private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    /** An install prefix laid out as CMake installs a versioned shared library and a library linked to it. */
    private Path prefix() throws IOException {
        Path prefix = tmp.resolve("prefix");
        Path lib = Files.createDirectories(prefix.resolve("lib"));
        Gcc.shared(lib.resolve("libgreet.so.1.0.0"), "int greet(void) { return 42; }", "-Wl,-soname,libgreet.so.1");
        Files.createSymbolicLink(lib.resolve("libgreet.so.1"), Paths.get("libgreet.so.1.0.0"));
        Files.createSymbolicLink(lib.resolve("libgreet.so"), Paths.get("libgreet.so.1"));
        // "aaa" sorts before "greet": only NEEDED can put it after libgreet.
        Gcc.shared(lib.resolve("libaaajni.so"), "extern int greet(void); int jni(void) { return greet(); }",
                "-Wl,-soname,libaaajni.so", "-Wl,--no-as-needed", lib.resolve("libgreet.so.1.0.0").toString());
        Files.writeString(lib.resolve("libgreet.a"), "static archive, not shipped");
        Files.createDirectories(lib.resolve("pkgconfig"));
        Files.writeString(lib.resolve("pkgconfig/greet.pc"), "pc");
        Files.createDirectories(prefix.resolve("include/greet"));
        Files.writeString(prefix.resolve("include/greet.h"), "header");
        Files.writeString(prefix.resolve("include/greet/detail.h"), "detail");
        return prefix;
    }

    private PackageRequest request(Path prefix, Path output) {
        return new PackageRequest("dev.example", "greet", "1.0.0", LINUX, prefix, List.of("lib", "lib64", "bin"),
                "include", TIME, output, false, tmp.resolve("staging"));
    }

    @Test
    void jarHoldsLibrariesHeadersDescriptorAndIndex() throws Exception {
        Path jar = tmp.resolve("out/greet-1.0.0-linux-x86_64.jar");
        PackageDescriptor d = NativePackager.build(request(prefix(), jar));

        assertEquals(List.of("lib/libgreet.so.1.0.0", "lib/libaaajni.so"),
                d.libraries().stream().map(l -> l.path()).toList(), "libgreet must come before what needs it");
        assertEquals(List.of("greet", "aaajni"), d.libraries().stream().map(l -> l.name()).toList());
        LibraryEntry greet = d.libraries().get(0);
        assertEquals("libgreet.so.1", greet.soname());
        assertEquals("x86_64", greet.architecture());
        assertEquals(List.of("libgreet.so.1"), d.libraries().get(1).needed().stream()
                .filter(n -> n.startsWith("libgreet")).toList());
        assertEquals(List.of(new AliasEntry("lib/libgreet.so", "libgreet.so.1"),
                new AliasEntry("lib/libgreet.so.1", "libgreet.so.1.0.0")), d.aliases());
        String root = "META-INF/nativelib/dev.example/greet/linux-x86_64/";
        assertEquals(List.of("META-INF/", "META-INF/MANIFEST.MF", "META-INF/nativelib/",
                "META-INF/nativelib/dev.example/", "META-INF/nativelib/dev.example/greet/", root,
                root + "include/", root + "include/greet.h", root + "include/greet/", root + "include/greet/detail.h",
                root + "lib/", root + "lib/libaaajni.so", root + "lib/libgreet.so.1.0.0",
                root + "nativelib.properties", "META-INF/nativelib/index.list"), entries(jar));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                assertEquals(TIME.toEpochMilli(), e.getLastModifiedTime().toMillis(), e.getName());
            }
        }
    }

    @Test
    void theJarIsReadableAsAnyNewFileIs() throws Exception {
        // Maven artifacts are 0644 with the usual umask; a temporary file's 0600 must not leak into the JAR.
        Path jar = tmp.resolve("out/greet-1.0.0-linux-x86_64.jar");
        NativePackager.build(request(prefix(), jar));
        Path plain = Files.createFile(tmp.resolve("out/plain-file"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(jar));
        assertEquals(List.of(jar.getFileName().toString(), "plain-file"), java.util.Arrays.stream(
                tmp.resolve("out").toFile().list()).sorted().toList(), "no temporary file is left");
    }

    @Test
    void theLoaderFindsAndExtractsWhatThePluginWrote() throws Exception {
        Path jar = tmp.resolve("greet-1.0.0-linux-x86_64.jar");
        PackageDescriptor written = NativePackager.build(request(prefix(), jar));
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<FoundPackage> found = PackageFinder.find(cl);
            assertEquals(1, found.size());
            assertEquals(written, found.get(0).descriptor());
            Path dir = PackageExtractor.extract(found.get(0), tmp.resolve("cache"));
            assertArrayEquals(Files.readAllBytes(tmp.resolve("prefix/lib/libgreet.so.1.0.0")),
                    Files.readAllBytes(dir.resolve("lib/libgreet.so")));
            assertEquals(written.libraries().get(1).sha256(),
                    dev.nativelib.loader.descriptor.Sha256.of(dir.resolve("lib/libaaajni.so")));
        }
    }

    @Test
    void librariesCanBeStoredUncompressedAndStillLoad() throws Exception {
        Path jar = tmp.resolve("stored/greet-1.0.0-linux-x86_64.jar");
        PreparedPackage prepared = NativePackager.prepare(request(prefix(), jar));
        NativePackager.write(prepared, true);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            String root = dev.nativelib.loader.descriptor.PackageLayout.packageRoot("dev.example", "greet",
                    dev.nativelib.loader.platform.Platform.parse("linux-x86_64"));
            assertEquals(java.util.zip.ZipEntry.STORED, zip.getEntry(root + "lib/libgreet.so.1.0.0").getMethod());
            assertEquals(java.util.zip.ZipEntry.DEFLATED, zip.getEntry(root + "nativelib.properties").getMethod(),
                    "only libraries are stored");
        }
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path dir = PackageExtractor.extract(PackageFinder.find(cl).get(0), tmp.resolve("cache"));
            assertArrayEquals(Files.readAllBytes(tmp.resolve("prefix/lib/libgreet.so.1.0.0")),
                    Files.readAllBytes(dir.resolve("lib/libgreet.so.1.0.0")));
        }
    }

    @Test
    void sameInputGivesByteIdenticalJarsWhateverTheTimeZone() throws Exception {
        Path prefix = prefix();
        Path first = tmp.resolve("a/greet.jar");
        Path second = tmp.resolve("b/greet.jar");
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            NativePackager.build(request(prefix, first));
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            Files.setLastModifiedTime(prefix.resolve("lib/libaaajni.so"),
                    java.nio.file.attribute.FileTime.from(Instant.now()));
            NativePackager.build(request(prefix, second));
        } finally {
            TimeZone.setDefault(saved);
        }
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void missingPrefixSaysHowToCreateIt() {
        Path missing = tmp.resolve("nowhere");
        PackagingException e = assertThrows(PackagingException.class,
                () -> NativePackager.build(request(missing, tmp.resolve("x.jar"))));
        assertEquals("Install prefix " + missing + " does not exist. Run `cmake --install <build-dir> --prefix "
                + missing + "` before packaging, or point <installPrefix> (-Dnativelib.installPrefix) at the directory"
                + " that holds lib/ and include/.", e.getMessage());
    }

    @Test
    void prefixWithoutLibrariesIsRejected() throws IOException {
        Path prefix = Files.createDirectories(tmp.resolve("empty/lib"));
        Files.writeString(prefix.resolve("libgreet.a"), "static");
        PackagingException e = assertThrows(PackagingException.class,
                () -> NativePackager.build(request(prefix.getParent(), tmp.resolve("x.jar"))));
        assertEquals("Install prefix " + prefix.getParent() + " holds no shared library (*.so, *.so.N, *.dylib, *.dll)"
                + " in [lib, lib64, bin]. Check that the CMake target is SHARED and installed with install(TARGETS ..."
                + " LIBRARY DESTINATION lib RUNTIME DESTINATION bin).", e.getMessage());
        assertEquals(List.of(), list(tmp), "no JAR may be written");
    }

    @Test
    void linkLeavingThePrefixIsRejected() throws IOException {
        Path prefix = prefix();
        Files.writeString(tmp.resolve("libz.so.1"), "system zlib");
        Path link = prefix.resolve("lib/libz.so");
        Files.createSymbolicLink(link, tmp.resolve("libz.so.1"));
        PackagingException e = assertThrows(PackagingException.class,
                () -> NativePackager.build(request(prefix, tmp.resolve("x.jar"))));
        assertEquals("Symbolic link " + prefix.toRealPath().resolve("lib/libz.so") + " points to "
                + tmp.resolve("libz.so.1") + ", outside the install prefix " + prefix.toRealPath()
                + ". Install the library it names into the prefix, or make the link relative to a file inside the"
                + " prefix.", e.getMessage());
    }

    @Test
    void danglingLinkIsRejected() throws IOException {
        Path prefix = prefix();
        Files.createSymbolicLink(prefix.resolve("lib/libgone.so"), Paths.get("libgone.so.3"));
        PackagingException e = assertThrows(PackagingException.class,
                () -> NativePackager.build(request(prefix, tmp.resolve("x.jar"))));
        assertEquals("Symbolic link " + prefix.toRealPath().resolve("lib/libgone.so") + " points to libgone.so.3,"
                + " which does not exist. Re-run the install step so that the library it names is present.",
                e.getMessage());
    }

    @Test
    void linkToAFileThatIsNotALibraryIsRejected() throws IOException {
        Path prefix = prefix();
        Files.createDirectories(prefix.resolve("share"));
        Files.writeString(prefix.resolve("share/z.txt"), "not a library");
        Files.createSymbolicLink(prefix.resolve("lib/libz.so"), Paths.get("../share/z.txt"));
        PackagingException e = assertThrows(PackagingException.class,
                () -> NativePackager.build(request(prefix, tmp.resolve("x.jar"))));
        assertEquals("Cannot package " + prefix + ": alias lib/libz.so of dev.example:greet:1.0.0 [linux-x86_64]"
                + " points to share/z.txt, which is neither a library nor an alias of the package. Point each symbolic"
                + " link of the library directories at a shared library there, or remove it.", e.getMessage());
        assertEquals(false, Files.exists(tmp.resolve("x.jar")), "no JAR may be written");
    }

    @Test
    void linkWhoseTargetIsNotPlainNamesIsRejected() throws IOException {
        Path prefix = prefix();
        Files.createSymbolicLink(prefix.resolve("lib/libgreet-dot.so"), Paths.get("./libgreet.so.1.0.0"));
        PackagingException e = assertThrows(PackagingException.class,
                () -> NativePackager.build(request(prefix, tmp.resolve("x.jar"))));
        assertEquals("Symbolic link lib/libgreet-dot.so in " + prefix + " cannot be packaged: target of alias"
                + " lib/libgreet-dot.so './libgreet.so.1.0.0' must be plain names, after any leading '..' segments"
                + " (no empty, '.' or inner '..' segments). Make its target a relative path of plain names, such as"
                + " libfoo.so.1 or ../lib64/libfoo.so.1.", e.getMessage());
    }

    @Test
    void twoRealFilesWithOneLogicalNameAreRejected() throws IOException {
        Path prefix = prefix();
        Gcc.shared(prefix.resolve("lib/libgreet.so.0.9.0"), "int old(void) { return 0; }");
        PackagingException e = assertThrows(PackagingException.class,
                () -> NativePackager.build(request(prefix, tmp.resolve("x.jar"))));
        assertEquals("Install prefix " + prefix + " holds two libraries named 'greet': lib/libgreet.so.0.9.0 and"
                + " lib/libgreet.so.1.0.0. Remove the stale one (clean the install prefix and install again), or make"
                + " one of them a symbolic link to the other.", e.getMessage());
    }

    @Test
    void fileThatIsNoBinaryIsNamed() throws IOException {
        Path prefix = prefix();
        Files.writeString(prefix.resolve("lib/libscript.so"), "INPUT(libgreet.so.1)\n");
        PackagingException e = assertThrows(PackagingException.class,
                () -> NativePackager.build(request(prefix, tmp.resolve("x.jar"))));
        assertEquals("lib/libscript.so in " + prefix + " is not a shared library nativelib can read: "
                + prefix.toRealPath().resolve("lib/libscript.so") + ": malformed file header at offset 0x0: not an"
                + " ELF, Mach-O or PE file (starts with 49 4e 50 55 54 28 6c 69). Remove it from the install prefix,"
                + " or install the real library.", e.getMessage());
    }

    private PackageRequest withCMake(Path prefix, Path output, boolean keepExisting) {
        return new PackageRequest("dev.example", "greet", "1.0.0", LINUX, prefix, List.of("lib"), "include", TIME,
                output, false, tmp.resolve("staging"), new dev.nativelib.plugin.cmake.CMakeSettings("Greet", "Greet",
                dev.nativelib.plugin.cmake.Compatibility.SameMajorVersion, List.of("include"), List.of()),
                keepExisting, List.of(), List.of(), dev.nativelib.plugin.pkgconfig.PkgConfigMode.NONE);
    }

    @Test
    void generatesCMakeFilesUnlessThePrefixHasItsOwn() throws Exception {
        Path prefix = prefix();
        Path generated = tmp.resolve("generated.jar");
        PackageDescriptor d = NativePackager.build(withCMake(prefix, generated, true));
        String root = "META-INF/nativelib/dev.example/greet/linux-x86_64/";
        assertEquals("Greet", d.cmakeName());
        assertEquals(true, entries(generated).contains(root + "lib/cmake/Greet/GreetTargets.cmake"));

        Files.createDirectories(prefix.resolve("lib/cmake/Greet"));
        Files.writeString(prefix.resolve("lib/cmake/Greet/GreetConfig.cmake"), "# the project's own\n");
        Path kept = tmp.resolve("kept.jar");
        PackageDescriptor own = NativePackager.build(withCMake(prefix, kept, true));
        assertEquals(null, own.cmakeName(), "the project's own config is not described as ours");
        List<String> keptEntries = entries(kept);
        assertEquals(true, keptEntries.contains(root + "lib/cmake/Greet/GreetConfig.cmake"));
        assertEquals(false, keptEntries.contains(root + "lib/cmake/Greet/GreetTargets.cmake"));
        assertEquals(false, keptEntries.contains(root + "cmake/FindGreet.cmake"));
        try (ZipFile zip = new ZipFile(kept.toFile())) {
            assertEquals("# the project's own\n", new String(zip.getInputStream(
                    zip.getEntry(root + "lib/cmake/Greet/GreetConfig.cmake")).readAllBytes()));
        }

        Path replaced = tmp.resolve("replaced.jar");
        assertEquals("Greet", NativePackager.build(withCMake(prefix, replaced, false)).cmakeName());
        assertEquals(true, entries(replaced).contains(root + "lib/cmake/Greet/GreetTargets.cmake"));
    }

    private static List<String> entries(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().forEach(e -> names.add(e.getName()));
        }
        return names;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".tmp")).toList();
        }
    }
}
