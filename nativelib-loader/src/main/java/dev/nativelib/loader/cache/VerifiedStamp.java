package dev.nativelib.loader.cache;

import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A record, kept beside a package's extracted files, of each library's SHA-256 and what the file system said about it
 * when that was checked (read before hashing, and written only if unchanged after it): size, inode, device,
 * modification time and status-change time ({@code ctime}). Hashing a library on every warm start costs far more than mapping it (measured on the CI machine: 570 ms for a 200 MB library
 * in a fresh JVM, 165 ms once the JIT has warmed up); comparing these fields costs well under a millisecond. Any
 * write, truncation, {@code chmod}, rename or replacement of a file after the stamp sets its {@code ctime} to the
 * current time (which a process cannot choose), so a file that still matches its stamp has not been changed through
 * the file system since it was verified. When anything differs, the caller hashes the file again.
 *
 * <p>File systems keep time in ticks (a few milliseconds on Linux, a second on HFS+), so a change made in the same
 * tick as the stamp could leave {@code ctime} unchanged. As git does for its index, a stamp therefore vouches only for
 * files whose last change is older than the stamp itself (compared at the file system's own resolution); a stamp
 * written in the same tick as a change is not trusted, and the next load hashes again. An extraction, which has just
 * written the files, waits for the tick to pass before it stamps them (milliseconds on Linux), so the first warm start
 * after it is already cheap.
 *
 * <p>Only where the file system reports {@code unix:ctime} and {@code unix:ino} (Linux, macOS); elsewhere every warm
 * start hashes.
 */
public final class VerifiedStamp {

    /** File name of the stamp inside a package's cache directory; never the name of a library. */
    static final String FILE_NAME = ".nativelib-verified";
    /** What a stamp records, plus the file's type, all read by one {@code lstat}. */
    private static final String ATTRIBUTES = "unix:size,ino,dev,lastModifiedTime,ctime,isRegularFile,uid";
    /** Format 2 records each library's SHA-256, so a stamp vouches only for the descriptor it was verified against. */
    private static final String HEADER = "nativelib-verified 2";
    /** How long an extraction waits at most for its stamp to be younger than the files (HFS+ ticks are 1 s). */
    private static final long SETTLE_MILLIS = 2500;
    /** Temporary stamps older than this were left by a JVM that died while writing one. */
    private static final long STALE_MILLIS = 60 * 60 * 1000L;

    private VerifiedStamp() {
    }

    /** @return whether this file system offers the fields a stamp needs */
    static boolean supported() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    }

    /**
     * What the file system says about a package's libraries now, as a stamp would record it. Taken before a
     * directory's libraries are hashed and again after: only when both agree may the first be written as the stamp
     * (git's racy-index rule), since a file changed while it was hashed would otherwise be vouched for with the
     * attributes of its new content.
     */
    static final class Snapshot {
        private final List<String> lines;
        private final FileTime newest;

        private Snapshot(List<String> lines, FileTime newest) {
            this.lines = lines;
            this.newest = newest;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot other && lines.equals(other.lines);
        }

        @Override
        public int hashCode() {
            return lines.hashCode();
        }
    }

    /**
     * @param dir a package directory
     * @param d   its descriptor
     * @return the attributes of every library of {@code d} in {@code dir}, bound to the SHA-256 the descriptor gives
     * @throws IOException if a library cannot be read (missing, say)
     */
    static Snapshot snapshot(Path dir, PackageDescriptor d) throws IOException {
        List<String> lines = new ArrayList<>();
        FileTime newest = null;
        for (LibraryEntry library : d.libraries()) {
            Map<String, Object> attributes = attributes(dir.resolve(library.path()));
            lines.add(line(library.path(), library.sha256(), attributes));
            FileTime changed = changed(attributes);
            newest = newest == null || changed.compareTo(newest) > 0 ? changed : newest;
        }
        return new Snapshot(lines, newest);
    }

    /**
     * Writes a stamp for a directory whose libraries were verified while {@code snapshot} held, through a temporary
     * file and a rename so that a reader never sees half a stamp.
     *
     * @param dir      the package directory
     * @param snapshot the libraries' attributes, read before they were hashed and found unchanged after
     * @param settle   whether to wait (a file system tick, at most {@value #SETTLE_MILLIS} ms) until the stamp is
     *                 younger than every library, so that it is trusted at once; without, a stamp written in the tick
     *                 of a change is simply not trusted
     * @throws IOException if the stamp cannot be written
     */
    static void write(Path dir, Snapshot snapshot, boolean settle) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(snapshot.lines);
        pruneTemporaries(dir);
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000L;
        while (true) {
            Path stamp = writeAtomically(dir, lines);
            if (!settle || snapshot.newest == null || Files.getLastModifiedTime(stamp, LinkOption.NOFOLLOW_LINKS)
                    .compareTo(snapshot.newest) > 0 || System.nanoTime() > deadline) {
                return;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Path writeAtomically(Path dir, List<String> lines) throws IOException {
        Path tmp = Files.createTempFile(dir, FILE_NAME + "-", ".tmp");
        try {
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            return Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes temporary stamps that a JVM killed while writing one left behind. */
    private static void pruneTemporaries(Path dir) {
        long cutoff = System.currentTimeMillis() - STALE_MILLIS;
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(dir, FILE_NAME + "-*.tmp")) {
            for (Path p : entries) {
                if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() < cutoff) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // Only tidying: a stamp is written all the same.
        }
    }

    /**
     * @param dir the package directory
     * @param d   its descriptor
     * @return whether a stamp exists and every library of {@code d} still matches it, with the SHA-256 {@code d}
     *         gives
     */
    static boolean matches(Path dir, PackageDescriptor d) {
        List<String> paths = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (LibraryEntry library : d.libraries()) {
            paths.add(library.path());
            hashes.add(library.sha256());
        }
        return vouchesFor(dir, paths, hashes);
    }

    /**
     * @param dir          a package directory in the cache
     * @param libraryPaths its libraries' paths inside it, in descriptor order
     * @param sha256s      the SHA-256 the descriptor being loaded gives each of them, in the same order
     * @return whether a stamp exists, lists exactly these libraries with these SHA-256s (compared as text: nothing is
     *         hashed), and every one of them still matches it, so that each still holds the content whose SHA-256 was
     *         verified when the stamp was written
     */
    public static boolean vouchesFor(Path dir, List<String> libraryPaths, List<String> sha256s) {
        String[] lines;
        FileTime stamped;
        try {
            Path stamp = dir.resolve(FILE_NAME);
            // Stamp, directory and libraries must be this user's: another user's files, left from a time the root
            // was open to others, are never trusted, whatever they say.
            Map<String, Object> stampAttributes = Files.readAttributes(stamp, "unix:uid,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            Map<String, Object> dirAttributes = Files.readAttributes(dir, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            if (!own(stampAttributes) || !own(dirAttributes) || ((Integer) dirAttributes.get("mode") & 0022) != 0) {
                return false;
            }
            stamped = (FileTime) stampAttributes.get("lastModifiedTime");
            // FileInputStream rather than Files.readAllLines: the readers and channels behind the latter are not in
            // the JDK's default CDS archive, and loading them would cost each warm start more than the check itself.
            // A stamp this loader wrote has a line of about 200 bytes per library.
            try (java.io.InputStream in = new java.io.FileInputStream(stamp.toFile())) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    return false;
                }
                lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (lines.length != libraryPaths.size() + 1 || !HEADER.equals(lines[0])) {
            return false;
        }
        try {
            for (int i = 0; i < libraryPaths.size(); i++) {
                String path = libraryPaths.get(i);
                Map<String, Object> attributes = attributes(dir.resolve(path));
                if (!Boolean.TRUE.equals(attributes.get("isRegularFile")) || !own(attributes)
                        || !lines[i + 1].equals(line(path, sha256s.get(i), attributes))
                        || changed(attributes).compareTo(stamped) >= 0) {
                    return false;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return true;
    }

    /** Whether a file belongs to the user the cache root was checked for. */
    private static boolean own(Map<String, Object> attributes) {
        int self = CacheDirectory.ownUid();
        return self < 0 || Integer.valueOf(self).equals(attributes.get("uid"));
    }

    /** The largest stamp read, in bytes: room for thousands of libraries. */
    private static final int MAX_BYTES = 1 << 20;

    private static String line(String path, String sha256, Map<String, Object> attributes) {
        return path + "\t" + sha256 + "\t" + fingerprint(attributes);
    }

    private static Map<String, Object> attributes(Path file) throws IOException {
        return Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }

    private static String fingerprint(Map<String, Object> a) {
        return a.get("size") + "\t" + a.get("ino") + "\t" + a.get("dev") + "\t" + nanos(a.get("lastModifiedTime"))
                + "\t" + nanos(a.get("ctime"));
    }

    /** The later of a file's status-change and modification times. */
    private static FileTime changed(Map<String, Object> a) {
        FileTime ctime = (FileTime) a.get("ctime");
        FileTime mtime = (FileTime) a.get("lastModifiedTime");
        return ctime.compareTo(mtime) >= 0 ? ctime : mtime;
    }

    private static String nanos(Object time) {
        FileTime t = (FileTime) time;
        java.time.Instant i = t.toInstant();
        String nanos = Integer.toString(i.getNano());
        return i.getEpochSecond() + "." + "0".repeat(9 - nanos.length()) + nanos;
    }
}
