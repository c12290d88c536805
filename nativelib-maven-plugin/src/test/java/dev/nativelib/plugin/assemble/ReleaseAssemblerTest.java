package dev.nativelib.plugin.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.descriptor.DescriptorFormat;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.LibraryNames;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.PackageLayout;
import dev.nativelib.loader.descriptor.PackageRequirement;
import dev.nativelib.loader.platform.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseAssemblerTest {

    private static final String LINUX = "linux-x86_64";
    private static final String OSX = "osx-aarch_64";
    private static final String WINDOWS = "windows-x86_64";

    @TempDir
    Path tmp;

    private Path dir;
    private Path target;

    @BeforeEach
    void dirs() throws IOException {
        dir = Files.createDirectories(tmp.resolve("platforms"));
        target = Files.createDirectories(tmp.resolve("target"));
    }

    private static ReleaseAssembler assembler(String... expected) {
        return assembler(List.of(), expected);
    }

    private static ReleaseAssembler assembler(List<String> platformSpecific, String... expected) {
        return new ReleaseAssembler("dev.example", "foo", "1.0",
                Arrays.stream(expected).map(Platform::parse).toList(), platformSpecific);
    }

    /** The libraries a package of each platform holds: the same logical names under each OS's file names. */
    private static List<LibraryEntry> fooLibraries(String platform) {
        return switch (Platform.parse(platform).os()) {
            case "osx" -> List.of(lib("libfoo.1.dylib"), lib("libfoojni.dylib"));
            case "windows" -> List.of(lib("foo.dll"), lib("foojni.dll"));
            default -> List.of(lib("libfoo.so.1"), lib("libfoojni.so"));
        };
    }

    private static LibraryEntry lib(String fileName) {
        return new LibraryEntry("lib/" + fileName, LibraryNames.logicalName(fileName), 1, "0".repeat(64));
    }

    private static PackageDescriptor foo(String version, String platform, List<LibraryEntry> libraries) {
        return new PackageDescriptor("dev.example", "foo", version, Platform.parse(platform), libraries, List.of(),
                List.of(new PackageRequirement("dev.example", "base", "2.1")), "Foo", "Foo");
    }

    private static PackageDescriptor foo(String platform) {
        return foo("1.0", platform, fooLibraries(platform));
    }

    /** Writes a JAR laid out as nativelib:package lays one out: index, descriptor, and a byte per library. */
    private static Path jar(Path file, PackageDescriptor... packages) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            StringBuilder index = new StringBuilder();
            for (PackageDescriptor d : packages) {
                index.append(PackageLayout.indexEntry(d)).append('\n');
            }
            zip.putNextEntry(new ZipEntry(PackageLayout.INDEX));
            zip.write(index.toString().getBytes(StandardCharsets.UTF_8));
            for (PackageDescriptor d : packages) {
                String root = PackageLayout.packageRoot(d);
                zip.putNextEntry(new ZipEntry(root + PackageLayout.DESCRIPTOR));
                zip.write(DescriptorFormat.write(d));
                for (LibraryEntry l : d.libraries()) {
                    zip.putNextEntry(new ZipEntry(root + l.path()));
                    zip.write(1);
                }
            }
        }
        return file;
    }

    private Path built(PackageDescriptor d) throws IOException {
        return jar(dir.resolve(d.artifactId() + "-" + d.version() + "-" + d.platform() + ".jar"), d);
    }

    private Path ownJar(PackageDescriptor d) throws IOException {
        return jar(target.resolve("foo-1.0-" + d.platform() + ".jar"), d);
    }

    private String failure(ReleaseAssembler assembler, Map<String, Path> attached) {
        return assertThrows(AssemblyException.class, () -> assembler.assemble(dir, attached)).getMessage();
    }

    private String header(int problems) {
        return "Cannot assemble dev.example:foo:1.0 for " + LINUX + ", " + OSX + ", " + WINDOWS + " from " + dir
                + " (" + problems + " problem" + (problems == 1 ? "" : "s") + "):\n  - ";
    }

    private static List<String> platforms(List<PlatformJar> jars) {
        return jars.stream().map(j -> j.platform().name()).toList();
    }

    @Test
    void attachesEveryPlatformBuiltElsewhereNextToTheOneBuiltHere() throws Exception {
        built(foo(OSX));
        Files.createDirectories(dir.resolve("windows"));
        jar(dir.resolve("windows/foo-1.0-" + WINDOWS + ".jar"), foo(WINDOWS));
        Files.writeString(dir.resolve("foo-1.0.pom"), "<project/>");  // not a JAR: not part of the release
        Path own = ownJar(foo(LINUX));

        Assembly a = assembler(LINUX, OSX, WINDOWS).assemble(dir, Map.of(LINUX, own, "sources", own.resolveSibling(
                "absent.jar")));

        assertEquals(List.of(OSX, WINDOWS), platforms(a.toAttach()));
        assertEquals(List.of(dir.resolve("foo-1.0-" + OSX + ".jar"), dir.resolve("windows/foo-1.0-" + WINDOWS
                + ".jar")), a.toAttach().stream().map(PlatformJar::file).toList());
        assertEquals(List.of(LINUX), platforms(a.alreadyAttached()));
        assertEquals(List.of(), a.identical());
    }

    private static PackageDescriptor v3(PackageDescriptor d) {
        return d.withVariant(new dev.nativelib.loader.descriptor.PackageVariant("v3",
                List.of(dev.nativelib.loader.hardware.VariantProperty.parse("x86_64 :: level :: v3"))));
    }

    private static ReleaseAssembler variantAssembler(String... expected) {
        return ReleaseAssembler.forClassifiers("dev.example", "foo", "1.0",
                Arrays.stream(expected).map(dev.nativelib.plugin.variant.Classifier::parse).toList(), List.of());
    }

    @Test
    void aVariantIsOneMoreJarOfTheRelease() throws Exception {
        PackageDescriptor variant = v3(foo(LINUX));
        jar(dir.resolve("foo-1.0-" + LINUX + "-v3.jar"), variant);
        built(foo(OSX));
        Path own = ownJar(foo(LINUX));
        Assembly a = variantAssembler(LINUX, LINUX + "-v3", OSX).assemble(dir, Map.of(LINUX, own));
        assertEquals(List.of(LINUX + "-v3", OSX), a.toAttach().stream().map(PlatformJar::classifier).toList());
        assertEquals(List.of(LINUX), a.alreadyAttached().stream().map(PlatformJar::classifier).toList());
    }

    @Test
    void aMissingOrUnexpectedVariantIsNamedByItsClassifier() throws IOException {
        jar(dir.resolve("foo-1.0-" + LINUX + "-v3.jar"), v3(foo(LINUX)));
        assertEquals("Cannot assemble dev.example:foo:1.0 for " + LINUX + ", " + LINUX + "-v4 from " + dir
                + " (2 problems):\n  - unexpected platform " + LINUX + "-v3 (foo-1.0-" + LINUX + "-v3.jar): not in"
                + " <expectedPlatforms>; add it there, or remove the JAR\n  - missing platform " + LINUX + "-v4:"
                + " neither the directory nor this build has a JAR for it",
                assertThrows(AssemblyException.class, () -> variantAssembler(LINUX, LINUX + "-v4")
                        .assemble(dir, Map.of(LINUX, ownJar(foo(LINUX))))).getMessage());
    }

    @Test
    void aVariantNamedAsItsBaselineIsRefusedAndOneThatDiffersIsNamed() throws IOException {
        jar(dir.resolve("foo-1.0-" + LINUX + "-copy.jar"), v3(foo("1.0", LINUX, List.of(lib("libfoo.so.1")))));
        assertEquals("Cannot assemble dev.example:foo:1.0 for " + LINUX + ", " + LINUX + "-v3 from " + dir
                + " (2 problems):\n  - foo-1.0-" + LINUX + "-copy.jar: its file name says classifier " + LINUX
                + "-copy, but its descriptor is for variant v3 of platform " + LINUX + " (" + LINUX + "-v3)\n  - "
                + "libraries differ (foojni not on every platform): [foo, foojni] on " + LINUX + "; [foo] on " + LINUX
                + "-v3", assertThrows(AssemblyException.class, () -> variantAssembler(LINUX, LINUX + "-v3")
                .assemble(dir, Map.of(LINUX, ownJar(foo(LINUX))))).getMessage());
    }

    @Test
    void everyPlatformMayComeFromTheDirectory() throws Exception {
        Stream.of(LINUX, OSX, WINDOWS).forEach(p -> {
            try {
                built(foo(p));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        Assembly a = assembler(LINUX, OSX, WINDOWS).assemble(dir, Map.of());
        assertEquals(List.of(LINUX, OSX, WINDOWS), platforms(a.toAttach()));
    }

    @Test
    void missingPlatformsAreNamed() throws IOException {
        built(foo(OSX));
        assertEquals(header(1) + "missing platforms " + LINUX + ", " + WINDOWS + ": neither the directory nor this"
                + " build has a JAR for them", failure(assembler(LINUX, OSX, WINDOWS), Map.of()));
    }

    @Test
    void aMissingDirectoryIsSaidSo() {
        dir = tmp.resolve("never-downloaded");
        assertEquals("Cannot assemble dev.example:foo:1.0 for " + LINUX + ", " + OSX + " from " + dir + " (which does"
                + " not exist) (1 problem):\n  - missing platform " + OSX + ": neither the directory nor this build has"
                + " a JAR for it", assertThrows(AssemblyException.class, () -> assembler(LINUX, OSX)
                .assemble(dir, Map.of(LINUX, ownJar(foo(LINUX))))).getMessage());
    }

    @Test
    void aJarOfAnotherVersionIsRefused() throws IOException {
        built(foo("0.9", OSX, fooLibraries(OSX)));
        built(foo(WINDOWS));
        assertEquals(header(1) + "foo-0.9-" + OSX + ".jar: holds dev.example:foo:0.9 [" + OSX + "], not"
                + " dev.example:foo:1.0 (built from another version)",
                failure(assembler(LINUX, OSX, WINDOWS), Map.of(LINUX, ownJar(foo(LINUX)))));
    }

    @Test
    void aJarOfAnotherPackageIsRefused() throws IOException {
        jar(dir.resolve("bar-1.0-" + OSX + ".jar"), new PackageDescriptor("dev.example", "bar", "1.0",
                Platform.parse(OSX), fooLibraries(OSX), List.of()));
        built(foo(WINDOWS));
        assertEquals(header(1) + "bar-1.0-" + OSX + ".jar: holds dev.example:bar:1.0 [" + OSX + "], not"
                + " dev.example:foo:1.0 (another package)",
                failure(assembler(LINUX, OSX, WINDOWS), Map.of(LINUX, ownJar(foo(LINUX)))));
    }

    @Test
    void librarySetsMustAgreeByLogicalName() throws IOException {
        built(foo("1.0", OSX, List.of(lib("libfoo.1.dylib"))));
        built(foo("1.0", WINDOWS, List.of(lib("foo.dll"), lib("foojni.dll"), lib("fooextra.dll"))));
        assertEquals(header(1) + "libraries differ (fooextra, foojni not on every platform): [foo, foojni] on "
                + LINUX + "; [foo] on " + OSX + "; [foo, fooextra, foojni] on " + WINDOWS,
                failure(assembler(LINUX, OSX, WINDOWS), Map.of(LINUX, ownJar(foo(LINUX)))));
    }

    @Test
    void platformSpecificLibrariesAreLeftOutOfTheComparison() throws Exception {
        built(foo(OSX));
        built(foo("1.0", WINDOWS, List.of(lib("foo.dll"), lib("foojni.dll"), lib("libgcc_s_seh-1.dll"))));
        Assembly a = assembler(List.of("gcc_s_seh"), LINUX, OSX, WINDOWS).assemble(dir,
                Map.of(LINUX, ownJar(foo(LINUX))));
        assertEquals(List.of(OSX, WINDOWS), platforms(a.toAttach()));
    }

    @Test
    void globalLibrariesRequirementsAndCMakePackageMustAgree() throws IOException {
        List<LibraryEntry> osxLibraries = new ArrayList<>(fooLibraries(OSX));
        osxLibraries.set(0, osxLibraries.get(0).asGlobal());
        built(new PackageDescriptor("dev.example", "foo", "1.0", Platform.parse(OSX), osxLibraries, List.of(),
                List.of(new PackageRequirement("dev.example", "base", "2.0")), "Foo", "Foo"));
        built(new PackageDescriptor("dev.example", "foo", "1.0", Platform.parse(WINDOWS), fooLibraries(WINDOWS),
                List.of(), List.of(new PackageRequirement("dev.example", "base", "2.1")), null, null));
        assertEquals(header(3)
                + "global libraries differ (foo not on every platform): none on " + LINUX + ", " + WINDOWS + "; [foo]"
                + " on " + OSX + "\n  - "
                + "required packages differ (dev.example:base:2.0 [2.0,3), dev.example:base:2.1 [2.1,3) not on every"
                + " platform): [dev.example:base:2.1 [2.1,3)] on " + LINUX + ", " + WINDOWS + "; [dev.example:base:2.0"
                + " [2.0,3)] on " + OSX + "\n  - "
                + "CMake packages differ: Foo (Foo::) on " + LINUX + ", " + OSX + "; none on " + WINDOWS,
                failure(assembler(LINUX, OSX, WINDOWS), Map.of(LINUX, ownJar(foo(LINUX)))));
    }

    @Test
    void twoJarsForOnePlatformAreRefused() throws IOException {
        built(foo(OSX));
        jar(dir.resolve("mac/foo-1.0-" + OSX + ".jar"), foo(OSX));
        built(foo(WINDOWS));
        assertEquals(header(1) + "platform " + OSX + " has 2 JARs in the directory: foo-1.0-" + OSX + ".jar, mac/foo-1.0-"
                + OSX + ".jar; a release carries one per platform, remove the others",
                failure(assembler(LINUX, OSX, WINDOWS), Map.of(LINUX, ownJar(foo(LINUX)))));
    }

    @Test
    void theSameBytesAsTheJarThisBuildAttachedAreSkipped() throws Exception {
        Path own = ownJar(foo(LINUX));
        Files.copy(own, dir.resolve(own.getFileName()));
        built(foo(OSX));
        Assembly a = assembler(LINUX, OSX).assemble(dir, Map.of(LINUX, own));
        assertEquals(List.of(OSX), platforms(a.toAttach()));
        assertEquals(List.of(own), a.alreadyAttached().stream().map(PlatformJar::file).toList());
        assertEquals(List.of(dir.resolve(own.getFileName())), a.identical().stream().map(PlatformJar::file).toList());
    }

    @Test
    void otherBytesThanTheJarThisBuildAttachedAreRefused() throws IOException {
        Path own = ownJar(foo(LINUX));
        built(foo("1.0", LINUX, List.of(lib("libfoo.so.1"), lib("libfoojni.so.2"))));
        built(foo(OSX));
        String message = assertThrows(AssemblyException.class,
                () -> assembler(LINUX, OSX).assemble(dir, Map.of(LINUX, own))).getMessage();
        assertEquals("Cannot assemble dev.example:foo:1.0 for " + LINUX + ", " + OSX + " from " + dir + " (1 problem):"
                + "\n  - platform " + LINUX + ": foo-1.0-" + LINUX + ".jar differs from the JAR this build attached ("
                + own + "); a release carries one per platform: remove it from the directory, or do not package "
                + LINUX + " in this build (-Dnativelib.skip=true)", message);
    }

    @Test
    void jarsThatAreNotNativePackagesAreRefused() throws IOException {
        built(foo(OSX));
        built(foo(WINDOWS));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve("foo-1.0-sources.jar")))) {
            zip.putNextEntry(new ZipEntry("Foo.java"));
        }
        Files.writeString(dir.resolve("notes.jar"), "not a zip");
        jar(dir.resolve("both.jar"), foo(OSX), foo(WINDOWS));
        String message = failure(assembler(LINUX, OSX, WINDOWS), Map.of(LINUX, ownJar(foo(LINUX))));
        assertEquals(header(3)
                + "both.jar: holds 2 nativelib packages (dev.example:foo:1.0 [" + OSX + "], dev.example:foo:1.0 ["
                + WINDOWS + "]); a classifier JAR from nativelib:package holds one\n  - "
                + "foo-1.0-sources.jar: not a nativelib package (it has no META-INF/nativelib/index.list)\n  - "
                + "notes.jar: not a readable JAR (zip END header not found)", message);
    }

    @Test
    void aFileNamedForAnotherPlatformIsRefused() throws IOException {
        jar(dir.resolve("foo-1.0-" + WINDOWS + ".jar"), foo(OSX));
        jar(dir.resolve("renamed.jar"), foo(WINDOWS));
        assertEquals(header(2)
                + "foo-1.0-" + WINDOWS + ".jar: its file name says classifier " + WINDOWS + ", but its descriptor is"
                + " for platform " + OSX + "\n  - "
                + "renamed.jar: its file name does not end in -" + WINDOWS + ".jar, but its descriptor is for platform "
                + WINDOWS, failure(assembler(LINUX, OSX, WINDOWS), Map.of(LINUX, ownJar(foo(LINUX)))));
    }

    @Test
    void aPlatformNotExpectedIsRefused() throws IOException {
        built(foo(OSX));
        built(foo("linux-riscv64"));
        assertEquals("Cannot assemble dev.example:foo:1.0 for " + LINUX + ", " + OSX + " from " + dir + " (1 problem):"
                + "\n  - unexpected platform linux-riscv64 (foo-1.0-linux-riscv64.jar): not in <expectedPlatforms>; add"
                + " it there, or remove the JAR", assertThrows(AssemblyException.class, () -> assembler(LINUX, OSX)
                .assemble(dir, Map.of(LINUX, ownJar(foo(LINUX))))).getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        built(foo("0.9", OSX, fooLibraries(OSX)));
        built(foo("1.0", LINUX, List.of(lib("libfoo.so.1"))));
        AssemblyException e = assertThrows(AssemblyException.class,
                () -> assembler(LINUX, OSX, WINDOWS).assemble(dir, Map.of()));
        assertEquals(List.of(
                "foo-0.9-" + OSX + ".jar: holds dev.example:foo:0.9 [" + OSX + "], not dev.example:foo:1.0 (built from"
                        + " another version)",
                "missing platform " + WINDOWS + ": neither the directory nor this build has a JAR for it"),
                e.problems());
    }
}
