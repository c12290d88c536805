package dev.nativelib.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
