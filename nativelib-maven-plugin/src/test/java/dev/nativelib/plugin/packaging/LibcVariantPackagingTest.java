package dev.nativelib.plugin.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.discovery.PackageFinder;
import dev.nativelib.loader.discovery.PackageSelector;
import dev.nativelib.loader.platform.Libc;
import dev.nativelib.loader.platform.LibcDetector;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.loader.platform.PlatformDetector;
import dev.nativelib.plugin.Gcc;
import dev.nativelib.plugin.audit.AuditPolicy;
import dev.nativelib.plugin.audit.Auditor;
import dev.nativelib.plugin.audit.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same tiny library built with gcc (glibc) and with musl-gcc, packaged as {@code linux-x86_64} and
 * {@code linux-x86_64-musl}: the descriptors say which libc each needs, the loader picks the one for the running
 * platform's libc from a class path holding both, and the audit flags each one packaged under the other's name.
 */
class LibcVariantPackagingTest {

    private static final Platform GLIBC = Platform.parse("linux-x86_64");
    private static final Platform MUSL = Platform.parse("linux-x86_64-musl");
    private static final String SOURCE = "#include <stdio.h>\n"
            + "int greet(char *buf, int n) { return snprintf(buf, n, \"hello %d\", 42); }\n";
    private static final String PRINT_MAPS = "#include <stdio.h>\n"
            + "int main(void) { FILE *f = fopen(\"/proc/self/maps\", \"r\"); int c;\n"
            + "  if (!f) return 1; while ((c = fgetc(f)) != EOF) putchar(c); return 0; }\n";

    @TempDir
    Path tmp;

    @BeforeEach
    void needsMuslGccOnX8664Linux() {
        if (!Gcc.available(Gcc.MUSL_GCC)) {
            // CI installs musl-tools and sets NATIVELIB_CI=1: there, a missing tool is a broken CI, not a skip.
            assertFalse("1".equals(System.getenv("NATIVELIB_CI")), "NATIVELIB_CI=1 but musl-gcc is not on the PATH");
            Assumptions.abort("musl-gcc is not on the PATH, so the musl library cannot be built; install musl-tools"
                    + " (apt-get install musl-tools, as .ci/run does)");
        }
        String arch = PlatformDetector.normalizeArch(System.getProperty("os.arch"));
        Assumptions.assumeTrue(arch.equals("x86_64"), "the packages are linux-x86_64 and linux-x86_64-musl, but this"
                + " machine is " + arch);
    }

    private Path prefix(String compiler) throws IOException {
        Path prefix = tmp.resolve(compiler + "-prefix");
        Gcc.shared(compiler, prefix.resolve("lib/libgreet.so.1"), SOURCE, "-Wl,-soname,libgreet.so.1");
        return prefix;
    }

    private PackageRequest request(Platform platform, Path prefix) {
        return PackageRequest.of(new PackageRequest.Coordinates("dev.example", "greet", "1.0.0", platform),
                PackageRequest.Layout.of(prefix).withLibraryDirectories(List.of("lib")),
                new PackageRequest.Output(tmp.resolve("greet-1.0.0-" + platform + ".jar"),
                        Instant.parse("2026-01-01T00:00:00Z"), false, tmp.resolve("staging-" + platform)));
    }

    @Test
    void descriptorsDifferAndTheLoaderPicksTheJvmsLibc() throws Exception {
        PackageDescriptor glibc = NativePackager.build(request(GLIBC, prefix(Gcc.CC)));
        PackageDescriptor musl = NativePackager.build(request(MUSL, prefix(Gcc.MUSL_GCC)));

        assertEquals(GLIBC, glibc.platform());
        assertEquals(MUSL, musl.platform());
        LibraryEntry g = glibc.libraries().get(0);
        LibraryEntry m = musl.libraries().get(0);
        assertEquals(List.of("libgreet.so.1", "libgreet.so.1"), List.of(g.soname(), m.soname()));
        assertEquals(List.of("libc.so.6"), g.needed(), "gcc links glibc's C library");
        assertEquals(List.of("libc.so"), m.needed(), "musl-gcc links musl's C library");
        assertNotNull(g.minimumGlibc(), "glibc symbols are versioned");
        assertNull(m.minimumGlibc(), "musl has no GLIBC_ symbol versions");
        assertNotEquals(g.sha256(), m.sha256());

        Path glibcJar = tmp.resolve("greet-1.0.0-linux-x86_64.jar");
        Path muslJar = tmp.resolve("greet-1.0.0-linux-x86_64-musl.jar");
        // musl first on the class path: the order must not decide.
        try (URLClassLoader both = new URLClassLoader(new URL[] {muslJar.toUri().toURL(), glibcJar.toUri().toURL()},
                null)) {
            List<FoundPackage> found = PackageFinder.find(both);
            assertEquals(List.of(musl, glibc), found.stream().map(FoundPackage::descriptor).toList());
            FoundPackage forGlibc = PackageSelector.select("greet", GLIBC, found);
            FoundPackage forMusl = PackageSelector.select("greet", MUSL, found);
            assertSame(found.get(1), forGlibc);
            assertSame(found.get(0), forMusl);
            assertEquals(glibcJar.toString(), forGlibc.origin());
            assertEquals(muslJar.toString(), forMusl.origin());
            try (InputStream in = forMusl.open("lib/libgreet.so.1")) {
                assertEquals(m.sha256(), dev.nativelib.loader.descriptor.Sha256.of(in.readAllBytes()));
            }
        }

        try (URLClassLoader onlyMusl = new URLClassLoader(new URL[] {muslJar.toUri().toURL()}, null)) {
            List<FoundPackage> found = PackageFinder.find(onlyMusl);
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> PackageSelector.select("greet", GLIBC, found));
            assertEquals("No native package for platform linux-x86_64 provides 'greet'.\n"
                    + "Found on the class path for other platforms:\n"
                    + "  dev.example:greet:1.0.0 [linux-x86_64-musl] in " + muslJar + ", libraries: greet\n"
                    + "Found linux-x86_64-musl, but this JVM runs on glibc (linux-x86_64): libraries built for musl"
                    + " do not load with glibc.\n"
                    + "Add the package for this platform to your dependencies:\n"
                    + "  <dependency>\n"
                    + "    <groupId>dev.example</groupId>\n"
                    + "    <artifactId>greet</artifactId>\n"
                    + "    <version>1.0.0</version>\n"
                    + "    <classifier>linux-x86_64</classifier>\n"
                    + "  </dependency>\n"
                    + "If the platform was detected wrongly, set -Dnativelib.platform=<platform>.", e.getMessage());
        }
    }

    @Test
    void auditFlagsALibraryPackagedForTheOtherLibc() throws Exception {
        Path glibcPrefix = prefix(Gcc.CC);
        Path muslPrefix = prefix(Gcc.MUSL_GCC);

        assertEquals(List.of(), audit(GLIBC, glibcPrefix));
        assertEquals(List.of(), audit(MUSL, muslPrefix));
        assertEquals(List.of("[wrong-libc] lib/libgreet.so.1: needs libc.so.6, which is part of glibc, but the"
                + " package's platform linux-x86_64-musl is for musl; it will not load on musl systems. Fix: build it"
                + " with musl (musl-gcc, or on a musl distribution such as Alpine), or package it as linux-x86_64"
                + " (set <platform>)."), audit(MUSL, glibcPrefix));
        assertEquals(List.of("[wrong-libc] lib/libgreet.so.1: needs libc.so, which is part of musl, but the"
                + " package's platform linux-x86_64 is for glibc; it will not load on glibc systems. Fix: build it"
                + " against glibc (gcc on a glibc distribution), or package it as linux-x86_64-musl (set"
                + " <platform>)."), audit(GLIBC, muslPrefix));
    }

    private List<String> audit(Platform platform, Path prefix) throws PackagingException {
        PreparedPackage p = NativePackager.prepare(request(platform, prefix));
        return new Auditor(platform, AuditPolicy.defaults(null), Map.of(), Map.of()).audit(p.audited(),
                p.aliasNames()).findings().stream().map(Finding::toString).toList();
    }

    @Test
    void detectionSeesTheLibcOfRealProcesses() throws Exception {
        Path glibcProgram = Gcc.executable(Gcc.CC, tmp.resolve("maps-glibc"), PRINT_MAPS);
        Path muslProgram = Gcc.executable(Gcc.MUSL_GCC, tmp.resolve("maps-musl"), PRINT_MAPS);

        Libc glibc = LibcDetector.fromMaps(Gcc.run(List.of(glibcProgram.toString())));
        Libc musl = LibcDetector.fromMaps(Gcc.run(List.of(muslProgram.toString())));
        assertEquals("glibc", glibc.name(), glibc.evidence());
        assertEquals("musl", musl.name(), musl.evidence());
        assertTrue(musl.evidence().startsWith("/proc/self/maps maps /"), musl.evidence());

        assertEquals("/lib64/ld-linux-x86-64.so.2", LibcDetector.interpreter(Files.readAllBytes(glibcProgram)));
        assertEquals("/lib/ld-musl-x86_64.so.1", LibcDetector.interpreter(Files.readAllBytes(muslProgram)));
        assertEquals("linux-x86_64-musl", PlatformDetector.withLibc(GLIBC, LibcDetector.fromInterpreter(
                LibcDetector.interpreter(Files.readAllBytes(muslProgram)))).name());
    }
}
