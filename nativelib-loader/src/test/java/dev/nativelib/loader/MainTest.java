package dev.nativelib.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty("nativelib.platform");
        System.clearProperty("nativelib.cache.dir");
        System.clearProperty("nativelib.hardware.add");
    }

    @Test
    void reportsTheMachineAndWhyEachVariantWasPickedOrNot() throws Exception {
        System.setProperty("nativelib.platform", "linux-x86_64");
        System.setProperty("nativelib.cache.dir", tmp.resolve("cache").toString());
        System.setProperty("nativelib.hardware.add", "blas :: backend :: openblas");
        StringBuilder cp = new StringBuilder();
        for (String label : new String[] {null, "openblas", "mkl"}) {
            TestPackages t = TestPackages.of("g", "greet", "1.0", "linux-x86_64").library("lib/libgreet.so.1",
                    String.valueOf(label));
            if (label != null) {
                t.variant(label, "blas :: backend :: " + label);
            }
            cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(t.writeJar(tmp));
        }
        String machine = dev.nativelib.loader.hardware.HardwareDetector.current().signature();
        String out = run("--classpath", cp.toString());
        assertTrue(out.contains("\nmachine: " + machine + "\n"), out);
        assertTrue(machine.contains("blas :: backend :: openblas"), machine);
        assertTrue(out.contains("\nload(\"greet\"):\n"
                + "  variants of g:greet:1.0 [linux-x86_64] (requested), this machine having " + machine + ":\n"
                + "    linux-x86_64-openblas (blas :: backend :: openblas): picked, the best that fits\n"
                + "    linux-x86_64-mkl (blas :: backend :: mkl): out: this machine lacks blas :: backend :: mkl\n"
                + "    linux-x86_64 (baseline): fits, ranks below linux-x86_64-openblas\n"
                + "  1. g:greet:1.0 [linux-x86_64-openblas]: requested\n"
                + "       " + tmp.resolve("cache/g/greet-1.0-linux-x86_64-openblas-")), out);
        // The report detects (it shows how each property is found) and leaves no machine record in the cache.
        assertFalse(java.nio.file.Files.exists(tmp.resolve("cache").resolve(".machines")), out);
    }

    private String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return status + "\n" + bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void reportsPlatformPackagesAndWhereEachLibraryWouldComeFrom() throws Exception {
        System.setProperty("nativelib.platform", "linux-x86_64");
        System.setProperty("nativelib.cache.dir", tmp.resolve("cache").toString());
        Path jar = TestPackages.of("g", "greet", "1.0", "linux-x86_64").library("lib/libgreet.so.1", "x")
                .writeJar(tmp);
        Path mac = TestPackages.of("g", "greet", "1.0", "osx-aarch_64").library("lib/libgreet.dylib", "y")
                .writeJar(tmp);
        String out = run("--classpath", jar + File.pathSeparator + mac);
        assertTrue(out.startsWith("0\nplatform: linux-x86_64 (from -Dnativelib.platform)\ncache: " + tmp.resolve("cache")
                + "\npackages on the class path: \n  g:greet:1.0 [linux-x86_64] in " + jar + "\n  g:greet:1.0"
                + " [osx-aarch_64] (other platform) in " + mac + "\n\nload(\"greet\"):\n  1. g:greet:1.0: requested\n"
                + "       " + tmp.resolve("cache/g/greet-1.0-linux-x86_64-")), out);
        assertTrue(out.endsWith("/lib/libgreet.so.1: packaged in " + jar + "\n"), out);
    }

    @Test
    void unknownNameExitsWithOneAndExplains() throws Exception {
        System.setProperty("nativelib.platform", "linux-x86_64");
        String out = run("--classpath", tmp.toString(), "zstd");
        assertTrue(out.startsWith("1\n"), out);
        assertTrue(out.contains("load(\"zstd\"):\n  cannot load: No native package provides 'zstd' for platform"
                + " linux-x86_64"), out);
    }

    @Test
    void missingClasspathValueIsAUsageError() {
        assertEquals("2\nerror: --classpath needs a value (entries separated by " + File.pathSeparator + ")\n",
                run("--classpath"));
    }

    @Test
    void theReportShowsExactlyWhatLoadLoads() throws Exception {
        // libtop needs libbase.so.1, which another package provides: the report and load() must agree on the
        // packages, their order and every file, down to the cache directory.
        System.setProperty("nativelib.platform", "linux-x86_64");
        System.setProperty("nativelib.cache.dir", tmp.resolve("cache").toString());
        Path jars = java.nio.file.Files.createDirectories(tmp.resolve("jars"));
        Path base = TestPackages.of("dev.example", "report-base", "1.0", "linux-x86_64")
                .libraryFile("lib/libbase.so.1", dev.nativelib.loader.binary.Fixtures.path("elf/libbase.so.1"),
                        "libbase.so.1")
                .writeJar(jars);
        Path top = TestPackages.of("dev.example", "report-top", "1.0", "linux-x86_64")
                .libraryFile("lib/libtop.so.2", dev.nativelib.loader.binary.Fixtures.path("elf/libtop-runpath.so"),
                        "libtop.so.2", "libbase.so.1")
                .writeJar(jars);
        String report = run("--classpath", top + File.pathSeparator + base, "top");
        assertTrue(report.startsWith("0\n"), report);
        java.util.List<String> reported = new java.util.ArrayList<>();
        for (String line : report.substring(report.indexOf("load(\"top\"):")).split("\n")) {
            if (line.startsWith("       ")) {
                reported.add(line.trim().substring(0, line.trim().indexOf(' ')));
            }
        }
        LoadedLibrary loaded;
        try (java.net.URLClassLoader cl = new java.net.URLClassLoader(new java.net.URL[] {top.toUri().toURL(),
                base.toUri().toURL()}, null)) {
            loaded = NativeLoader.load("top", cl);
        }
        java.util.List<String> files = new java.util.ArrayList<>();
        for (Path p : loaded.loaded()) {
            files.add(p.toString());
        }
        assertEquals(files, reported, report);
        assertEquals(2, files.size(), "libbase first, then libtop: " + files);
        assertTrue(report.contains("  1. dev.example:report-base:1.0: "), report);
        assertTrue(report.contains("  2. dev.example:report-top:1.0: requested"), report);
    }
}
