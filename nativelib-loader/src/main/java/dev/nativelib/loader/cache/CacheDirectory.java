package dev.nativelib.loader.cache;

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
 * <p>Resolution order: system property {@value #PROPERTY}, environment variable {@value #ENVIRONMENT}, then the
 * platform's cache convention: {@code $XDG_CACHE_HOME/nativelib} or {@code ~/.cache/nativelib} on Linux and other
 * Unix systems, {@code ~/Library/Caches/nativelib} on macOS, {@code %LOCALAPPDATA%\nativelib\cache} on Windows.
 */
public final class CacheDirectory {

    /** System property naming the cache directory. */
    public static final String PROPERTY = "nativelib.cache.dir";

    /** Environment variable naming the cache directory. */
    public static final String ENVIRONMENT = "NATIVELIB_CACHE_DIR";

    /** {@code rwx------}; built on first use, as loading the permission classes costs a warm start time. */
    static Set<PosixFilePermission> privateDir() {
        return java.util.EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
    }

    /** The root {@link #usable()} chose for each list of candidates, so the search runs once per JVM. */
    private static final Map<List<Path>, Path> CHOSEN = new java.util.concurrent.ConcurrentHashMap<>();

    /** Roots that turned out unusable only when a library in them failed to load, with the reason. */
    private static final Map<Path, String> REJECTED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Roots already checked in this JVM, so warm loads do not pay for the check again. */
    private static final Map<Path, Path> CHECKED = new java.util.concurrent.ConcurrentHashMap<>();

    private CacheDirectory() {
    }

    /**
     * The cache root to use: the configured one ({@value #PROPERTY} / {@value #ENVIRONMENT}) if set, else the first
     * usable of the platform's cache directory, {@code $XDG_RUNTIME_DIR/nativelib} and a private
     * {@code <java.io.tmpdir>/nativelib-<user>}. Usable means it can be created, is private to this user (see
     * {@link #createChecked}) and, on Linux, is not on a {@code noexec} mount.
     *
     * @return a usable cache root, created
     * @throws IOException naming every directory tried and why each was rejected
     */
    public static Path usable() throws IOException {
        List<Path> candidates = candidates();
        Path chosen = CHOSEN.get(candidates);
        if (chosen != null) {
            return chosen;
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
                problems.add(candidate + ": " + e.getMessage());
            }
        }
        throw new IOException("no usable cache directory; tried:\n  " + String.join("\n  ", problems)
                + "\nSet -D" + PROPERTY + "=<dir> (or " + ENVIRONMENT + ") to a directory of your own on a file system"
                + " that allows executing code");
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
     * Creates the cache root if needed and refuses one that another user could tamper with: writable by group or
     * others, or owned by another user. Libraries in it are loaded into this process, so whoever can write there can
     * run code as this user.
     *
     * @param root the cache root
     * @return {@code root}
     * @throws IOException if it cannot be created, or is unsafe; the message says why and how to fix it
     */
    public static Path createChecked(Path root) throws IOException {
        Path known = CHECKED.get(root);
        if (known != null) {
            return known;
        }
        createPrivate(root);
        if (!posix()) {
            CHECKED.put(root, root);
            return root;
        }
        Path real = root.toRealPath();
        int self = currentUid(real);
        if (Files.isSymbolicLink(root)) {
            // A link in a shared directory (the tmp fallback) could be re-pointed later by whoever owns it.
            int linkOwner = (Integer) Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (linkOwner != self) {
                throw new IOException("the cache directory " + root + " is a symbolic link owned by uid " + linkOwner
                        + ", not by this user (uid " + self + "), who could re-point it. Choose a directory of your"
                        + " own with -D" + PROPERTY + " or " + ENVIRONMENT);
            }
        }
        Map<String, Object> attributes = Files.readAttributes(real, "unix:mode,uid");
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
        // From here on the real path is used, so a link cannot be re-pointed under a running JVM.
        CHECKED.put(root, real);
        return real;
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
