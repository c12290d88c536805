package dev.nativelib.loader.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanWriterTest {

    @TempDir
    Path tmp;

    private static Path jar(Path file, String classPath) throws IOException {
        Files.createDirectories(file.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return file;
    }

    @Test
    void theClassPathIncludesWhatManifestsAddRecursively() throws Exception {
        // As `java -jar app.jar` or Surefire's booter JAR: the class path is one JAR whose manifest names the rest.
        Path app = jar(tmp.resolve("app.jar"), "lib/a.jar lib/b.jar lib/missing.jar");
        jar(tmp.resolve("lib/a.jar"), null);
        jar(tmp.resolve("lib/b.jar"), "c.jar ../app.jar");
        jar(tmp.resolve("lib/c.jar"), null);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        assertEquals(List.of(app, tmp.resolve("lib/a.jar"), tmp.resolve("lib/b.jar"), tmp.resolve("lib/c.jar"),
                tmp.resolve("lib/missing.jar"), classes),
                PlanWriter.classPath("app.jar" + java.io.File.pathSeparator + classes, tmp));
    }

    @Test
    void aClassPathAPlanCannotDescribeGivesNone() throws Exception {
        jar(tmp.resolve("app.jar"), "http://example.com/remote.jar");
        assertNull(PlanWriter.classPath("app.jar", tmp), "a remote Class-Path entry");
    }

    @Test
    void anEmptyElementIsTheWorkingDirectory() throws Exception {
        // As for the JDK's class loader: Surefire's class path, for one, ends with a separator.
        Path plain = jar(tmp.resolve("plain.jar"), null);
        assertEquals(List.of(plain, tmp), PlanWriter.classPath("plain.jar" + java.io.File.pathSeparator, tmp));
    }

    @Test
    void temporaryPlansOfAKilledJvmArePruned() throws Exception {
        Path root = tmp.resolve("cache");
        Path dir = Files.createDirectories(root.resolve(LoadPlan.DIRECTORY));
        Path stale = Files.createFile(dir.resolve(".0123-abcd.plan.99.tmp"));
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 2 * 60 * 60 * 1000L));
        Path fresh = Files.createFile(dir.resolve(".4567-ef01.plan.98.tmp"));
        PlanWriter.save(root, LoadPlanTest.sample("k"));
        assertFalse(Files.exists(stale), "an hour-old temporary plan was left by a dead JVM");
        assertTrue(Files.exists(fresh), "a new one may be being written right now");
    }

    @Test
    void onlyTheNewestPlansAreKept() throws Exception {
        Path root = tmp.resolve("cache");
        for (int i = 0; i < PlanWriter.KEEP + 6; i++) {
            Path written = PlanWriter.save(root, LoadPlanTest.sample("key " + i));
            Files.setLastModifiedTime(written, FileTime.fromMillis(1_700_000_000_000L + i * 1000L));
        }
        Path dir = root.resolve(LoadPlan.DIRECTORY);
        // A lock is never pruned, however old; a temporary plan of a JVM that died is, once an hour old.
        Path lock = Files.createFile(dir.resolve("0-0" + LoadPlan.SUFFIX + ".lock"));
        Files.setLastModifiedTime(lock, FileTime.fromMillis(0));
        Path dead = Files.createFile(dir.resolve(".0-0" + LoadPlan.SUFFIX + ".1-2.tmp"));
        Files.setLastModifiedTime(dead, FileTime.fromMillis(0));
        PlanWriter.prune(dir);
        assertTrue(Files.exists(lock));
        assertFalse(Files.exists(dead));
        Files.delete(lock);
        try (Stream<Path> plans = Files.list(root.resolve(LoadPlan.DIRECTORY))) {
            assertEquals(PlanWriter.KEEP, plans.count());
        }
        assertNull(LoadPlan.find(root, "key 5"), "among the six oldest");
        assertEquals("key 6", LoadPlan.find(root, "key 6").key());
        assertEquals("key " + (PlanWriter.KEEP + 5), LoadPlan.find(root, "key " + (PlanWriter.KEEP + 5)).key());
        try (Stream<Path> left = Files.list(root.resolve(LoadPlan.DIRECTORY))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }
}
