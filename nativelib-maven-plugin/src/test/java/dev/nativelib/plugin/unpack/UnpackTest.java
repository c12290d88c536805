package dev.nativelib.plugin.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.descriptor.AliasEntry;
import dev.nativelib.loader.descriptor.DescriptorFormat;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.Sha256;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.PackageLayout;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.Gcc;
import dev.nativelib.plugin.deps.NativeArtifactResolver;
import dev.nativelib.plugin.deps.NativeDependencies;
import dev.nativelib.plugin.packaging.NativePackager;
import dev.nativelib.plugin.packaging.OutputTimestamp;
import dev.nativelib.plugin.packaging.PackageRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackTest {

    private static final Platform LINUX = Platform.parse("linux-x86_64");

    @TempDir
    Path tmp;

    @Test
    void unpacksThePrefixLayoutAndRecreatesLinks() throws Exception {
        Path prefix = tmp.resolve("prefix");
        Gcc.shared(prefix.resolve("lib/libz9.so.1.0"), "int z(void) { return 9; }", "-Wl,-soname,libz9.so.1");
        Files.createSymbolicLink(prefix.resolve("lib/libz9.so.1"), Paths.get("libz9.so.1.0"));
        Files.createDirectories(prefix.resolve("include"));
        Files.writeString(prefix.resolve("include/z9.h"), "int z(void);\n");
        Path jar = tmp.resolve("z9.jar");
        NativePackager.build(PackageRequest.of(new PackageRequest.Coordinates("dev.example", "z9", "1.0", LINUX),
                PackageRequest.Layout.of(prefix).withLibraryDirectories(List.of("lib")),
                new PackageRequest.Output(jar, OutputTimestamp.DEFAULT, false, tmp.resolve("staging"))));
        FoundPackage pkg = NativeDependencies.find(List.of(jar.toFile()), LINUX).get(0);
        Path out = tmp.resolve("nativelib/z9");
        Files.createDirectories(out.resolve("stale"));
        assertEquals(Set.of("lib"), PackageUnpacker.unpack(jar, pkg, out));
        assertTrue(Files.isRegularFile(out.resolve("lib/libz9.so.1.0")));
        assertEquals(Paths.get("libz9.so.1.0"), Files.readSymbolicLink(out.resolve("lib/libz9.so.1")));
        assertEquals("int z(void);\n", Files.readString(out.resolve("include/z9.h")));
        assertTrue(!Files.exists(out.resolve("stale")), "an earlier unpack is replaced, not merged");
        assertTrue(!Files.exists(out.resolve(PackageLayout.DESCRIPTOR)));
    }

    @Test
    void aVariantIsUnpackedFromItsOwnRoot() throws Exception {
        Path prefix = tmp.resolve("prefix");
        Gcc.shared(prefix.resolve("lib/libz9.so.1.0"), "int z(void) { return 3; }", "-Wl,-soname,libz9.so.1");
        Path jar = tmp.resolve("z9-v3.jar");
        NativePackager.build(PackageRequest.of(new PackageRequest.Coordinates("dev.example", "z9", "1.0", LINUX),
                PackageRequest.Layout.of(prefix).withLibraryDirectories(List.of("lib")),
                new PackageRequest.Output(jar, OutputTimestamp.DEFAULT, false, tmp.resolve("staging")))
                .withVariant(new dev.nativelib.loader.descriptor.PackageVariant("v3",
                        List.of(dev.nativelib.loader.hardware.VariantProperty.parse("x86_64 :: level :: v3")))));
        FoundPackage pkg = NativeDependencies.find(List.of(jar.toFile()), LINUX).get(0);
        Path out = tmp.resolve("nativelib/z9");
        assertEquals(Set.of("lib"), PackageUnpacker.unpack(jar, pkg, out));
        assertArrayEquals(Files.readAllBytes(prefix.resolve("lib/libz9.so.1.0")),
                Files.readAllBytes(out.resolve("lib/libz9.so.1.0")));
    }

    @Test
    void entriesThatWouldLeaveTheDirectoryAreRefused() throws IOException {
        PackageDescriptor d = new PackageDescriptor("g", "evil", "1", LINUX, List.of(), List.of());
        String root = PackageLayout.packageRoot("g", "evil", LINUX);
        Path jar = tmp.resolve("evil.jar");
        try (OutputStream o = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(o)) {
            zip.putNextEntry(new ZipEntry(root + PackageLayout.DESCRIPTOR));
            zip.write(DescriptorFormat.write(d));
            zip.putNextEntry(new ZipEntry(root + "lib/../../../../../escaped.txt"));
            zip.write(1);
            zip.closeEntry();
        }
        FoundPackage pkg = new FoundPackage(d, "unused", "0".repeat(64));
        Path out = tmp.resolve("out/evil");
        IOException e = assertThrows(IOException.class, () -> PackageUnpacker.unpack(jar, pkg, out));
        assertEquals(jar + ": entry " + root + "lib/../../../../../escaped.txt would be written outside " + out,
                e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("escaped.txt")) && !Files.exists(tmp.resolve("out/escaped.txt")));
    }

    @Test
    void entriesLandingOnTheSameFileAreRefused() throws IOException {
        PackageDescriptor d = new PackageDescriptor("g", "dup", "1", LINUX, List.of(), List.of());
        String root = PackageLayout.packageRoot("g", "dup", LINUX);
        Path jar = tmp.resolve("dup.jar");
        try (OutputStream o = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(o)) {
            zip.putNextEntry(new ZipEntry(root + PackageLayout.DESCRIPTOR));
            zip.write(DescriptorFormat.write(d));
            zip.putNextEntry(new ZipEntry(root + "include/z.h"));
            zip.write('a');
            zip.putNextEntry(new ZipEntry(root + "include/./z.h"));
            zip.write('b');
            zip.closeEntry();
        }
        FoundPackage pkg = new FoundPackage(d, "unused", "0".repeat(64));
        Path out = tmp.resolve("out/dup");
        IOException e = assertThrows(IOException.class, () -> PackageUnpacker.unpack(jar, pkg, out));
        assertEquals(jar + ": entries " + root + "include/z.h and " + root + "include/./z.h would both be written to "
                + out.toAbsolutePath().normalize().resolve("include/z.h") + "; a JAR with duplicate entries was not"
                + " written by nativelib:package", e.getMessage());
        assertEquals(List.of(), listAll(tmp.resolve("out")), "nothing is left half-unpacked");
    }

    @Test
    void librariesThatDoNotMatchTheDescriptorAreRefused() throws Exception {
        Path prefix = tmp.resolve("prefix");
        Gcc.shared(prefix.resolve("lib/libz8.so.1"), "int z(void) { return 8; }", "-Wl,-soname,libz8.so.1");
        Path jar = tmp.resolve("z8.jar");
        NativePackager.build(PackageRequest.of(new PackageRequest.Coordinates("dev.example", "z8", "1.0", LINUX),
                PackageRequest.Layout.of(prefix).withLibraryDirectories(List.of("lib")),
                new PackageRequest.Output(jar, OutputTimestamp.DEFAULT, false, tmp.resolve("staging"))));
        FoundPackage pkg = NativeDependencies.find(List.of(jar.toFile()), LINUX).get(0);
        // The same descriptor over different library bytes, as a JAR modified after packaging would be.
        Path evil = tmp.resolve("z8-modified.jar");
        String root = PackageLayout.packageRoot("dev.example", "z8", LINUX);
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(jar.toFile());
             OutputStream o = Files.newOutputStream(evil); ZipOutputStream zip = new ZipOutputStream(o)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(root + "lib/libz8.so.1")) {
                    bytes[bytes.length - 1] ^= 1;
                }
                zip.write(bytes);
            }
        }
        Path out = tmp.resolve("out/z8");
        IOException e = assertThrows(IOException.class, () -> PackageUnpacker.unpack(evil, pkg, out));
        assertTrue(e.getMessage().startsWith(evil + " does not match its descriptor: "
                + out.toAbsolutePath().normalize().resolve("lib/libz8.so.1") + " has SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; the JAR was damaged or modified after packaging"), e.getMessage());
        assertEquals(List.of(), listAll(tmp.resolve("out")), "nothing is left half-unpacked");
    }

    /**
     * A package JAR whose descriptor (of one library, lib/libbad.so.1, and the link lib/libbad.so to it) is edited the
     * way no nativelib:package output is.
     */
    private Path badJar(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        byte[] lib = "a library".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PackageDescriptor d = new PackageDescriptor("g", "bad", "1", LINUX, List.of(new LibraryEntry(
                "lib/libbad.so.1", "bad", lib.length, Sha256.of(lib))), List.of(new AliasEntry("lib/libbad.so",
                "libbad.so.1")));
        String root = PackageLayout.packageRoot("g", "bad", LINUX);
        Path jar = tmp.resolve(name + ".jar");
        try (OutputStream o = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(o)) {
            zip.putNextEntry(new ZipEntry(PackageLayout.INDEX));
            zip.write((PackageLayout.indexEntry("g", "bad", LINUX) + "\n").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(root + PackageLayout.DESCRIPTOR));
            zip.write(edit.apply(new String(DescriptorFormat.write(d), java.nio.charset.StandardCharsets.UTF_8))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(root + "lib/libbad.so.1"));
            zip.write(lib);
            zip.closeEntry();
        }
        return jar;
    }

    @Test
    void badAliasesAndDuplicatePathsAreRefusedNamingTheJar() throws IOException {
        String entry = PackageLayout.packageRoot("g", "bad", LINUX) + PackageLayout.DESCRIPTOR;
        Map<String, java.util.function.UnaryOperator<String>> edits = new java.util.LinkedHashMap<>();
        edits.put("target of alias lib/libbad.so '/abs' is an absolute path; a link's target must be relative to the"
                + " link's directory", t -> t.replace("alias.0.target=libbad.so.1", "alias.0.target=/abs"));
        edits.put("target of alias lib/libbad.so 'lib//abs' must be plain names, after any leading '..' segments"
                + " (no empty, '.' or inner '..' segments)",
                t -> t.replace("alias.0.target=libbad.so.1", "alias.0.target=lib//abs"));
        edits.put("alias lib/libbad.so of g:bad:1 [linux-x86_64] points to lib/libnothing.so, which is neither a"
                + " library nor an alias of the package",
                t -> t.replace("alias.0.target=libbad.so.1", "alias.0.target=libnothing.so"));
        edits.put("g:bad:1 [linux-x86_64] lists lib/libbad.so twice (alias 0 and alias 1); each library and alias"
                + " needs a path of its own", t -> t.replace("alias.count=1", "alias.count=2\nalias.1.path="
                + "lib/libbad.so\nalias.1.target=libbad.so.1"));
        edits.put("g:bad:1 [linux-x86_64] lists lib/libbad.so.1 twice (library 0 and alias 0); each library and"
                + " alias needs a path of its own",
                t -> t.replace("alias.0.path=lib/libbad.so", "alias.0.path=lib/libbad.so.1"));
        int i = 0;
        for (Map.Entry<String, java.util.function.UnaryOperator<String>> e : edits.entrySet()) {
            Path jar = badJar("bad" + i++, e.getValue());
            MojoExecutionException error = assertThrows(MojoExecutionException.class,
                    () -> NativeArtifactResolver.packages(List.of(jar.toFile()), LINUX));
            assertEquals("Cannot read a native dependency's descriptor: " + jar + ": entry " + entry + ": "
                    + e.getKey(), error.getMessage());
        }
    }

    private static List<Path> listAll(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void withoutDependenciesTheFilesAreWrittenEmpty() throws IOException {
        Path out = tmp.resolve("target/nativelib");
        DependencyUnpacker.Result result = DependencyUnpacker.unpack(List.of(), "linux-x86_64", out);
        assertEquals(List.of(), result.packages());
        assertEquals("", result.pkgConfigPath());
        assertEquals("", result.prefixPath());
        assertEquals("\n", Files.readString(out.resolve("pkg-config-path.txt")));
        assertTrue(Files.readString(out.resolve("nativelib-deps.cmake")).endsWith("\nset(NATIVELIB_RUNTIME_DIRS)\n"
                + "set(NATIVELIB_PKG_CONFIG_PATH)\nunset(_nativelib_deps)\n"));
    }

    @Test
    void depsFileIsRelativeToItself() {
        assertEquals("""
                # Generated by nativelib:unpack: the native dependencies of this build for linux-x86_64.
                # Include it before find_package(), e.g. cmake -DCMAKE_PROJECT_INCLUDE_BEFORE=<this file>.
                #   g:base:1.2 -> base/
                #   g:top:1.0 -> top/
                get_filename_component(_nativelib_deps "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)
                list(PREPEND CMAKE_PREFIX_PATH "${_nativelib_deps}/top")
                list(PREPEND CMAKE_PREFIX_PATH "${_nativelib_deps}/base")
                list(PREPEND CMAKE_MODULE_PATH "${_nativelib_deps}/base/cmake")
                set(NATIVELIB_RUNTIME_DIRS "${_nativelib_deps}/base/lib" "${_nativelib_deps}/top/lib")
                set(NATIVELIB_PKG_CONFIG_PATH "${_nativelib_deps}/base/lib/pkgconfig")
                unset(_nativelib_deps)
                """, DepsFileWriter.write("linux-x86_64", List.of(
                new DepsFileWriter.Entry("g:base:1.2", "base", Set.of("lib"), true, Set.of("lib/pkgconfig")),
                new DepsFileWriter.Entry("g:top:1.0", "top", Set.of("lib"), false, Set.of()))));
    }
}
