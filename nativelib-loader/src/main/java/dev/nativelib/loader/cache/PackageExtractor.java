package dev.nativelib.loader.cache;

import dev.nativelib.loader.settings.Settings;
import dev.nativelib.loader.diagnostics.Log;
import dev.nativelib.loader.descriptor.AliasEntry;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.Sha256;
import dev.nativelib.loader.descriptor.SmallSha256;
import dev.nativelib.loader.discovery.FoundPackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Extracts a package's libraries into the cache so that each final directory is either complete and verified or
 * absent: files are written into a private temporary directory beside the target, checked against the
 * descriptor's sizes and SHA-256 hashes, flushed to disk, and only then renamed into place in one step. A file lock
 * per package ({@code <cache>/.locks/}) makes JVMs racing on a cold cache extract each package once; the others
 * wait, then reuse it.
 */
public final class PackageExtractor {

    private static final Map<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();
    private static final String REFUSE = "refuse";
    private static final String FULL = "full";
    private static final String TEMP_SUFFIX = ".tmp-";
    private static final String TRASH_SUFFIX = ".trash-";

    private PackageExtractor() {
    }

    /**
     * Returns the directory holding the package's verified files, extracting them first if needed.
     *
     * @param pkg       the package
     * @param root      the cache root (created if missing)
     * @return the package's directory; library {@code lib/x.so} is at {@code dir.resolve("lib/x.so")}
     * @throws IOException if extraction or verification fails
     */
    public static Path extract(FoundPackage pkg, Path root) throws IOException {
        return extract(pkg, root, FILE_HASHER);
    }

    /**
     * How a library already on disk is hashed when it is verified: by reading the file. Tests substitute one that
     * changes the file while it is being hashed.
     */
    interface Hasher {
        String sha256(Path file) throws IOException;
    }

    /** An anonymous class rather than a method reference, whose first use would bootstrap java.lang.invoke. */
    private static final Hasher FILE_HASHER = new Hasher() {
        @Override
        public String sha256(Path file) throws IOException {
            return Sha256.of(file);
        }
    };

    static Path extract(FoundPackage pkg, Path root, Hasher hasher) throws IOException {
        PackageDescriptor d = pkg.descriptor();
        // Validated on every extraction, not only when a damaged copy is found: a typo must not wait for an attack.
        boolean refuse = refuseDamage();
        Path cacheRoot = CacheDirectory.createChecked(root);
        Path parent = CacheDirectory.createPrivate(cacheRoot.resolve(d.groupId()));
        Path target = directory(pkg, cacheRoot);
        boolean full = fullVerification();
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            String problem = verifyCached(target, d, full, hasher);
            if (problem == null) {
                if (Log.debugging()) {
                    Log.debug("reusing verified " + target);
                }
                return target;
            }
            if (refuse) {
                throw new IOException("the cached copy of " + d.coordinates() + " in " + target + " was modified after"
                        + " extraction (" + problem + "), and -D" + Settings.CACHE_ON_DAMAGE.property() + "=refuse"
                        + " forbids replacing it; find out what changed it, then delete " + target);
            }
            Log.warning("cached copy of " + d.coordinates() + " is damaged (" + problem
                    + "); extracting it again");
        }
        // One extraction per package across threads (a JVM may hold a file lock only once) and across JVMs.
        synchronized (IN_PROCESS.computeIfAbsent(target, t -> new Object())) {
            Path locks = CacheDirectory.createPrivate(cacheRoot.resolve(".locks"));
            FileChannel lockFile = FileChannel.open(locks.resolve(d.groupId() + "-" + target.getFileName()
                    + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lock(lockFile);
            try {
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                        && verifyCached(target, d, full, hasher) == null) {
                    if (Log.debugging()) {
                        Log.debug("another process extracted " + target);
                    }
                    return target;
                }
                removeLeftovers(parent, target);
                return extractLocked(pkg, parent, target);
            } finally {
                lock.release();
                lockFile.close();
            }
        }
    }

    /**
     * @return whether {@code nativelib.cache.onDamage} says {@code refuse}
     * @throws IOException if it says anything but {@code replace} or {@code refuse} (in any case)
     */
    private static boolean refuseDamage() throws IOException {
        try {
            return Settings.CACHE_ON_DAMAGE.choice().equals(REFUSE);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Waits for the file lock. Another copy of this class in another class loader of the same JVM holding it shows as
     * OverlappingFileLockException rather than blocking, so that case is retried.
     */
    private static FileLock lock(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (true) {
            try {
                return channel.lock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                if (System.nanoTime() > deadline) {
                    // Not closed: POSIX record locks belong to the process, so closing any descriptor of the file
                    // would release the lock the other class loader holds. Kept open for the JVM's life instead.
                    ABANDONED_CHANNELS.add(channel);
                    throw new IOException("waited 5 minutes for another class loader of this JVM to finish"
                            + " extracting into the cache", e);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    ABANDONED_CHANNELS.add(channel);
                    throw new IOException("interrupted while waiting for the cache lock", ie);
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    /** Lock-file channels that must not be closed while another class loader of this JVM holds the lock. */
    private static final java.util.List<FileChannel> ABANDONED_CHANNELS =
            java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private static Path extractLocked(FoundPackage pkg, Path parent, Path target) throws IOException {
        PackageDescriptor d = pkg.descriptor();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            discard(target, parent);
        }
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + TEMP_SUFFIX);
        if (Log.debugging()) {
            Log.debug("extracting " + d.coordinates() + " from " + pkg.origin() + " into " + tmp);
        }
        try {
            for (LibraryEntry library : d.libraries()) {
                copyVerified(pkg, library, tmp.resolve(library.path()));
            }
            for (AliasEntry alias : d.aliases()) {
                createAlias(tmp, alias);
            }
            if (VerifiedStamp.supported()) {
                // Hashed while written into this private directory, which no one else can change.
                VerifiedStamp.write(tmp, VerifiedStamp.snapshot(tmp, d), true);
            }
            try {
                syncDirectory(tmp);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory(parent);
                if (Log.debugging()) {
                    Log.debug("extracted " + d.coordinates() + " from " + pkg.origin() + " to " + target);
                }
            } catch (IOException e) {
                // Another thread or JVM finished first (rename(2) onto a non-empty directory fails); its copy is as
                // good as ours once verified.
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
                String problem = verify(target, d, FILE_HASHER);
                if (problem != null) {
                    throw new IOException("cannot move " + tmp + " to " + target + " and the directory there is"
                            + " not a valid copy (" + problem + ")", e);
                }
            }
        } finally {
            Directories.deleteTree(tmp);
        }
        return target;
    }

    /**
     * @param pkg       a package
     * @param cacheRoot the cache root
     * @return the directory its verified files live in once extracted: named by coordinates, platform and the
     *         first 32 hex digits (128 bits) of the SHA-256 of its descriptor, so packages with different content
     *         never share one
     */
    public static Path directory(FoundPackage pkg, Path cacheRoot) {
        PackageDescriptor d = pkg.descriptor();
        return cacheRoot.resolve(d.groupId()).resolve(d.artifactId() + "-" + d.version() + "-" + d.classifier()
                + "-" + pkg.contentHash().substring(0, 32));
    }

    /**
     * Checks a package that is already on disk (an exploded class-path directory) so it can be loaded in place.
     *
     * @param dir the package root
     * @param d   its descriptor
     * @return {@code null} when every library's size and SHA-256 match the descriptor, else what does not
     * @throws IOException if a file cannot be read
     */
    public static String verifyInPlace(Path dir, PackageDescriptor d) throws IOException {
        return verifyLibraries(dir, d, FILE_HASHER);
    }

    /**
     * @return whether cached packages are hashed on every load ({@code nativelib.cache.verify}{@code =full}, an invalid
     *         value of it, or a file system without verified stamps), so that no shortcut may skip that
     */
    public static boolean verifiesFully() {
        try {
            return fullVerification();
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean fullVerification() throws IOException {
        String mode;
        try {
            mode = Settings.CACHE_VERIFY.choice();
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return mode.equals(FULL) || !VerifiedStamp.supported();
    }

    /**
     * Checks a package directory found in the cache: by its stamp when allowed and it matches (the stamp must name
     * the SHA-256s of this descriptor), else by hashing every library. A successful hash stamps the directory again,
     * so the next start is cheap once more, with the attributes read before hashing, and only when they are still
     * the same after it: a library changed meanwhile is not vouched for.
     *
     * @return {@code null} when it can be loaded, else what is wrong with it
     */
    private static String verifyCached(Path dir, PackageDescriptor d, boolean full, Hasher hasher)
            throws IOException {
        if (!full && VerifiedStamp.matches(dir, d) && aliasesPresent(dir, d) == null) {
            return null;
        }
        if (Log.debugging()) {
            Log.debug("hashing the libraries of " + dir + (full ? " (-Dnativelib.cache.verify=full)"
                    : " (no verified stamp vouches for them)"));
        }
        VerifiedStamp.Snapshot before = full || !VerifiedStamp.supported() ? null : snapshotOrNull(dir, d);
        String problem = verify(dir, d, hasher);
        if (problem != null || before == null) {
            return problem;
        }
        if (!before.equals(snapshotOrNull(dir, d))) {
            return "a library in " + dir + " changed while it was being verified";
        }
        try {
            VerifiedStamp.write(dir, before, false);
        } catch (IOException e) {
            if (Log.debugging()) {
                Log.debug("cannot stamp " + dir + ": " + e);
            }
        }
        return null;
    }

    /** A missing or unreadable library shows in the verification that follows, which names it. */
    private static VerifiedStamp.Snapshot snapshotOrNull(Path dir, PackageDescriptor d) {
        try {
            return VerifiedStamp.snapshot(dir, d);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Deletes what an extraction of {@code target} that died half-way (a JVM killed, a machine that lost power) left
     * behind. Called with the package's lock held, so no live extraction of it can be using these.
     */
    private static void removeLeftovers(Path parent, Path target) throws IOException {
        String tmpPrefix = "." + target.getFileName() + TEMP_SUFFIX;
        String trashPrefix = "." + target.getFileName() + TRASH_SUFFIX;
        try (java.util.stream.Stream<Path> entries = Files.list(parent)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(tmpPrefix) || n.startsWith(trashPrefix)) {
                    if (Log.debugging()) {
                        Log.debug("removing " + p + ", left by an interrupted extraction");
                    }
                    Directories.deleteTree(p);
                } else if (n.startsWith(".") && (n.contains(TEMP_SUFFIX) || n.contains(TRASH_SUFFIX))) {
                    removeIfAbandoned(p);
                }
            }
        }
    }

    /**
     * Deletes what an extraction of another package of the group left behind, once it is a day old: no extraction
     * runs that long. Decided by age rather than by taking that package's lock, because closing a second descriptor
     * of a lock file would release a lock another class loader of this JVM holds (POSIX record locks belong to the
     * process).
     */
    private static void removeIfAbandoned(Path leftover) {
        try {
            long age = System.currentTimeMillis()
                    - Files.getLastModifiedTime(leftover, LinkOption.NOFOLLOW_LINKS).toMillis();
            if (age > ABANDONED_MILLIS) {
                if (Log.debugging()) {
                    Log.debug("removing " + leftover + ", left a day ago or more by an interrupted extraction");
                }
                Directories.deleteTree(leftover);
            }
        } catch (IOException e) {
            // Gone meanwhile, or not ours to delete: left for a later extraction.
        }
    }

    /** Leftovers of another package's extraction older than this are removed. */
    private static final long ABANDONED_MILLIS = 24L * 60 * 60 * 1000;

    /**
     * @return {@code null} when every library matches the descriptor, else what does not
     */
    static String verify(Path dir, PackageDescriptor d, Hasher hasher) throws IOException {
        String problem = verifyLibraries(dir, d, hasher);
        return problem != null ? problem : aliasesPresent(dir, d);
    }

    private static String aliasesPresent(Path dir, PackageDescriptor d) {
        for (AliasEntry alias : d.aliases()) {
            if (!Files.exists(dir.resolve(alias.path()), LinkOption.NOFOLLOW_LINKS)) {
                return dir.resolve(alias.path()) + " is missing";
            }
        }
        return null;
    }

    private static String verifyLibraries(Path dir, PackageDescriptor d, Hasher hasher) throws IOException {
        String foreign = CacheDirectory.foreignOwner(dir);
        if (foreign != null) {
            return foreign;
        }
        for (LibraryEntry library : d.libraries()) {
            Path file = dir.resolve(library.path());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return file + " is missing";
            }
            foreign = CacheDirectory.foreignOwner(file);
            if (foreign != null) {
                return foreign;
            }
            long size = Files.size(file);
            if (size != library.size()) {
                return file + " has " + size + " bytes, expected " + library.size();
            }
            String hash = hasher.sha256(file);
            if (!hash.equals(library.sha256())) {
                return file + " has SHA-256 " + hash + ", expected " + library.sha256();
            }
        }
        return null;
    }

    private static void copyVerified(FoundPackage pkg, LibraryEntry library, Path dest) throws IOException {
        Files.createDirectories(dest.getParent());
        if (library.size() <= SmallSha256.MAX_BYTES) {
            copySmall(pkg, library, dest);
            return;
        }
        MessageDigest digest = Sha256.newDigest();
        long size = 0;
        try (InputStream in = pkg.open(library.path());
             FileChannel out = FileChannel.open(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (size + n > library.size()) {
                    throw tooLong(pkg, library);
                }
                digest.update(buffer, 0, n);
                ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
                size += n;
            }
            out.force(true);
        }
        String hash = Sha256.hex(digest);
        if (size != library.size() || !hash.equals(library.sha256())) {
            throw mismatch(pkg, library, size, hash);
        }
        if (CacheDirectory.posix()) {
            Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("r-x------"));
        }
    }

    /**
     * Copies a small library through memory and hashes it with {@link SmallSha256}: a cold start that extracts only
     * small libraries then never initialises {@code MessageDigest} (40-50 ms of a fresh JVM). Reads at most one byte
     * more than the declared size, which the descriptor caps.
     */
    private static void copySmall(FoundPackage pkg, LibraryEntry library, Path dest) throws IOException {
        byte[] bytes;
        try (InputStream in = pkg.open(library.path())) {
            bytes = in.readNBytes((int) library.size() + 1);
        }
        if (bytes.length > library.size()) {
            throw tooLong(pkg, library);
        }
        String hash = SmallSha256.of(bytes);
        if (bytes.length != library.size() || !hash.equals(library.sha256())) {
            throw mismatch(pkg, library, bytes.length, hash);
        }
        try (FileChannel out = FileChannel.open(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bb = ByteBuffer.wrap(bytes);
            while (bb.hasRemaining()) {
                out.write(bb);
            }
            out.force(true);
        }
        if (CacheDirectory.posix()) {
            Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("r-x------"));
        }
    }

    private static IOException tooLong(FoundPackage pkg, LibraryEntry library) {
        return new IOException(pkg.origin() + ": " + library.path() + " holds more than the " + library.size()
                + " bytes the descriptor of " + pkg.descriptor().coordinates() + " records; the JAR is damaged or was"
                + " modified after packaging");
    }

    private static IOException mismatch(FoundPackage pkg, LibraryEntry library, long size, String hash) {
        return new IOException(pkg.origin() + ": " + library.path() + " has " + size + " bytes and SHA-256 " + hash
                + ", but the descriptor of " + pkg.descriptor().coordinates() + " records " + library.size()
                + " bytes and " + library.sha256() + "; the JAR is damaged or was modified after packaging");
    }

    /** Makes a directory's entries durable, so a crash after the rename cannot leave a renamed but empty directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a directory (Windows); the files themselves are already forced.
        }
    }

    private static void createAlias(Path root, AliasEntry alias) throws IOException {
        Path link = root.resolve(alias.path());
        Files.createDirectories(link.getParent());
        // Never create a link through a directory that resolves outside the package (a link made earlier).
        if (!link.getParent().toRealPath().startsWith(root.toRealPath())) {
            throw new IOException("alias " + alias.path() + " would be created outside the package directory");
        }
        try {
            Files.createSymbolicLink(link, Paths.get(alias.target()));
        } catch (UnsupportedOperationException | IOException e) {
            // Windows without the symlink privilege: a copy serves the same purpose for loading.
            Files.copy(root.resolve(alias.resolvedTarget()), link);
        }
    }

    private static void discard(Path damaged, Path parent) throws IOException {
        Path trash = Files.createTempDirectory(parent, "." + damaged.getFileName() + TRASH_SUFFIX);
        Path moved = trash.resolve("d");
        Files.move(damaged, moved, StandardCopyOption.ATOMIC_MOVE);
        Directories.deleteTree(trash);
    }
}
