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

    private static final PackageRequest.Coordinates GREET = new PackageRequest.Coordinates("dev.example", "greet",
            "1.0.0", LINUX);

    private PackageRequest request(Path prefix, Path output) {
        return request(PackageRequest.Layout.of(prefix), output);
    }

    private PackageRequest request(PackageRequest.Layout layout, Path output) {
        return PackageRequest.of(GREET, layout, new PackageRequest.Output(output, TIME, false, tmp.resolve("staging")));
    }

    private static PackageRequest.CMake cmake(List<String> includeDirectories, boolean keepExisting) {
        return new PackageRequest.CMake(new dev.nativelib.plugin.cmake.CMakeSettings("Greet", "Greet",
                dev.nativelib.plugin.cmake.Compatibility.SameMajorVersion, includeDirectories, List.of()),
                keepExisting);
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
    void aVariantIsRecordedAndRootedUnderItsClassifier() throws Exception {
        Path jar = tmp.resolve("greet-1.0.0-linux-x86_64-v3.jar");
        dev.nativelib.loader.descriptor.PackageVariant v3 = new dev.nativelib.loader.descriptor.PackageVariant("v3",
                List.of(dev.nativelib.loader.hardware.VariantProperty.parse("x86_64 :: level :: v3")));
        PackageDescriptor written = NativePackager.build(request(prefix(), jar).withVariant(v3));
        assertEquals(v3, written.variant());
        assertEquals("linux-x86_64-v3", written.classifier());
        String root = "META-INF/nativelib/dev.example/greet/linux-x86_64-v3/";
        assertEquals(List.of("META-INF/", "META-INF/MANIFEST.MF", "META-INF/nativelib/",
                "META-INF/nativelib/dev.example/", "META-INF/nativelib/dev.example/greet/", root,
                root + "include/", root + "include/greet.h", root + "include/greet/", root + "include/greet/detail.h",
                root + "lib/", root + "lib/libaaajni.so", root + "lib/libgreet.so.1.0.0",
                root + "nativelib.properties", "META-INF/nativelib/index.list"), entries(jar));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertEquals("dev.example/greet/linux-x86_64-v3/\n",
                    new String(zip.getInputStream(zip.getEntry("META-INF/nativelib/index.list")).readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8));
        }
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<FoundPackage> found = PackageFinder.find(cl);
            assertEquals(List.of(written), found.stream().map(FoundPackage::descriptor).toList());
            Path dir = PackageExtractor.extract(found.get(0), tmp.resolve("cache"));
            assertArrayEquals(Files.readAllBytes(tmp.resolve("prefix/lib/libgreet.so.1.0.0")),
                    Files.readAllBytes(dir.resolve("lib/libgreet.so.1.0.0")));
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
    void theJarIsTheSameWhateverTheNumberOfCompressionThreads() throws Exception {
        Path prefix = prefix();
        List<byte[]> jars = new ArrayList<>();
        for (int threads : new int[] {1, 2, 5}) {
            Path jar = tmp.resolve("threads-" + threads + "/greet.jar");
            NativePackager.write(NativePackager.prepare(request(prefix, jar)), false, threads);
            jars.add(Files.readAllBytes(jar));
        }
        assertArrayEquals(jars.get(0), jars.get(1));
        assertArrayEquals(jars.get(0), jars.get(2));
    }

    @Test
    void aLibraryThatVanishesBeforeTheJarIsWrittenIsNamed() throws Exception {
        Path jar = tmp.resolve("out/greet.jar");
        PreparedPackage prepared = NativePackager.prepare(request(prefix(), jar));
        Path library = tmp.resolve("prefix/lib/libaaajni.so");
        Files.delete(library);
        PackagingException e = assertThrows(PackagingException.class, () -> NativePackager.write(prepared, false, 2));
        assertEquals("Cannot write " + jar + ": Cannot read " + library + " (JAR entry META-INF/nativelib/dev.example"
                + "/greet/linux-x86_64/lib/libaaajni.so): no such file", e.getMessage());
        assertEquals(List.of(), List.of(tmp.resolve("out").toFile().list()), "nothing is left behind");
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
        return request(PackageRequest.Layout.of(prefix).withLibraryDirectories(List.of("lib")), output)
                .withCMake(cmake(List.of(), keepExisting));
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

    @Test
    void everyIncludeDirectoryTheCMakeFilesNameIsPackaged() throws Exception {
        // glib keeps glibconfig.h under lib/<name>/include; the imported target names that directory.
        Path prefix = prefix();
        Files.createDirectories(prefix.resolve("lib/glib-2.0/include"));
        Files.writeString(prefix.resolve("lib/glib-2.0/include/glibconfig.h"), "config");
        Path jar = tmp.resolve("glib.jar");
        NativePackager.build(request(prefix, jar).withCMake(cmake(List.of("lib/glib-2.0/include"), true)));
        String root = "META-INF/nativelib/dev.example/greet/linux-x86_64/";
        assertEquals(true, entries(jar).contains(root + "lib/glib-2.0/include/glibconfig.h"), entries(jar).toString());
    }

    @Test
    void aNamedIncludeDirectoryMissingFromThePrefixIsAnError() throws Exception {
        Path prefix = prefix();
        PackagingException e = assertThrows(PackagingException.class, () -> NativePackager.build(
                request(prefix, tmp.resolve("x.jar")).withCMake(cmake(List.of("lib/glib-2.0/include"), true))));
        assertEquals("<cmakeIncludeDirectories> names lib/glib-2.0/include, which is not a directory of the install"
                + " prefix " + prefix + ": the imported targets would name a path missing from the package, and"
                + " CMake would refuse them. Install the headers there, or remove the entry from"
                + " <cmakeIncludeDirectories>.", e.getMessage());
        assertEquals(false, Files.exists(tmp.resolve("x.jar")), "no JAR may be written");
    }

    @Test
    void theMultiarchIncludeDirectoryIsOnTheIncludePath() throws Exception {
        // Debian keeps arch-specific headers in include/<triplet>/ (e.g. openssl/configuration.h).
        Path prefix = prefix();
        Files.createDirectories(prefix.resolve("include/x86_64-linux-gnu/greet"));
        Files.writeString(prefix.resolve("include/x86_64-linux-gnu/greet/config.h"), "config");
        Path jar = tmp.resolve("multiarch.jar");
        NativePackager.build(withCMake(prefix, jar, true));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            String targets = new String(zip.getInputStream(zip.getEntry(
                    "META-INF/nativelib/dev.example/greet/linux-x86_64/lib/cmake/Greet/GreetTargets.cmake"))
                    .readAllBytes());
            assertEquals(true, targets.contains("INTERFACE_INCLUDE_DIRECTORIES \"${_nativelib_prefix}/include/"
                    + "x86_64-linux-gnu;${_nativelib_prefix}/include\""), targets);
        }
    }

    @Test
    void aDanglingDevelopmentLinkNamesTheExcludeThatFixesIt() throws IOException {
        // libfoo-dev's libfoo.so points at libfoo.so.1, which is in another Debian package (libfoo1).
        Path prefix = prefix();
        Files.createDirectories(prefix.resolve("lib/x86_64-linux-gnu"));
        Files.createSymbolicLink(prefix.resolve("lib/x86_64-linux-gnu/libfoo.so"), Paths.get("libfoo.so.1"));
        PackagingException e = assertThrows(PackagingException.class,
                () -> NativePackager.build(request(prefix, tmp.resolve("x.jar"))));
        assertEquals("Symbolic link lib/x86_64-linux-gnu/libfoo.so in " + prefix.toRealPath() + " points to"
                + " libfoo.so.1, which does not exist. Re-run the install step so that the library it names is"
                + " present; in a distribution's tree the file usually comes from another package (the runtime"
                + " package beside a -dev one): put it into the prefix too. Or leave the link out with"
                + " <excludes><exclude>lib/x86_64-linux-gnu/libfoo.so</exclude></excludes>.", e.getMessage());
    }

    @Test
    void excludingTheDanglingLinkLetsTheTreeBePackaged() throws Exception {
        Path prefix = prefix();
        Files.createDirectories(prefix.resolve("lib/x86_64-linux-gnu"));
        Files.createSymbolicLink(prefix.resolve("lib/x86_64-linux-gnu/libfoo.so"), Paths.get("libfoo.so.1"));
        Path jar = tmp.resolve("x.jar");
        PreparedPackage prepared = NativePackager.prepare(request(PackageRequest.Layout.of(prefix)
                .withFilters(List.of(), List.of("lib/x86_64-linux-gnu/libfoo.so")), jar));
        assertEquals(List.of(new LeftOut("lib/x86_64-linux-gnu/libfoo.so", LeftOut.Reason.EXCLUDED,
                "lib/x86_64-linux-gnu/libfoo.so")), prepared.summary().leftOut().stream()
                .filter(l -> l.reason() == LeftOut.Reason.EXCLUDED).toList());
    }

    @Test
    void theSummaryListsEveryFileLeftOutAndWhy() throws Exception {
        Path prefix = prefix();
        Files.createDirectories(prefix.resolve("share/doc/greet"));
        Files.writeString(prefix.resolve("share/doc/greet/copyright"), "(c)");
        Files.writeString(prefix.resolve("lib/libgreet.la"), "libtool");
        Files.createDirectories(prefix.resolve("etc"));
        Files.writeString(prefix.resolve("etc/greet.conf"), "conf");
        Files.createDirectories(prefix.resolve("lib/cmake/Greet"));
        Files.writeString(prefix.resolve("lib/cmake/Greet/GreetConfig.cmake"), "# own");
        PreparedPackage prepared = NativePackager.prepare(request(PackageRequest.Layout.of(prefix)
                .withFilters(List.of(), List.of("**/*.la")), tmp.resolve("x.jar"))
                .withCMake(cmake(List.of(), false)));
        assertEquals(List.of(
                new LeftOut("etc/greet.conf", LeftOut.Reason.OUTSIDE, null),
                new LeftOut("lib/cmake/Greet/GreetConfig.cmake", LeftOut.Reason.CMAKE_REPLACED, null),
                new LeftOut("lib/libgreet.a", LeftOut.Reason.STATIC_ARCHIVE, null),
                new LeftOut("lib/libgreet.la", LeftOut.Reason.EXCLUDED, "**/*.la"),
                new LeftOut("lib/pkgconfig/greet.pc", LeftOut.Reason.PKG_CONFIG, null),
                new LeftOut("share/doc/greet/copyright", LeftOut.Reason.DOCUMENTATION, null)),
                prepared.summary().leftOut());
        assertEquals(List.of("Include path: include",
                "Left out 1 file, excluded by <excludes> pattern **/*.la: lib/libgreet.la",
                "Left out 1 file, static archives (set <staticLibraries>true</staticLibraries> to ship them):"
                        + " lib/libgreet.a",
                "Left out 1 file, the prefix's own pkg-config files (<pkgConfig> is generate or none; auto ships them):"
                        + " lib/pkgconfig/greet.pc",
                "Left out 1 file, documentation: share/doc/greet/copyright",
                "Left out 1 file, the prefix's own CMake files (replaced by generated ones: <keepExistingCMakeConfig>"
                        + " is false): lib/cmake/Greet/GreetConfig.cmake",
                "Left out 1 file, outside the library directories (<libraryDirectories>) and include directories:"
                        + " etc/greet.conf"), prepared.summary().lines());
    }

    @Test
    void includesKeepOnlyTheFilesTheyMatch() throws Exception {
        Path jar = tmp.resolve("x.jar");
        PreparedPackage prepared = NativePackager.prepare(request(PackageRequest.Layout.of(prefix())
                .withFilters(List.of("lib/**", "include/*.h"), List.of()), jar));
        assertEquals(List.of("include/greet.h", "lib/libaaajni.so", "lib/libgreet.so.1.0.0"),
                prepared.sources().keySet().stream().sorted().toList());
        assertEquals(List.of(new LeftOut("include/greet/detail.h", LeftOut.Reason.NOT_INCLUDED, null)),
                prepared.summary().leftOut().stream().filter(l -> l.reason() == LeftOut.Reason.NOT_INCLUDED).toList());
    }

    @Test
    void staticArchivesArePackagedWhenAsked() throws Exception {
        Path prefix = prefix();
        // Packaging reads no archive: prefix() wrote a stand-in.
        Path jar = tmp.resolve("static.jar");
        PreparedPackage prepared = NativePackager.prepare(request(PackageRequest.Layout.of(prefix)
                .withStaticLibraries(true), jar).withCMake(cmake(List.of(), true)));
        NativePackager.write(prepared);
        String root = "META-INF/nativelib/dev.example/greet/linux-x86_64/";
        assertEquals(true, entries(jar).contains(root + "lib/libgreet.a"));
        assertEquals(List.of("lib/libgreet.a"), prepared.summary().staticLibraries());
        assertEquals(List.of("greet", "aaajni"), prepared.descriptor().libraries().stream().map(l -> l.name())
                .toList(), "an archive is no library the loader loads");
        assertEquals(true, new String(prepared.generated().get("lib/cmake/Greet/GreetTargets.cmake"))
                .contains("add_library(Greet::greet_static STATIC IMPORTED)"));
    }

    @Test
    void aNamedIncludeDirectoryWhoseFilesAreAllExcludedIsAnError() throws Exception {
        Path prefix = prefix();
        Files.createDirectories(prefix.resolve("lib/glib-2.0/include"));
        Files.writeString(prefix.resolve("lib/glib-2.0/include/glibconfig.h"), "config");
        PackagingException e = assertThrows(PackagingException.class, () -> NativePackager.prepare(
                request(PackageRequest.Layout.of(prefix).withFilters(List.of(), List.of("lib/glib-2.0/")),
                        tmp.resolve("x.jar")).withCMake(cmake(List.of("lib/glib-2.0/include"), true))));
        assertEquals("<cmakeIncludeDirectories> names lib/glib-2.0/include, but no file of it would be packaged (it"
                + " is empty, or <includes>/<excludes> leave out every file in it): the imported targets would name a"
                + " path missing from the package, and CMake would refuse them. Put the headers there, change"
                + " <includes>/<excludes>, or remove the entry from <cmakeIncludeDirectories>.", e.getMessage());
    }

    @Test
    void anInvalidPatternSaysHowToWriteOne() throws Exception {
        Path prefix = prefix();
        PackagingException e = assertThrows(PackagingException.class, () -> NativePackager.prepare(
                request(PackageRequest.Layout.of(prefix).withFilters(List.of(), List.of("/usr/lib/*.a")),
                        tmp.resolve("x.jar"))));
        assertEquals("Invalid <excludes> entry: pattern '/usr/lib/*.a' must be relative to the install prefix. Write"
                + " patterns relative to the install prefix, such as lib/**/*.a or share/doc/.", e.getMessage());
    }

    @Test
    void aNamedIncludeDirectoryOutsideThePrefixIsAnError() throws Exception {
        Path prefix = prefix();
        PackagingException e = assertThrows(PackagingException.class, () -> NativePackager.prepare(
                request(prefix, tmp.resolve("x.jar")).withCMake(cmake(List.of("../include"), true))));
        assertEquals("<cmakeIncludeDirectories> entry '../include' must be a directory relative to the install"
                + " prefix, without '..', such as include, lib or lib/glib-2.0/include.", e.getMessage());
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
