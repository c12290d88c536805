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
 * A record, kept beside a package's extracted files, of what the file system said about each library right after its
 * SHA-256 was checked: size, inode, device, modification time and status-change time ({@code ctime}). Hashing a
 * library on every warm start costs far more than mapping it (measured on the CI machine: 570 ms for a 200 MB library
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
    private static final String ATTRIBUTES = "unix:size,ino,dev,lastModifiedTime,ctime,isRegularFile";
    private static final String HEADER = "nativelib-verified 1";
    /** How long an extraction waits at most for its stamp to be younger than the files (HFS+ ticks are 1 s). */
    private static final long SETTLE_MILLIS = 2500;

    private VerifiedStamp() {
    }

    /** @return whether this file system offers the fields a stamp needs */
    static boolean supported() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    }

    /**
     * Writes the stamp for a directory whose libraries were just verified, through a temporary file and a rename so
     * that a reader never sees half a stamp.
     *
     * @param dir    the package directory
     * @param d      its descriptor
     * @param settle whether to wait (a file system tick, at most {@value #SETTLE_MILLIS} ms) until the stamp is younger
     *               than every library, so that it is trusted at once; without, a stamp written in the tick of a
     *               change is simply not trusted
     * @throws IOException if a file cannot be read or the stamp written
     */
    static void write(Path dir, PackageDescriptor d, boolean settle) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        FileTime newest = null;
        for (LibraryEntry library : d.libraries()) {
            Map<String, Object> attributes = attributes(dir.resolve(library.path()));
            lines.add(library.path() + "\t" + fingerprint(attributes));
            FileTime changed = changed(attributes);
            newest = newest == null || changed.compareTo(newest) > 0 ? changed : newest;
        }
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000L;
        while (true) {
            Path stamp = writeAtomically(dir, lines);
            if (!settle || newest == null || Files.getLastModifiedTime(stamp, LinkOption.NOFOLLOW_LINKS)
                    .compareTo(newest) > 0 || System.nanoTime() > deadline) {
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

    /**
     * @param dir the package directory
     * @param d   its descriptor
     * @return whether a stamp exists and every library of {@code d} still matches it
     */
    static boolean matches(Path dir, PackageDescriptor d) {
        List<String> paths = new ArrayList<>();
        for (LibraryEntry library : d.libraries()) {
            paths.add(library.path());
        }
        return vouchesFor(dir, paths);
    }

    /**
     * @param dir          a package directory in the cache
     * @param libraryPaths its libraries' paths inside it, in descriptor order
     * @return whether a stamp exists, lists exactly these libraries, and every one of them still matches it (so each
     *         still holds the content whose SHA-256 was verified when the stamp was written)
     */
    public static boolean vouchesFor(Path dir, List<String> libraryPaths) {
        String[] lines;
        FileTime stamped;
        try {
            Path stamp = dir.resolve(FILE_NAME);
            stamped = Files.getLastModifiedTime(stamp, LinkOption.NOFOLLOW_LINKS);
            // FileInputStream rather than Files.readAllLines: the readers and channels behind the latter are not in
            // the JDK's default CDS archive, and loading them would cost each warm start more than the check itself.
            try (java.io.InputStream in = new java.io.FileInputStream(stamp.toFile())) {
                lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
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
                if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))
                        || !lines[i + 1].equals(path + "\t" + fingerprint(attributes))
                        || changed(attributes).compareTo(stamped) >= 0) {
                    return false;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return true;
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
