package dev.nativelib.loader.cache;

import dev.nativelib.loader.settings.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheDirectoryTest {

    /** The uid of the {@code nobody} account, the other user of the cross-user tests. */
    static final int NOBODY = 65534;

    private static final Map<String, String> LINUX = Map.of("os.name", "Linux", "user.home", "/home/u");

    @Test
    void linuxUsesXdgCacheHomeOrDotCache() {
        assertEquals(Paths.get("/home/u/.cache/nativelib"), CacheDirectory.locate(LINUX, Map.of()));
        assertEquals(Paths.get("/xdg/nativelib"), CacheDirectory.locate(LINUX, Map.of("XDG_CACHE_HOME", "/xdg")));
        // The XDG spec says relative values are invalid and must be ignored.
        assertEquals(Paths.get("/home/u/.cache/nativelib"),
                CacheDirectory.locate(LINUX, Map.of("XDG_CACHE_HOME", "relative")));
    }

    @Test
    void macOsUsesLibraryCaches() {
        assertEquals(Paths.get("/Users/u/Library/Caches/nativelib"),
                CacheDirectory.locate(Map.of("os.name", "Mac OS X", "user.home", "/Users/u"), Map.of()));
    }

    @Test
    void windowsUsesLocalAppData() {
        Map<String, String> windows = Map.of("os.name", "Windows 11", "user.home", "/c/Users/u");
        assertEquals(Paths.get("/c/Users/u/AppData/Local/nativelib/cache"), CacheDirectory.locate(windows, Map.of()));
        assertEquals(Paths.get("/lad/nativelib/cache"),
                CacheDirectory.locate(windows, Map.of("LOCALAPPDATA", "/lad")));
    }

    @TempDir
    Path tmp;

    @Test
    void createsAPrivateRootAndAcceptsAReadableOne() throws IOException {
        Path root = tmp.resolve("a/b/cache");
        CacheDirectory.createChecked(root);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        Path shared = Files.createDirectories(tmp.resolve("readable"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(shared, CacheDirectory.createChecked(shared));
        assertEquals(java.util.List.of(), java.util.List.of(shared.toFile().list()), "the probe file is removed");
    }

    @Test
    void worldOrGroupWritableRootIsRefused() throws IOException {
        Path open = Files.createDirectories(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> CacheDirectory.createChecked(open));
        assertEquals("the cache directory " + open.toRealPath() + " is writable by every user (mode rwxrwxrwx), so"
                + " another user could replace a library before it is loaded. Make it private (chmod 700 "
                + open.toRealPath() + ") or choose another directory with -Dnativelib.cache.dir or NATIVELIB_CACHE_DIR",
                e.getMessage());
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwx---"));
        assertEquals(true, org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> CacheDirectory.createChecked(open)).getMessage().contains("is writable by its group (mode"
                + " rwxrwx---)"));
    }

    @Test
    void rootOwnedByAnotherUserIsRefused() throws IOException {
        Path theirs = Files.createDirectories(tmp.resolve("theirs"));
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
        try {
            Files.setAttribute(theirs, "unix:uid", 4242);
        } catch (IOException e) {
            Assumptions.abort("changing a directory's owner needs root (CI runs as root): " + e.getMessage());
        }
        // As root the probe file still gets our uid, which is not 4242.
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> CacheDirectory.createChecked(theirs));
        assertEquals(true, e.getMessage().startsWith("the cache directory " + theirs.toRealPath() + " is owned by uid"
                + " 4242, not by this user (uid "), e.getMessage());
    }

    @Test
    void aRootInsideADirectoryOthersCanWriteIsRefused() throws IOException {
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path root = shared.resolve("cache");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> CacheDirectory.createChecked(root));
        Path real = shared.toRealPath().resolve("cache");
        assertEquals("the cache directory " + real + " is inside " + shared.toRealPath() + ", which every user can"
                + " write (mode rwxrwxrwx, no sticky bit): that user could rename " + real + " away and put a directory"
                + " of their own in its place. Choose a directory of your own with -Dnativelib.cache.dir or"
                + " NATIVELIB_CACHE_DIR", e.getMessage());
        // Two levels up counts as much as one.
        IOException deeper = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> CacheDirectory.createChecked(shared.resolve("a/b/cache")));
        assertTrue(deeper.getMessage().contains(" is inside " + shared.toRealPath() + ", which every user can"),
                deeper.getMessage());
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwx---"));
        IOException group = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> CacheDirectory.createChecked(root));
        assertTrue(group.getMessage().contains(", which the users of its group (gid "), group.getMessage());
        assertTrue(group.getMessage().contains(") can write (mode rwxrwx---, no sticky bit)"), group.getMessage());
    }

    @Test
    void aStickyDirectoryLikeTmpIsASafeAncestor() throws Exception {
        Path sticky = Files.createDirectories(tmp.resolve("sticky"));
        Process p = new ProcessBuilder("chmod", "1777", sticky.toString()).start();
        assertEquals(0, p.waitFor());
        Path root = sticky.resolve("nativelib-me");
        assertEquals(sticky.toRealPath().resolve("nativelib-me"), CacheDirectory.createChecked(root));
    }

    @Test
    void aRootInsideADirectoryOfAnotherUserIsRefused() throws IOException {
        Path theirs = Files.createDirectories(tmp.resolve("theirs-home"));
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path root = Files.createDirectories(theirs.resolve("cache"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        try {
            Files.setAttribute(theirs, "unix:uid", NOBODY);
        } catch (IOException e) {
            Assumptions.abort("changing a directory's owner needs root (CI runs as root): " + e.getMessage());
        }
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> CacheDirectory.createChecked(root));
        assertTrue(e.getMessage().startsWith("the cache directory " + root.toRealPath() + " is inside "
                + theirs.toRealPath() + ", which is owned by uid " + NOBODY + ", neither this user (uid "),
                e.getMessage());
    }

    @Test
    void aRootReplacedAfterItWasCheckedIsCheckedAgain() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("parent"));
        Path root = parent.resolve("cache");
        Path real = CacheDirectory.createChecked(root);
        assertEquals(real, CacheDirectory.createChecked(root), "unchanged: accepted again");
        // The directory is renamed away and another put in its place, and the parent was opened up meanwhile:
        // a check remembered by path alone would still accept it.
        Files.move(root, parent.resolve("moved-away"));
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> CacheDirectory.createChecked(root));
        assertTrue(e.getMessage().contains(" is inside " + parent.toRealPath() + ", which every user can write"),
                e.getMessage());
    }

    @Test
    void theChainFallsThroughRefusedRootsAndNamesEachWithItsReason() throws IOException {
        Path shared = Files.createDirectories(tmp.resolve("open-parent"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path good = tmp.resolve("good/cache");
        java.util.List<Path> chain = java.util.List.of(shared.resolve("cache"), file.resolve("cache"), good);
        assertEquals(tmp.toRealPath().resolve("good/cache"), CacheDirectory.usable(chain));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> CacheDirectory.usable(chain.subList(0, 2)));
        assertEquals("no usable cache directory; tried:\n  " + shared.resolve("cache") + ": the cache directory "
                + shared.toRealPath().resolve("cache") + " is inside " + shared.toRealPath() + ", which every user can"
                + " write (mode rwxrwxrwx, no sticky bit): that user could rename " + shared.toRealPath()
                .resolve("cache") + " away and put a directory of their own in its place. Choose a directory of your"
                + " own with -Dnativelib.cache.dir or NATIVELIB_CACHE_DIR\n  " + file.resolve("cache")
                + ": cannot create or use " + file + ": exists and is not a directory\nSet"
                + " -Dnativelib.cache.dir=<dir> (or NATIVELIB_CACHE_DIR) to a directory of your own on a file system"
                + " that allows executing code", e.getMessage());
    }

    @Test
    void fallbackChainFollowsTheDefaultButNotAnExplicitChoice() {
        Map<String, String> props = Map.of("os.name", "Linux", "user.home", "/home/u", "java.io.tmpdir", "/tmp",
                "user.name", "u");
        assertEquals(java.util.List.of(Paths.get("/home/u/.cache/nativelib"), Paths.get("/run/user/1000/nativelib"),
                Paths.get("/tmp/nativelib-u")), CacheDirectory.candidates(props, Map.of("XDG_RUNTIME_DIR",
                "/run/user/1000")));
        assertEquals(java.util.List.of(Paths.get("/mine")), CacheDirectory.candidates(props,
                Map.of(Settings.CACHE_DIR.environment(), "/mine", "XDG_RUNTIME_DIR", "/run/user/1000")));
    }

    @Test
    void noexecMountsAreRecognised() {
        java.util.List<String> mountinfo = java.util.List.of(
                "27 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw",
                "30 27 0:25 / /tmp rw,nosuid,nodev,noexec,relatime - tmpfs tmpfs rw",
                "31 30 0:26 / /tmp/exec\\040ok rw,relatime - tmpfs tmpfs rw");
        assertEquals(true, MountTable.noexec(Paths.get("/tmp/cache"), mountinfo));
        assertEquals(false, MountTable.noexec(Paths.get("/home/u/.cache"), mountinfo));
        assertEquals(false, MountTable.noexec(Paths.get("/tmp/exec ok/cache"), mountinfo), "the longest mount wins");
    }

    @Test
    void symbolicLinkRootOwnedByAnotherUserIsRefused() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("target"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(tmp.resolve("nativelib-victim"), target);
        try {
            Files.setAttribute(link, "unix:uid", 4242, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("changing a link's owner needs root (CI runs as root): " + e.getMessage());
        }
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> CacheDirectory.createChecked(link));
        assertEquals(true, e.getMessage().startsWith("the cache directory " + link + " is a symbolic link owned by"
                + " uid 4242, not by this user"), e.getMessage());
    }

    @Test
    void ownSymbolicLinkIsFollowedAndTheRealPathUsed() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("disk/cache"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(tmp.resolve("cache-link"), target);
        assertEquals(target.toRealPath(), CacheDirectory.createChecked(link));
    }

    @Test
    void aRealNoexecMountIsRefusedWithTheReason() throws Exception {
        Path mount = Files.createDirectories(tmp.resolve("noexec"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "noexec,size=4m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor() == 0, "mounting a tmpfs needs root (CI runs as root): " + out);
        try {
            Path cache = mount.resolve("cache");
            System.setProperty(Settings.CACHE_DIR.property(), cache.toString());
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, CacheDirectory::usable);
            assertEquals("no usable cache directory; tried:\n  " + cache + ": on a noexec mount, where libraries"
                    + " cannot be mapped as code\nSet -Dnativelib.cache.dir=<dir> (or NATIVELIB_CACHE_DIR) to a"
                    + " directory of your own on a file system that allows executing code", e.getMessage());
        } finally {
            System.clearProperty(Settings.CACHE_DIR.property());
            new ProcessBuilder("umount", mount.toString()).start().waitFor();
        }
    }

    @Test
    void aCacheThatCannotMapCodeAtLoadTimeIsLeftForTheNextInTheChain() throws Exception {
        // The mount table said the first directory was fine when it was chosen; then a noexec file system was
        // mounted over it, so only the dynamic loader's own error ("failed to map segment") can tell.
        Path jar = dev.nativelib.loader.TestPackages.of("dev.example", "remounted", "1.0", "linux-x86_64")
                .libraryFile("lib/libbase.so.1", dev.nativelib.loader.binary.Fixtures.path("elf/libbase.so.1"))
                .writeJar(Files.createDirectories(tmp.resolve("jars")));
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Dnativelib.platform=linux-x86_64",
                "-Djava.io.tmpdir=" + Files.createDirectories(tmp.resolve("javatmp")), "-cp",
                System.getProperty("java.class.path"), RemountInChild.class.getName(), jar.toString(), "base");
        pb.environment().remove(Settings.CACHE_DIR.environment());
        pb.environment().put("XDG_CACHE_HOME", tmp.resolve("xdg").toString());
        pb.environment().put("XDG_RUNTIME_DIR", Files.createDirectories(tmp.resolve("run")).toString());
        Process child = pb.redirectErrorStream(true).start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        String chosen = out.readLine();
        Path first = tmp.resolve("xdg/nativelib").toRealPath();
        assertEquals("chosen=" + first, chosen);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "noexec,mode=0700,size=4m", "tmpfs",
                first.toString()).redirectErrorStream(true).start();
        String mountOut = new String(mount.getInputStream().readAllBytes());
        if (mount.waitFor() != 0) {
            child.destroyForcibly();
            Assumptions.abort("mounting a tmpfs needs root (CI runs as root): " + mountOut);
        }
        try {
            child.getOutputStream().write('\n');
            child.getOutputStream().flush();
            String rest = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, child.waitFor(), rest);
            Path second = tmp.resolve("run/nativelib").toRealPath();
            assertTrue(rest.contains("WARNING: cannot map libraries extracted into " + first + " ("), rest);
            assertTrue(rest.contains("failed to map segment from shared object); trying the next cache directory"),
                    rest);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("path=(.*)").matcher(rest);
            assertTrue(m.find(), rest);
            assertTrue(Paths.get(m.group(1).trim()).startsWith(second), rest);
        } finally {
            new ProcessBuilder("umount", first.toString()).start().waitFor();
        }
    }

    @Test
    void aFullCacheFileSystemIsLeftForTheNextInTheChain() throws Exception {
        // The first root is on a 64 KB file system: the 256 KB library does not fit (ENOSPC).
        byte[] base = Files.readAllBytes(dev.nativelib.loader.binary.Fixtures.path("elf/libbase.so.1"));
        Path jar = dev.nativelib.loader.TestPackages.of("dev.example", "big", "1.0", "linux-x86_64")
                .libraryBytes("lib/libbase.so.1", java.util.Arrays.copyOf(base, 256 * 1024))
                .writeJar(Files.createDirectories(tmp.resolve("jars")));
        Path xdg = Files.createDirectories(tmp.resolve("xdg"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "mode=0700,size=64k", "tmpfs",
                xdg.toString()).redirectErrorStream(true).start();
        String mountOut = new String(mount.getInputStream().readAllBytes());
        Assumptions.assumeTrue(mount.waitFor() == 0, "mounting a tmpfs needs root (CI runs as root): " + mountOut);
        try {
            String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(javaBin, "-Dnativelib.platform=linux-x86_64",
                    "-Djava.io.tmpdir=" + Files.createDirectories(tmp.resolve("javatmp")), "-cp",
                    System.getProperty("java.class.path"), LoadInChild.class.getName(), jar.toString(), "base");
            pb.environment().remove(Settings.CACHE_DIR.environment());
            pb.environment().put("XDG_CACHE_HOME", xdg.toString());
            pb.environment().put("XDG_RUNTIME_DIR", Files.createDirectories(tmp.resolve("run")).toString());
            Process child = pb.redirectErrorStream(true).start();
            String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, child.waitFor(), out);
            Path first = xdg.toRealPath().resolve("nativelib");
            assertTrue(out.contains("WARNING: cannot extract dev.example:big:1.0 into " + first + " ("), out);
            assertTrue(out.contains("No space left on device); trying the next cache directory"), out);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("path=(.*)").matcher(out);
            assertTrue(m.find(), out);
            assertTrue(Paths.get(m.group(1).trim()).startsWith(tmp.resolve("run/nativelib").toRealPath()), out);
        } finally {
            new ProcessBuilder("umount", xdg.toString()).start().waitFor();
        }
    }

    @Test
    void aRejectedCacheIsNamedWithItsReasonWhenNoOtherIsLeft() throws IOException {
        Path cache = tmp.resolve("rejected");
        System.setProperty(Settings.CACHE_DIR.property(), cache.toString());
        try {
            Path root = CacheDirectory.usable();
            CacheDirectory.reject(root, "libraries extracted there could not be mapped as code (boom)");
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, CacheDirectory::usable);
            assertEquals("no usable cache directory; tried:\n  " + cache + ": libraries extracted there could not be"
                    + " mapped as code (boom)\nSet -Dnativelib.cache.dir=<dir> (or NATIVELIB_CACHE_DIR) to a"
                    + " directory of your own on a file system that allows executing code", e.getMessage());
        } finally {
            System.clearProperty(Settings.CACHE_DIR.property());
        }
    }

    @Test
    void propertyBeatsEnvironmentBeatsConvention() {
        Map<String, String> props = Map.of("os.name", "Linux", "user.home", "/home/u",
                Settings.CACHE_DIR.property(), "/from/property");
        Map<String, String> env = Map.of(Settings.CACHE_DIR.environment(), "/from/env", "XDG_CACHE_HOME", "/xdg");
        assertEquals(Paths.get("/from/property"), CacheDirectory.locate(props, env));
        assertEquals(Paths.get("/from/env"), CacheDirectory.locate(LINUX, env));
    }

    @Test
    void theOwnerToCheckAgainstIsTheFileSystemUidOfProcStatus() {
        // Real, effective, saved set and file-system uid: files are created as the last.
        assertEquals(1004, CacheDirectory.uidField("Name:\tjava\nUmask:\t0022\nUid:\t1000\t1002\t1003\t1004\n"
                + "Gid:\t5\t5\t5\t5\n"));
        assertEquals(0, CacheDirectory.uidField("Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"));
        assertEquals(-1, CacheDirectory.uidField("Name:\tjava\nGid:\t5\t5\t5\t5\n"), "no Uid line");
        assertEquals(-1, CacheDirectory.uidField("Uid:\t1000\t1000\n"), "too few fields");
        assertEquals(-1, CacheDirectory.uidField("Uid:\t1000\t1000\tx\t1000\n"), "not a number");
    }
}
