package dev.nativelib.loader.plan;

import dev.nativelib.loader.settings.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadPlanTest {

    @TempDir
    Path tmp;

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "0123456789abcdef".repeat(4);
    private static final String SHA_BJNI = "fedcba9876543210".repeat(4);

    static LoadPlan sample(String key) {
        LoadPlan plan = new LoadPlan(key, "linux-x86_64");
        plan.addEntry("/app/lib/a.jar", "file 10 20");
        plan.addEntry("/app/classes", "directory");
        plan.addPackage("g:a:linux-x86_64", "g:a:1.0", "g/a-1.0-linux-x86_64-0123456789abcdef", "/app/lib/a.jar");
        plan.addLibrary("lib/liba.so.1", SHA_A, "liba.so.1", false);
        plan.addAlias("lib/liba.so");
        plan.addPackage("g:b:linux-x86_64", "g:b:1.0", "g/b-1.0-linux-x86_64-fedcba9876543210", "/app/lib/b.jar");
        plan.addLibrary("lib/libb.so.1", SHA_B, null, true);
        plan.addLibrary("lib/libbjni.so", SHA_BJNI, "libbjni.so", false);
        plan.result(1, 1);
        return plan;
    }

    @Test
    void aPlanReadsBackAsWritten() {
        String key = "load b\njava.home=/jdk\njava.class.path=/app/lib/a.jar:/app/classes";
        LoadPlan read = LoadPlan.parse(PlanWriter.format(sample(key)));
        assertEquals(key, read.key());
        assertEquals("linux-x86_64", read.platform());
        assertEquals(List.of("/app/lib/a.jar", "/app/classes"), read.entries());
        assertEquals(2, read.packageCount());
        assertEquals("g:b:linux-x86_64", read.packageKey(1));
        assertEquals("g:b:1.0", read.coordinates(1));
        assertEquals("g/b-1.0-linux-x86_64-fedcba9876543210", read.directory(1));
        assertEquals("/app/lib/b.jar", read.origin(1));
        assertEquals(List.of("lib/libb.so.1", "lib/libbjni.so"), read.libraryPaths(1));
        assertEquals(List.of(SHA_B, SHA_BJNI), read.librarySha256s(1));
        assertNull(read.soname(1, 0));
        assertEquals("libbjni.so", read.soname(1, 1));
        assertTrue(read.global(1, 0));
        assertFalse(read.global(1, 1));
        assertEquals(List.of("lib/liba.so"), read.aliases(0));
        assertEquals(List.of(), read.aliases(1));
        assertEquals(1, read.resultPackage());
        assertEquals(1, read.resultLibrary());
        assertEquals(PlanWriter.format(sample(key)), PlanWriter.format(read));
    }

    @Test
    void aPlanThatChoseVariantsReadsBackWithTheMachineAndItsStamp() {
        LoadPlan plan = sample("k");
        plan.machine("x86_64 :: level :: v1, x86_64 :: level :: v2", "0123456789abcdef");
        String text = PlanWriter.format(plan);
        assertTrue(text.contains("\nmachine\tx86_64 :: level :: v1, x86_64 :: level :: v2\t0123456789abcdef\n"), text);
        LoadPlan read = LoadPlan.parse(text);
        assertEquals("x86_64 :: level :: v1, x86_64 :: level :: v2", read.machine());
        assertEquals("0123456789abcdef", read.machineStamp());
        assertEquals(text, PlanWriter.format(read));

        // A plan of the previous release, without a stamp: still replayed, after detecting.
        LoadPlan old = LoadPlan.parse(text.replace("\t0123456789abcdef\n", "\n"));
        assertEquals("x86_64 :: level :: v1, x86_64 :: level :: v2", old.machine());
        assertNull(old.machineStamp());
        assertNull(LoadPlan.parse(text.replace("0123456789abcdef", "0123456789ABCDEF")), "a stamp not as written");
        assertNull(LoadPlan.parse(text.replace("0123456789abcdef", "0123456789abcde")), "a stamp cut short");

        // No stamp without a machine: a plan that chose no variant detects nothing.
        LoadPlan none = sample("k");
        none.machine(null, "0123456789abcdef");
        assertNull(none.machineStamp());
        assertFalse(PlanWriter.format(none).contains("\nmachine\t"));
    }

    @Test
    void whatIsNotAWholePlanReadsAsNone() {
        String good = PlanWriter.format(sample("k"));
        assertTrue(LoadPlan.parse(good) != null);
        assertNull(LoadPlan.parse(good.replace("nativelib-plan 2", "nativelib-plan 1")), "another format version");
        assertNull(LoadPlan.parse(good.replace(SHA_A, "A".repeat(64))), "a SHA-256 not as descriptors write it");
        assertNull(LoadPlan.parse(good.replace(SHA_A, "a".repeat(63))), "a SHA-256 cut short");
        assertNull(LoadPlan.parse(good.substring(0, good.indexOf("key\n"))), "cut before the key");
        assertNull(LoadPlan.parse(good.replace("result\t1\t1", "result\t1\t2")), "result outside the package");
        assertNull(LoadPlan.parse(good.replace("result\t1\t1", "result\t2\t0")), "result outside the plan");
        assertNull(LoadPlan.parse(good.replace("lib/libb.so.1", "../../evil.so")), "a path climbing out");
        assertNull(LoadPlan.parse(good.replace("g/a-1.0", "/g/a-1.0")), "an absolute directory");
        assertNull(LoadPlan.parse(good.replace("alias\t", "aliens\t")), "an unknown line");
        assertNull(LoadPlan.parse(good.replace("library\tlocal\t", "library\tsomewhere\t")), "an unknown scope");
        assertNull(LoadPlan.parse(""));
    }

    @Test
    void aPlanFileBeyondTheCapIsNotRead() throws Exception {
        String key = "k";
        Path file = PlanWriter.save(tmp, sample(key));
        assertTrue(LoadPlan.find(tmp, key) != null);
        // The same plan padded past the cap (sparse, so the test costs no disk): not read, not an OutOfMemoryError.
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(LoadPlan.MAX_BYTES + 1L);
        }
        assertNull(LoadPlan.find(tmp, key));
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        assertNull(LoadPlan.find(tmp, key));
    }

    @Test
    void aPlanOfAnotherUserIsNotRead() throws Exception {
        java.nio.file.Path root = dev.nativelib.loader.cache.CacheDirectory.createChecked(tmp.resolve("root"));
        java.nio.file.Path file = PlanWriter.save(root, sample("k"));
        assertTrue(LoadPlan.find(root, "k") != null);
        try {
            Files.setAttribute(file, "unix:uid", 65534);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("changing an owner needs root (CI runs as root): " + e);
        }
        assertNull(LoadPlan.find(root, "k"), "planted while the root was open to others: not read");
    }

    @Test
    void aFieldThatCannotBeWrittenAsItIsMakesNoPlan() {
        LoadPlan plan = sample("k");
        assertNull(PlanWriter.writable(plan));
        plan.addEntry("/odd\tdir/x.jar", "missing");
        assertEquals("/odd\tdir/x.jar", PlanWriter.writable(plan));
        LoadPlan climbing = sample("k");
        climbing.addAlias("../x.so");
        assertEquals("../x.so", PlanWriter.writable(climbing));
    }

    @Test
    void fingerprintsTellFilesDirectoriesAndAbsenceApart() throws Exception {
        Path jar = Files.write(tmp.resolve("a.jar"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_123L));
        assertEquals("file 3 1700000000123", LoadPlan.fingerprint(jar.toString()));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        assertEquals("directory", LoadPlan.fingerprint(classes.toString()));
        assertEquals("missing", LoadPlan.fingerprint(tmp.resolve("nothing.jar").toString()));
        Files.createDirectories(classes.resolve("META-INF/nativelib"));
        Files.writeString(classes.resolve("META-INF/nativelib/index.list"), "g/a/linux-x86_64/\n");
        assertNull(LoadPlan.fingerprint(classes.toString()), "a directory with packages is loaded in place, unplanned");
    }

    @Test
    void aRebuiltJarIsAChangedEntry() throws Exception {
        Path jar = Files.write(tmp.resolve("a.jar"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
        LoadPlan plan = sample("k");
        LoadPlan fresh = new LoadPlan("k", "linux-x86_64");
        fresh.addEntry(jar.toString(), LoadPlan.fingerprint(jar.toString()));
        fresh.addEntry(tmp.resolve("later.jar").toString(), "missing");
        assertNull(fresh.changedEntry());
        Files.write(jar, new byte[] {1, 2, 3, 4});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_001_000L));
        assertEquals(jar + " (was file 3 1700000000000, now file 4 1700000001000)", fresh.changedEntry());
        Files.write(jar, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
        assertNull(fresh.changedEntry());
        Files.write(tmp.resolve("later.jar"), new byte[] {9});
        assertTrue(fresh.changedEntry().startsWith(tmp.resolve("later.jar") + " (was missing, now file 1 "),
                fresh.changedEntry());
        assertNotEquals(null, plan.changedEntry(), "entries of the sample do not exist here");
    }

    @Test
    void theKeyHoldsTheNameTheClassPathAndEveryNativelibSettingButTheLogLevel() {
        String before = LoadPlan.key("greet");
        try {
            assertTrue(before.startsWith("load greet\n"), before);
            assertTrue(before.endsWith("java.class.path=" + System.getProperty("java.class.path")), before);
            assertTrue(before.contains("\njava.home=" + System.getProperty("java.home") + "\n"), before);
            System.setProperty("nativelib.log", "debug");
            assertEquals(before, LoadPlan.key("greet"), "the log level decides nothing that is loaded");
            System.setProperty("nativelib.greet.preferSystem", "true");
            assertTrue(LoadPlan.key("greet").contains("\n-Dnativelib.greet.preferSystem=true\n"));
            assertNotEquals(LoadPlan.key("greet"), LoadPlan.key("other"));
            System.setProperty(Settings.PLAN.property(), "on");
            assertTrue(LoadPlan.key("greet").contains("\n-Dnativelib.plan=on\n"));
            System.setProperty(Settings.PLAN.property(), "off");
            assertNull(LoadPlan.key("greet"));
            System.setProperty(Settings.PLAN.property(), "false");
            assertEquals("-Dnativelib.plan=false is not valid; use on (the default) or off",
                    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                            () -> LoadPlan.key("greet")).getMessage());
        } finally {
            System.clearProperty("nativelib.log");
            System.clearProperty("nativelib.greet.preferSystem");
            System.clearProperty(Settings.PLAN.property());
        }
    }

    @Test
    void plansAreFoundByTheirWholeKey() throws Exception {
        Path root = tmp.resolve("cache");
        PlanWriter.save(root, sample("key one"));
        assertEquals("key one", LoadPlan.find(root, "key one").key());
        assertNull(LoadPlan.find(root, "key two"));
        // A file under the right name that answers another key (a checksum clash) is not used.
        Files.writeString(LoadPlan.file(root, "key two"), PlanWriter.format(sample("key one")));
        assertNull(LoadPlan.find(root, "key two"));
    }
}
