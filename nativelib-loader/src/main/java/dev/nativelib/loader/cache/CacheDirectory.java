package dev.nativelib.loader.cache;

import dev.nativelib.loader.settings.Settings;
import dev.nativelib.loader.text.Chars;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-user directory that native packages are extracted into. Never a shared, predictable temp path: another
 * user who can write there could plant a library that we would then load.
 *
 * <p>Resolution order: system property {@code nativelib.cache.dir}, environment variable
 * {@code NATIVELIB_CACHE_DIR}, then the
 * platform's cache convention: {@code $XDG_CACHE_HOME/nativelib} or {@code ~/.cache/nativelib} on Linux and other
 * Unix systems, {@code ~/Library/Caches/nativelib} on macOS, {@code %LOCALAPPDATA%\nativelib\cache} on Windows.
 */
public final class CacheDirectory {

    /** The settings naming the cache directory, as messages name them. */
    private static final String PROPERTY = Settings.CACHE_DIR.property();
    private static final String ENVIRONMENT = Settings.CACHE_DIR.environment();

    /** {@code rwx------}; built on first use, as loading the permission classes costs a warm start time. */
    static Set<PosixFilePermission> privateDir() {
        return java.util.EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
    }

    /** The root {@link #usable()} chose for each list of candidates, so the search runs once per JVM. */
    private static final Map<List<Path>, Path> CHOSEN = new java.util.concurrent.ConcurrentHashMap<>();

    /** Roots that turned out unusable only when a library in them failed to load, with the reason. */
    private static final Map<Path, String> REJECTED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Roots already checked in this JVM, so later loads pay one {@code lstat} of the root, not the whole check. */
    private static final Map<Path, Path> CHECKED = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * The device and inode of each checked root's real path when it passed ({@code ""} where the file system has no
     * such attributes). Two maps rather than one of a small class: a fresh JVM pays for each class it loads.
     */
    private static final Map<Path, String> IDENTITY = new java.util.concurrent.ConcurrentHashMap<>();

    /** The uid this process creates files as, once a root has been checked; -1 before, or without POSIX. */
    private static volatile int ownUid = -1;

    private CacheDirectory() {
    }

    /**
     * The cache root to use: the configured one ({@code nativelib.cache.dir} / {@code NATIVELIB_CACHE_DIR}) if set,
     * else the first
     * usable of the platform's cache directory, {@code $XDG_RUNTIME_DIR/nativelib} and a private
     * {@code <java.io.tmpdir>/nativelib-<user>}. Usable means it can be created, is private to this user (see
     * {@link #createChecked}) and, on Linux, is not on a {@code noexec} mount.
     *
     * @return a usable cache root, created
     * @throws IOException naming every directory tried and why each was rejected
     */
    public static Path usable() throws IOException {
        return usable(candidates());
    }

    /**
     * @param candidates the directories to try, in order
     * @return the first usable one, created; the one chosen before for the same list if it is still the directory
     *         that was checked (same device and inode)
     * @throws IOException naming every directory tried and why each was rejected
     */
    static Path usable(List<Path> candidates) throws IOException {
        Path chosen = CHOSEN.get(candidates);
        if (chosen != null) {
            try {
                return createChecked(chosen);
            } catch (IOException e) {
                // Replaced or made unsafe since it was chosen: choose again, and say why if nothing else is left.
                CHOSEN.remove(candidates);
            }
        }
        List<String> problems = new ArrayList<>();
        for (Path candidate : candidates) {
            try {
                Path real = createChecked(candidate);
                String rejected = REJECTED.get(real);
                if (rejected != null) {
                    problems.add(candidate + ": " + rejected);
                    continue;
                }
                if (MountTable.noexec(real)) {
                    problems.add(candidate + ": on a noexec mount, where libraries cannot be mapped as code");
                    continue;
                }
                CHOSEN.put(candidates, real);
                return real;
            } catch (IOException | RuntimeException e) {
                problems.add(candidate + ": " + reason(e));
            }
        }
        throw new IOException("no usable cache directory; tried:\n  " + String.join("\n  ", problems)
                + "\nSet -D" + PROPERTY + "=<dir> (or " + ENVIRONMENT + ") to a directory of your own on a file system"
                + " that allows executing code");
    }

    /**
     * What went wrong, in words: the JDK's file-system exceptions often carry nothing but the path in their message
     * ({@code AccessDeniedException: /x}), which, after the directory's own name, would say nothing.
     *
     * @param e a failure to create or check a directory
     * @return a reason that names the path and what is wrong with it
     */
    static String reason(Exception e) {
        if (e instanceof java.nio.file.FileSystemException f && (f.getReason() == null || f.getReason().isEmpty())) {
            String file = f.getFile();
            String what = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "exists and is not a directory"
                    : e instanceof java.nio.file.NoSuchFileException ? "does not exist"
                    : e instanceof java.nio.file.NotDirectoryException ? "is not a directory"
                    : e instanceof java.nio.file.NotLinkException ? "is not a symbolic link"
                    : e instanceof java.nio.file.DirectoryNotEmptyException ? "is not empty"
                    : e.getClass().getSimpleName();
            return "cannot create or use " + file + ": " + what;
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return "cannot create or use " + f.getFile() + ": " + f.getReason();
        }
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    /**
     * Takes a cache root out of use for the rest of this JVM's life, because the dynamic loader could not map a
     * library extracted there although the root passed every check (a mount made {@code noexec} after it was chosen,
     * a security module's policy, a file system the mount table does not describe). {@link #usable()} then moves on
     * to the next candidate, and names this one and {@code reason} if none is left.
     *
     * @param root   a root {@link #usable()} returned
     * @param reason why it failed, for the error that lists what was tried
     */
    public static void reject(Path root, String reason) {
        REJECTED.put(root, reason);
        CHOSEN.values().removeIf(root::equals);
    }

    /**
     * @return the directories {@link #usable()} tries, in order, for this JVM's settings; not created or checked
     */
    public static List<Path> candidates() {
        // Only the properties that decide, rather than a copy of all of them: this runs in every start.
        Map<String, String> props = new java.util.HashMap<>();
        for (String name : new String[] {PROPERTY, "user.home", "os.name", "java.io.tmpdir", "user.name"}) {
            String value = System.getProperty(name);
            if (value != null) {
                props.put(name, value);
            }
        }
        return candidates(props, System.getenv());
    }

    /**
     * @return the uid this process creates files as, known once a root passed {@link #createChecked}; -1 before that
     *         or where the file system has no owners. Everything in the cache must belong to it: a file of another
     *         user (made while the root was open to others, say) is never trusted.
     */
    public static int ownUid() {
        return ownUid;
    }

    /**
     * @param path a file or directory in a checked cache root
     * @return {@code null} when it belongs to this user (or the file system has no owners), else a sentence saying
     *         whose it is: a file another user made there, while the root was open to others, is never trusted
     * @throws IOException if its owner cannot be read
     */
    public static String foreignOwner(Path path) throws IOException {
        int self = ownUid;
        if (self < 0) {
            return null;
        }
        int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return owner == self ? null : path + " belongs to uid " + owner + ", not to this user (uid " + self + ")";
    }

    /**
     * @param root a checked cache root
     * @return whether it lies on a {@code noexec} mount, where {@link #usable()} would pass it by
     */
    public static boolean noexec(Path root) {
        return MountTable.noexec(root);
    }

    /**
     * @param root a cache root
     * @return whether {@link #reject} took it out of use in this JVM
     */
    public static boolean rejected(Path root) {
        return REJECTED.containsKey(root);
    }

    /**
     * @param properties  system properties
     * @param environment environment variables
     * @return the directories to try, in order: only the configured one when one is configured
     */
    static List<Path> candidates(Map<String, String> properties, Map<String, String> environment) {
        Path first = locate(properties, environment);
        if (nonBlank(properties.get(PROPERTY)) != null || nonBlank(environment.get(ENVIRONMENT)) != null) {
            return List.of(first);
        }
        List<Path> out = new ArrayList<>(List.of(first));
        String runtime = nonBlank(environment.get("XDG_RUNTIME_DIR"));
        if (runtime != null && Paths.get(runtime).isAbsolute()) {
            out.add(Paths.get(runtime, "nativelib"));
        }
        String tmp = nonBlank(properties.get("java.io.tmpdir"));
        if (tmp != null) {
            String user = Chars.replaceOthers(properties.getOrDefault("user.name", "user"), "._-", '_');
            // A predictable name is safe here only because createChecked refuses one that another user made.
            out.add(Paths.get(tmp, "nativelib-" + user).toAbsolutePath());
        }
        return out;
    }

    /**
     * @return the cache root for this JVM's user and platform, not yet created
     */
    public static Path locate() {
        return locate(System.getProperties().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue()))), System.getenv());
    }

    /**
     * @param properties system properties
     * @param environment environment variables
     * @return the cache root those settings select
     */
    static Path locate(Map<String, String> properties, Map<String, String> environment) {
        String explicit = nonBlank(properties.get(PROPERTY));
        if (explicit == null) {
            explicit = nonBlank(environment.get(ENVIRONMENT));
        }
        if (explicit != null) {
            return Paths.get(explicit).toAbsolutePath();
        }
        String home = properties.getOrDefault("user.home", "");
        String os = properties.getOrDefault("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = nonBlank(environment.get("LOCALAPPDATA"));
            return (local != null ? Paths.get(local) : Paths.get(home, "AppData", "Local"))
                    .resolve("nativelib").resolve("cache");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return Paths.get(home, "Library", "Caches", "nativelib");
        }
        String xdg = nonBlank(environment.get("XDG_CACHE_HOME"));
        if (xdg != null && Paths.get(xdg).isAbsolute()) {
            return Paths.get(xdg, "nativelib");
        }
        return Paths.get(home, ".cache", "nativelib");
    }

    /**
     * Creates a directory (and missing parents) readable only by this user where the file system supports POSIX
     * permissions.
     *
     * @param dir the directory
     * @return {@code dir}
     * @throws IOException if it cannot be created
     */
    public static Path createPrivate(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createPrivate(parent);
        }
        try {
            if (posix()) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(privateDir()));
            } else {
                Files.createDirectory(dir);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
        return dir;
    }

    /**
     * Creates the cache root if needed and refuses one that another user could tamper with, as OpenSSH's
     * {@code StrictModes} does for {@code ~/.ssh}: the root must be owned by this user and writable by nobody else,
     * and every directory above it, up to {@code /}, owned by this user or root and writable by neither group nor
     * others unless it has the sticky bit (as {@code /tmp} has), since whoever can write a directory can rename what is
     * in it and put something else in its place. Libraries in the root are loaded into this process, so whoever can
     * change it can run code as this user.
     *
     * <p>The root's identity (device and inode) is recorded when it passes, and compared on every later call, which
     * every extraction, reuse of an extracted package and replay of a load plan makes: a root replaced since it was
     * checked is checked again from scratch.
     *
     * @param root the cache root
     * @return {@code root}'s real path
     * @throws IOException if it cannot be created, or is unsafe; the message says why and how to fix it
     */
    public static Path createChecked(Path root) throws IOException {
        Path known = CHECKED.get(root);
        if (known != null && unchanged(known, IDENTITY.get(root))) {
            return known;
        }
        CHECKED.remove(root);
        createPrivate(root);
        if (!posix()) {
            IDENTITY.put(root, "");
            CHECKED.put(root, root);
            return root;
        }
        Path real = root.toRealPath();
        int self = currentUid(real);
        ownUid = self;
        if (Files.isSymbolicLink(root)) {
            // A link in a shared directory (the tmp fallback) could be re-pointed later by whoever owns it.
            int linkOwner = (Integer) Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (linkOwner != self) {
                throw new IOException("the cache directory " + root + " is a symbolic link owned by uid " + linkOwner
                        + ", not by this user (uid " + self + "), who could re-point it. Choose a directory of your"
                        + " own with -D" + PROPERTY + " or " + ENVIRONMENT);
            }
        }
        Map<String, Object> attributes = Files.readAttributes(real, "unix:mode,uid,dev,ino", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attributes.get("mode");
        if ((mode & 0022) != 0) {
            throw new IOException("the cache directory " + real + " is writable by "
                    + ((mode & 0002) != 0 ? "every user" : "its group") + " (mode "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(real)) + "), so another user could"
                    + " replace a library before it is loaded. Make it private (chmod 700 " + real + ") or choose"
                    + " another directory with -D" + PROPERTY + " or " + ENVIRONMENT);
        }
        int owner = (Integer) attributes.get("uid");
        if (owner != self) {
            throw new IOException("the cache directory " + real + " is owned by uid " + owner + ", not by this user"
                    + " (uid " + self + "), who must not load libraries another user controls. Choose a directory of"
                    + " your own with -D" + PROPERTY + " or " + ENVIRONMENT);
        }
        for (Path ancestor = real.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
            String problem = unsafeAncestor(ancestor, self);
            if (problem != null) {
                throw new IOException("the cache directory " + real + " is inside " + ancestor + ", which " + problem
                        + ": that user could rename " + real + " away and put a directory of their own in its place."
                        + " Choose a directory of your own with -D" + PROPERTY + " or " + ENVIRONMENT);
            }
        }
        // From here on the real path is used, so a link cannot be re-pointed under a running JVM.
        IDENTITY.put(root, identity(attributes));
        CHECKED.put(root, real);
        return real;
    }

    /**
     * @param dir  a directory above a cache root (reached through no symbolic link: the root's real path's parents)
     * @param self this process's uid
     * @return {@code null} when only this user and root can change what is in it, else what is wrong
     */
    private static String unsafeAncestor(Path dir, int self) throws IOException {
        Map<String, Object> a = Files.readAttributes(dir, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) a.get("uid");
        if (uid != self && uid != 0) {
            return "is owned by uid " + uid + ", neither this user (uid " + self + ") nor root";
        }
        int mode = (Integer) a.get("mode");
        boolean sticky = (mode & 01000) != 0;
        if ((mode & 0002) != 0 && !sticky) {
            return "every user can write (mode " + PosixFilePermissions.toString(Files.getPosixFilePermissions(dir,
                    LinkOption.NOFOLLOW_LINKS)) + ", no sticky bit)";
        }
        if ((mode & 0020) != 0 && !sticky) {
            return "the users of its group (gid " + a.get("gid") + ") can write (mode "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS))
                    + ", no sticky bit)";
        }
        return null;
    }

    private static String identity(Map<String, Object> attributes) {
        return attributes.get("dev") + ":" + attributes.get("ino");
    }

    /** One {@code lstat}: whether a checked root's real path still names the directory that was checked. */
    private static boolean unchanged(Path real, String identity) {
        if (identity == null) {
            return false;
        }
        if (identity.isEmpty()) {
            return true;
        }
        try {
            return identity.equals(identity(Files.readAttributes(real, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS)));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The uid this process creates files as: the file-system uid in {@code /proc/self/status} (Linux), else that of a
     * probe file it creates (and removes) in {@code dir}.
     */
    private static int currentUid(Path dir) throws IOException {
        int fromProc = fileSystemUid();
        if (fromProc >= 0) {
            return fromProc;
        }
        // Named by clock and identity hash rather than by Files.createTempFile, whose SecureRandom would cost every
        // start the initialisation of the security providers; O_EXCL creation makes a clash (or a planted link) fail
        // safely.
        Path probe;
        for (int attempt = 0; ; attempt++) {
            try {
                probe = Files.createFile(dir.resolve(".uid-" + System.nanoTime() + "-"
                        + Integer.toHexString(System.identityHashCode(dir)) + ".probe"));
                break;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
        try {
            return (Integer) Files.getAttribute(probe, "unix:uid");
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** The fourth ("file system") uid of the {@code Uid:} line of {@code /proc/self/status}, or -1. */
    private static int fileSystemUid() {
        java.io.File status = new java.io.File("/proc/self/status");
        if (!status.isFile()) {
            return -1;
        }
        String text;
        try (java.io.InputStream in = new java.io.FileInputStream(status)) {
            text = new String(in.readNBytes(8192), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return -1;
        }
        return uidField(text);
    }

    /**
     * @param status the text of {@code /proc/<pid>/status}
     * @return the file-system uid (fourth number of the {@code Uid:} line), or -1 if there is none
     */
    static int uidField(String status) {
        int line = status.startsWith("Uid:") ? 0 : status.indexOf("\nUid:");
        if (line < 0) {
            return -1;
        }
        int i = status.indexOf(':', line) + 1;
        int end = status.indexOf('\n', i);
        end = end < 0 ? status.length() : end;
        int field = 0;
        while (i < end) {
            while (i < end && (status.charAt(i) == ' ' || status.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            long value = 0;
            while (i < end && status.charAt(i) >= '0' && status.charAt(i) <= '9' && i - start < 10) {
                value = value * 10 + (status.charAt(i) - '0');
                i++;
            }
            if (i == start || value > Integer.MAX_VALUE || i < end && status.charAt(i) != ' '
                    && status.charAt(i) != '\t') {
                return -1;
            }
            if (++field == 4) {
                return (int) value;
            }
        }
        return -1;
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
