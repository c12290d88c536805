package dev.nativelib.loader.cache;

import dev.nativelib.loader.settings.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nativelib.loader.TestPackages;
import dev.nativelib.loader.descriptor.Sha256;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.discovery.PackageFinder;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageExtractorTest {

    @TempDir
    Path tmp;

    /** The debug message of a check that hashes a cached package's libraries. */
    private static final String HASHING = "hashing the libraries of ";

    /** What the loader says at debug level during each test. */
    private DebugLog log;

    @org.junit.jupiter.api.BeforeEach
    void captureDebugLog() {
        log = new DebugLog();
    }

    @org.junit.jupiter.api.AfterEach
    void releaseDebugLog() {
        log.close();
    }

    private FoundPackage found(TestPackages t) throws IOException {
        Path jar = t.writeJar(Files.createDirectories(tmp.resolve("jars")));
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            return PackageFinder.find(cl).get(0);
        }
    }

    private static TestPackages greet() {
        return TestPackages.of("dev.example", "greet", "1.0", "linux-x86_64")
                .library("lib/libgreet.so.1.0.0", "greet library bytes")
                .library("lib/libgreetjni.so", "jni library bytes")
                .alias("lib/libgreet.so.1", "libgreet.so.1.0.0")
                .alias("lib/libgreet.so", "libgreet.so.1");
    }

    @Test
    void extractsVerifiedFilesIntoAPrivateContentAddressedDirectory() throws IOException {
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        Path dir = PackageExtractor.extract(p, cache);

        assertEquals(cache.resolve("dev.example/greet-1.0-linux-x86_64-"
                + Sha256.of(greet().descriptorBytes()).substring(0, 32)), dir);
        assertEquals("greet library bytes", Files.readString(dir.resolve("lib/libgreet.so.1.0.0")));
        assertEquals("jni library bytes", Files.readString(dir.resolve("lib/libgreetjni.so")));
        assertEquals(Paths.get("libgreet.so.1.0.0"), Files.readSymbolicLink(dir.resolve("lib/libgreet.so.1")));
        assertEquals("greet library bytes", Files.readString(dir.resolve("lib/libgreet.so")));
        assertEquals("rwx------", perms(cache));
        assertEquals("rwx------", perms(cache.resolve("dev.example")));
        assertEquals("rwx------", perms(dir));
        assertEquals("r-x------", perms(dir.resolve("lib/libgreet.so.1.0.0")));
        assertEquals(List.of(dir), list(cache.resolve("dev.example")), "no temporary directory may remain");
    }

    @Test
    void secondExtractionReusesTheFirst() throws IOException {
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        Path first = PackageExtractor.extract(p, cache);
        long modified = Files.getLastModifiedTime(first.resolve("lib/libgreetjni.so")).toMillis();
        Path second = PackageExtractor.extract(p, cache);
        assertEquals(first, second);
        assertEquals(modified, Files.getLastModifiedTime(second.resolve("lib/libgreetjni.so")).toMillis());
    }

    @Test
    void tamperedCachedFileIsReplacedNeverUsed() throws IOException {
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        Path dir = PackageExtractor.extract(p, cache);
        Path lib = dir.resolve("lib/libgreetjni.so");
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(lib, "jni library BYTES"); // same size, different content
        Path again = PackageExtractor.extract(p, cache);
        assertEquals(dir, again);
        assertEquals("jni library bytes", Files.readString(again.resolve("lib/libgreetjni.so")));
    }

    @Test
    void tamperedCachedFileCanBeRefusedInstead() throws IOException {
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        Path dir = PackageExtractor.extract(p, cache);
        Path lib = dir.resolve("lib/libgreetjni.so");
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(lib, "jni library BYTES");
        System.setProperty(Settings.CACHE_ON_DAMAGE.property(), "refuse");
        try {
            IOException e = assertThrows(IOException.class, () -> PackageExtractor.extract(p, cache));
            assertEquals("the cached copy of dev.example:greet:1.0 in " + dir + " was modified after extraction ("
                    + lib + " has SHA-256 " + dev.nativelib.loader.descriptor.Sha256.of(lib) + ", expected "
                    + p.descriptor().library("greetjni").orElseThrow().sha256() + "), and"
                    + " -Dnativelib.cache.onDamage=refuse forbids replacing it; find out what changed it, then delete "
                    + dir, e.getMessage());
            assertEquals("jni library BYTES", Files.readString(lib), "the evidence stays");
        } finally {
            System.clearProperty(Settings.CACHE_ON_DAMAGE.property());
        }
    }

    @Test
    void damagedJarIsRefusedAndLeavesNothingBehind() throws IOException {
        FoundPackage p = found(greet().corrupt("lib/libgreetjni.so", "evil library bytes"));
        Path cache = tmp.resolve("cache");
        IOException e = assertThrows(IOException.class, () -> PackageExtractor.extract(p, cache));
        assertEquals(p.origin() + ": lib/libgreetjni.so holds more than the 17 bytes the descriptor of"
                + " dev.example:greet:1.0 records; the JAR is damaged or was modified after packaging", e.getMessage());
        assertEquals(List.of(), list(cache.resolve("dev.example")), "nothing may be left under the cache");
    }

    @Test
    void sameSizeButDifferentBytesIsRefusedByHash() throws IOException {
        FoundPackage p = found(greet().corrupt("lib/libgreetjni.so", "JNI library bytes"));
        IOException e = assertThrows(IOException.class, () -> PackageExtractor.extract(p, tmp.resolve("cache")));
        assertEquals(p.origin() + ": lib/libgreetjni.so has 17 bytes and SHA-256 "
                + dev.nativelib.loader.descriptor.Sha256.of("JNI library bytes".getBytes())
                + ", but the descriptor of dev.example:greet:1.0 records 17 bytes and "
                + p.descriptor().library("greetjni").orElseThrow().sha256()
                + "; the JAR is damaged or was modified after packaging", e.getMessage());
    }

    @Test
    void concurrentExtractionsAllSucceedWithOneResult() throws Exception {
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Path>> results = Stream.generate(() -> pool.submit(() -> PackageExtractor.extract(p, cache)))
                    .limit(16).toList();
            Path first = results.get(0).get();
            for (Future<Path> f : results) {
                assertEquals(first, f.get());
            }
            assertEquals(List.of(first), list(cache.resolve("dev.example")));
            assertTrue(Files.isRegularFile(first.resolve("lib/libgreetjni.so")));
        } finally {
            pool.shutdown();
        }
    }

    /** A real shared library padded to {@code size} bytes: the dynamic loader ignores bytes past what it maps. */
    private static byte[] paddedLibrary(int size) throws IOException {
        byte[] lib = Files.readAllBytes(dev.nativelib.loader.binary.Fixtures.path("elf/libbase.so.1"));
        return java.util.Arrays.copyOf(lib, Math.max(size, lib.length));
    }

    private Process loadInChild(Path jar, Path cache) throws IOException {
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(javaBin, "-Dnativelib.cache.dir=" + cache, "-Dnativelib.platform=linux-x86_64",
                "-D" + LoadInChild.COUNT_EXTRACTIONS + "=true", "-cp", System.getProperty("java.class.path"),
                LoadInChild.class.getName(), jar.toString(), "base").redirectErrorStream(true).start();
    }

    @Test
    void sixteenJvmsStartingAtOnceOnAColdCacheExtractOnceAndAllLoad() throws Exception {
        Path jar = TestPackages.of("dev.example", "racing", "1.0", "linux-x86_64")
                .libraryBytes("lib/libbase.so.1", paddedLibrary(8 << 20))
                .writeJar(Files.createDirectories(tmp.resolve("jars")));
        Path cache = tmp.resolve("cache");
        List<Process> children = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            children.add(loadInChild(jar, cache));
        }
        int extractions = 0;
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (Process p : children) {
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("extractions=(\\d+) path=(.*)").matcher(out);
            assertTrue(m.find(), out);
            extractions += Integer.parseInt(m.group(1));
            paths.add(m.group(2).trim());
        }
        assertEquals(1, extractions, "exactly one JVM extracts; the others wait for it and reuse its copy");
        assertEquals(1, paths.size(), "all load the same file: " + paths);
        Path dir = Paths.get(paths.iterator().next()).getParent().getParent();
        assertEquals(List.of(dir), list(cache.resolve("dev.example")), "nothing else is left beside it");
    }

    @Test
    void aWarmLoadStaysClearOfCostlyJdkMachinery() throws Exception {
        // Each of these costs a fresh JVM milliseconds on first use; a warm start needs none of them.
        Path jar = TestPackages.of("dev.example", "lean", "1.0", "linux-x86_64")
                .libraryFile("lib/libbase.so.1", dev.nativelib.loader.binary.Fixtures.path("elf/libbase.so.1"))
                .writeJar(Files.createDirectories(tmp.resolve("jars")));
        Path cache = tmp.resolve("cache");
        Process cold = loadInChild(jar, cache);
        String coldOut = new String(cold.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, cold.waitFor(), coldOut);
        java.util.regex.Matcher coldPath = java.util.regex.Pattern.compile("path=(.*)").matcher(coldOut);
        assertTrue(coldPath.find(), coldOut);
        Path library = Paths.get(coldPath.group(1).trim());
        Object inode = Files.getAttribute(library, "unix:ino");
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(javaBin, "-Xlog:class+load=info",
                "-Dnativelib.cache.dir=" + cache, "-Dnativelib.platform=linux-x86_64"));
        if (Runtime.version().feature() >= 22) {
            // Else the JDK formats its own restricted-method warning (java.util.Formatter) at the first System.load.
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadInChild.class.getName(),
                jar.toString(), "base"));
        Process warm = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(warm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, warm.waitFor(), out);
        // Not extracted again: the same file (the warm child logs nothing, so that it loads no logging classes).
        assertTrue(out.contains("path=" + library), out);
        assertEquals(inode, Files.getAttribute(library, "unix:ino"));
        List<String> loaded = out.lines().filter(l -> l.contains("[class,load]")).toList();
        int first = -1;
        for (int i = 0; i < loaded.size() && first < 0; i++) {
            first = loaded.get(i).contains(" dev.nativelib.loader.NativeLoader ") ? i : -1;
        }
        assertTrue(first >= 0, out);
        List<String> costly = List.of(" java.util.regex.Pattern ", " java.lang.invoke.LambdaMetafactory ",
                " java.lang.invoke.StringConcatFactory ", " java.security.MessageDigest ",
                " java.util.logging.LogManager ", " java.util.Formatter ", " com.sun.jna.");
        for (String line : loaded.subList(first, loaded.size())) {
            for (String c : costly) {
                if (line.contains(c)) {
                    fail("a warm load initialised" + c + "; the classes loaded since NativeLoader:\n"
                            + String.join("\n", loaded.subList(first, loaded.size())));
                }
            }
        }
    }

    @Test
    void aJvmKilledDuringExtractionLeavesNothingLoadableAndTheNextOneLoads() throws Exception {
        Path jar = TestPackages.of("dev.example", "killed", "1.0", "linux-x86_64")
                .libraryBytes("lib/libbase.so.1", paddedLibrary(256 << 20))
                .writeJar(Files.createDirectories(tmp.resolve("jars")));
        Path cache = tmp.resolve("cache");
        Path group = cache.resolve("dev.example");
        Process victim = loadInChild(jar, cache);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (list(group).stream().noneMatch(p -> p.getFileName().toString().contains(".tmp-"))) {
            if (!victim.isAlive()) {
                fail("the child finished before it could be killed: "
                        + new String(victim.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            assertTrue(System.nanoTime() < deadline, "no extraction started within 60 s");
            Thread.sleep(1);
        }
        victim.destroyForcibly().waitFor();
        List<Path> left = list(group);
        assertEquals(1, left.size(), "only the temporary directory: " + left);
        assertTrue(left.get(0).getFileName().toString().startsWith(".killed-1.0-linux-x86_64-"), left.toString());

        Process next = loadInChild(jar, cache);
        String out = new String(next.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, next.waitFor(), out);
        assertTrue(out.contains("extractions=1 path="), out);
        List<Path> after = list(group);
        assertEquals(1, after.size(), "the leftover was removed: " + after);
        assertTrue(out.contains("path=" + after.get(0).resolve("lib/libbase.so.1")), out);
        assertEquals(Sha256.of(paddedLibrary(256 << 20)), Sha256.of(after.get(0).resolve("lib/libbase.so.1")));
    }

    @Test
    void leftoversOfAnInterruptedExtractionAreRemovedWhenThePackageIsExtracted() throws IOException {
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        String name = PackageExtractor.directory(p, cache).getFileName().toString();
        Path tmpDir = Files.createDirectories(cache.resolve("dev.example/." + name + ".tmp-123/lib"));
        Files.writeString(tmpDir.resolve("libgreet.so.1.0.0"), "half");
        Path trash = Files.createDirectories(cache.resolve("dev.example/." + name + ".trash-456"));
        Path other = Files.createDirectories(cache.resolve("dev.example/.other-1.0-linux-x86_64-0123.tmp-789"));
        Path dir = PackageExtractor.extract(p, cache);
        assertFalse(Files.exists(tmpDir.getParent()));
        assertFalse(Files.exists(trash));
        assertTrue(Files.exists(other), "another package's extraction may still be running");
        assertEquals(List.of(other, dir), list(cache.resolve("dev.example")));
    }

    @Test
    void warmLoadsTrustTheExtractionsStampAndStillCatchATamperedFile() throws Exception {
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        Path dir = PackageExtractor.extract(p, cache);
        int before = log.count(HASHING);
        PackageExtractor.extract(p, cache);
        PackageExtractor.extract(p, cache);
        assertEquals(before, log.count(HASHING), "the extraction's stamp matches: nothing hashed");

        Path lib = dir.resolve("lib/libgreetjni.so");
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(lib, "jni library BYTES"); // same size, different content
        assertEquals(dir, PackageExtractor.extract(p, cache));
        assertEquals(before + 2, log.count(HASHING), "hashed: found damaged, then again under the lock");
        assertEquals("jni library bytes", Files.readString(lib), "and replaced");
        PackageExtractor.extract(p, cache);
        assertEquals(before + 2, log.count(HASHING), "the new extraction's stamp is trusted");
    }

    @Test
    void aStampWrittenInTheTickOfAChangeIsNotTrusted() throws Exception {
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        Path dir = PackageExtractor.extract(p, cache);
        Path stamp = dir.resolve(VerifiedStamp.FILE_NAME);
        Path lib = dir.resolve("lib/libgreetjni.so");
        // As if the stamp were written in the same tick as the library's last change: its time is not later.
        java.nio.file.attribute.FileTime changed = (java.nio.file.attribute.FileTime) Files.getAttribute(lib,
                "unix:ctime");
        Files.setLastModifiedTime(stamp, changed);
        int before = log.count(HASHING);
        PackageExtractor.extract(p, cache);
        assertEquals(before + 1, log.count(HASHING), "racy: hashed");
        PackageExtractor.extract(p, cache);
        assertEquals(before + 1, log.count(HASHING), "the new stamp is younger than the files");
    }

    @Test
    void aChangeRightAfterExtractionIsCaught() throws Exception {
        // The extraction waits for the file system's tick to pass before stamping, so a change made at once
        // (same size, same second) still shows in ctime.
        for (int i = 0; i < 5; i++) {
            FoundPackage p = found(greet());
            Path cache = tmp.resolve("cache" + i);
            Path dir = PackageExtractor.extract(p, cache);
            Path lib = dir.resolve("lib/libgreetjni.so");
            Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(lib, "jni library BYTES");
            PackageExtractor.extract(p, cache);
            assertEquals("jni library bytes", Files.readString(lib), "round " + i);
            Files.delete(tmp.resolve("jars/greet-1.0-linux-x86_64.jar"));
        }
    }

    @Test
    void fullVerificationHashesOnEveryLoad() throws Exception {
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        PackageExtractor.extract(p, cache);
        System.setProperty(Settings.CACHE_VERIFY.property(), "full");
        try {
            int before = log.count(HASHING);
            PackageExtractor.extract(p, cache);
            PackageExtractor.extract(p, cache);
            assertEquals(before + 2, log.count(HASHING));
            System.setProperty(Settings.CACHE_VERIFY.property(), "never");
            IOException e = assertThrows(IOException.class, () -> PackageExtractor.extract(p, cache));
            assertEquals("-Dnativelib.cache.verify=never is not valid; use stamp (the default) or full",
                    e.getMessage());
        } finally {
            System.clearProperty(Settings.CACHE_VERIFY.property());
        }
    }

    @Test
    void differentContentGetsADifferentDirectory() throws IOException {
        Path cache = tmp.resolve("cache");
        Path a = PackageExtractor.extract(found(greet()), cache);
        Files.delete(tmp.resolve("jars/greet-1.0-linux-x86_64.jar"));
        Path b = PackageExtractor.extract(found(TestPackages.of("dev.example", "greet", "1.0", "linux-x86_64")
                .library("lib/libgreet.so.1.0.0", "rebuilt library")), cache);
        assertFalse(a.equals(b));
        assertEquals("greet library bytes", Files.readString(a.resolve("lib/libgreet.so.1.0.0")));
        assertEquals("rebuilt library", Files.readString(b.resolve("lib/libgreet.so.1.0.0")));
    }

    @Test
    void aStampVouchesOnlyForTheSha256sOfTheDescriptorBeingLoaded() throws IOException {
        // Another package's verified directory, under the name this one's would have (a collision of names, a
        // directory moved by hand): its stamp matches its files, but not this descriptor's SHA-256s.
        Path cache = tmp.resolve("cache");
        FoundPackage other = found(TestPackages.of("dev.example", "greet", "1.0", "linux-x86_64")
                .library("lib/libgreet.so.1.0.0", "GREET library bytes").library("lib/libgreetjni.so", "jni")
                .alias("lib/libgreet.so.1", "libgreet.so.1.0.0").alias("lib/libgreet.so", "libgreet.so.1"));
        Path theirs = PackageExtractor.extract(other, cache);
        Files.delete(tmp.resolve("jars/greet-1.0-linux-x86_64.jar"));
        FoundPackage genuine = found(greet());
        Path ours = PackageExtractor.directory(genuine, CacheDirectory.createChecked(cache));
        Files.move(theirs, ours);
        assertEquals(ours, PackageExtractor.extract(genuine, cache));
        assertEquals("greet library bytes", Files.readString(ours.resolve("lib/libgreet.so.1.0.0")),
                "the other package's library must not be reused");
        assertEquals("jni library bytes", Files.readString(ours.resolve("lib/libgreetjni.so")));
    }

    @Test
    void descriptorsWhoseChecksumsCollideGetDirectoriesOfTheirOwn() throws IOException {
        TestPackages genuine = greet();
        // Same coordinates, another library, and a comment line whose bytes make both CRCs equal the genuine's.
        TestPackages forged = TestPackages.of("dev.example", "greet", "1.0", "linux-x86_64")
                .library("lib/libgreet.so.1.0.0", "EVIL library bytes!")
                .library("lib/libgreetjni.so", "jni library bytes")
                .alias("lib/libgreet.so.1", "libgreet.so.1.0.0")
                .alias("lib/libgreet.so", "libgreet.so.1");
        forged.descriptorTail(CrcForgery.tail(forged.descriptorBytes(), genuine.descriptorBytes()));
        assertEquals(CrcForgery.crcs(genuine.descriptorBytes()), CrcForgery.crcs(forged.descriptorBytes()),
                "the forgery works");

        Path cache = tmp.resolve("cache");
        Path evil = PackageExtractor.extract(found(forged), cache);
        Files.delete(tmp.resolve("jars/greet-1.0-linux-x86_64.jar"));
        Path good = PackageExtractor.extract(found(genuine), cache);
        assertFalse(good.equals(evil), "colliding checksums must not share a directory");
        assertEquals("greet library bytes", Files.readString(good.resolve("lib/libgreet.so.1.0.0")));
        assertEquals("EVIL library bytes!", Files.readString(evil.resolve("lib/libgreet.so.1.0.0")));
    }

    @Test
    void aLibraryChangedWhileItIsHashedIsNotStamped() throws Exception {
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        Path dir = PackageExtractor.extract(p, cache);
        Path lib = dir.resolve("lib/libgreetjni.so");
        // A stale stamp makes the next start hash the libraries; someone changes one right after it was hashed.
        Files.setLastModifiedTime(dir.resolve(VerifiedStamp.FILE_NAME), java.nio.file.attribute.FileTime.fromMillis(0));
        PackageExtractor.Hasher changingHasher = new PackageExtractor.Hasher() {
            @Override
            public String sha256(Path file) throws IOException {
                String hash = Sha256.of(file);
                if (file.equals(lib)) {
                    Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rw-------"));
                    Files.writeString(lib, "jni library BYTES"); // same size, other content
                }
                return hash;
            }
        };
        PackageExtractor.extract(p, cache, changingHasher);
        // The start that saw the change must not have stamped the changed file as verified: the next one hashes it,
        // finds it damaged and extracts the package again.
        PackageExtractor.extract(p, cache);
        assertEquals("jni library bytes", Files.readString(lib));
    }

    @Test
    void leftoversOfAnotherPackagesExtractionAreRemovedOnceADayOld() throws IOException {
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        Path group = Files.createDirectories(cache.resolve("dev.example"));
        // A JVM killed two days ago while extracting "dead"; "busy" is being extracted right now.
        Path dead = Files.createDirectories(group.resolve(".dead-1.0-linux-x86_64-0123.tmp-789"));
        Files.createDirectories(dead.resolve("lib"));
        Files.setLastModifiedTime(dead, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                - 2 * 24 * 60 * 60 * 1000L));
        Path busy = Files.createDirectories(group.resolve(".busy-1.0-linux-x86_64-4567.tmp-111"));
        Path dir = PackageExtractor.extract(p, cache);
        assertFalse(Files.exists(dead), "a day-old leftover is removed");
        assertTrue(Files.exists(busy), "a live extraction's directory stays");
        assertEquals(List.of(busy, dir), list(group));
    }

    @Test
    void everyValueOfOnDamageIsChecked() throws IOException {
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        Path dir = PackageExtractor.extract(p, cache);
        try {
            // A typo must not quietly mean "replace", and must be reported before any damage shows up.
            System.setProperty(Settings.CACHE_ON_DAMAGE.property(), "refsue");
            IOException e = assertThrows(IOException.class, () -> PackageExtractor.extract(p, cache));
            assertEquals("-Dnativelib.cache.onDamage=refsue is not valid; use replace (the default) or refuse",
                    e.getMessage());
            System.setProperty(Settings.CACHE_ON_DAMAGE.property(), "Refuse");
            Path lib = dir.resolve("lib/libgreetjni.so");
            Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(lib, "jni library BYTES");
            IOException refused = assertThrows(IOException.class, () -> PackageExtractor.extract(p, cache));
            assertTrue(refused.getMessage().contains("-Dnativelib.cache.onDamage=refuse forbids replacing it"),
                    refused.getMessage());
            assertEquals("jni library BYTES", Files.readString(lib), "Refuse means refuse, in any case");
        } finally {
            System.clearProperty(Settings.CACHE_ON_DAMAGE.property());
        }
    }

    @Test
    void temporaryStampsOfAKilledJvmArePruned() throws Exception {
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        Path dir = PackageExtractor.extract(p, cache);
        Path stale = Files.createFile(dir.resolve(VerifiedStamp.FILE_NAME + "-123.tmp"));
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                - 2 * 60 * 60 * 1000L));
        Path fresh = Files.createFile(dir.resolve(VerifiedStamp.FILE_NAME + "-456.tmp"));
        // A stale stamp makes the next start hash and stamp again.
        Files.setLastModifiedTime(dir.resolve(VerifiedStamp.FILE_NAME), java.nio.file.attribute.FileTime.fromMillis(0));
        PackageExtractor.extract(p, cache);
        assertFalse(Files.exists(stale), "an hour-old temporary stamp was left by a dead JVM");
        assertTrue(Files.exists(fresh), "a new one may be being written right now");
    }

    @Test
    void filesOfAnotherUserInsideTheRootAreNeverTrusted() throws Exception {
        // Left from a time the root was open to others (then "chmod 700"-ed as the error advised): a package
        // directory, library and stamp that belong to another user, whose stamp matches. Never reused as it is.
        FoundPackage p = found(greet());
        Path cache = tmp.resolve("cache");
        Path dir = PackageExtractor.extract(p, cache);
        Path lib = dir.resolve("lib/libgreetjni.so");
        try {
            for (Path owned : List.of(dir, lib, dir.resolve(VerifiedStamp.FILE_NAME))) {
                Files.setAttribute(owned, "unix:uid", 65534, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("changing owners needs root (CI runs as root): " + e);
        }
        int before = log.count(HASHING);
        assertEquals(dir, PackageExtractor.extract(p, cache));
        assertTrue(log.count(HASHING) > before, "the stamp of another user's files is not trusted");
        int self = (Integer) Files.getAttribute(cache, "unix:uid");
        assertEquals(self, Files.getAttribute(dir, "unix:uid"), "extracted again, as this user");
        assertEquals(self, Files.getAttribute(lib, "unix:uid"));
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
