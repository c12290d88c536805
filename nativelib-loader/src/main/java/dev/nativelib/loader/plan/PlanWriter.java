package dev.nativelib.loader.plan;

import dev.nativelib.loader.cache.CacheDirectory;
import dev.nativelib.loader.cache.Directories;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The full path's side of {@link LoadPlan}s: which class-path entries a plan must fingerprint, and storing plans.
 * Every distinct class path makes its own plan (a test runner's temporary JAR makes one per run), so a cache root keeps
 * only the {@value #KEEP} most recently written.
 */
public final class PlanWriter {

    /** How many plans a cache root keeps. */
    static final int KEEP = 64;

    private PlanWriter() {
    }

    /**
     * Lists every file and directory the application class loader searches for the class path {@code classPath}, in
     * order: its entries plus, recursively, the JARs named by their manifests' {@code Class-Path} attributes (which
     * the class loader searches as well; {@code java -jar} and Surefire class paths live there).
     *
     * @param classPath a class path in the form of {@code java.class.path}
     * @param baseDir   what relative entries are relative to ({@code user.dir})
     * @return the absolute entries (an empty element stands for {@code baseDir}, the working directory, as it does for
     *         the class loader), or {@code null} when a {@code Class-Path} URL is not a local file
     * @throws IOException if a JAR's manifest cannot be read
     */
    public static List<Path> classPath(String classPath, Path baseDir) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String element : classPath.split(File.pathSeparator, -1)) {
            if (!add(baseDir.resolve(element).toAbsolutePath().normalize(), out)) {
                return null;
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean add(Path entry, Set<Path> out) throws IOException {
        if (!out.add(entry) || !Files.isRegularFile(entry)) {
            return true;
        }
        Manifest manifest;
        try (JarFile jar = new JarFile(entry.toFile(), false)) {
            manifest = jar.getManifest();
        } catch (java.util.zip.ZipException e) {
            // The class loader skips what is not a JAR; so does the plan, beyond the file's own fingerprint.
            return true;
        }
        String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        if (classPath == null) {
            return true;
        }
        URL base = entry.toUri().toURL();
        for (String element : classPath.trim().split("[ \t\r\n]+")) {
            if (element.isEmpty()) {
                continue;
            }
            try {
                URL url = new URL(base, element);
                if (!"file".equals(url.getProtocol()) || !add(Paths.get(url.toURI()).normalize(), out)) {
                    return false;
                }
            } catch (URISyntaxException | IllegalArgumentException | java.net.MalformedURLException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stores a plan, replacing the one for the same key, through a temporary file and a rename so that a reader sees
     * a whole plan or none, and removes the oldest plans beyond {@value #KEEP}.
     *
     * @param root a cache root (already checked to be private)
     * @param plan the plan
     * @return the file written
     * @throws IOException if it cannot be written
     */
    public static Path save(Path root, LoadPlan plan) throws IOException {
        if (!plan.complete()) {
            throw new IllegalArgumentException("incomplete plan");
        }
        Path dir = CacheDirectory.createPrivate(root.resolve(LoadPlan.DIRECTORY));
        Path target = LoadPlan.file(root, plan.key());
        // Named without Files.createTempFile, whose SecureRandom would initialise the security providers; CREATE_NEW
        // makes a clash (or a planted link) fail rather than follow.
        Path tmp = dir.resolve("." + target.getFileName() + "." + System.nanoTime() + "-"
                + Integer.toHexString(System.identityHashCode(plan)) + ".tmp");
        try {
            Files.write(tmp, format(plan).getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        prune(dir);
        return target;
    }

    /**
     * @param plan a plan
     * @return {@code null} when the plan can be written and read back as it is, else the first field that cannot: one
     *         holding a tab, newline or carriage return, or a path inside the cache that {@link LoadPlan#parse} would
     *         not accept (a layout that odd makes no plan; its loads take the full path)
     */
    public static String writable(LoadPlan plan) {
        List<String> fields = new ArrayList<>(plan.entries);
        fields.addAll(plan.states);
        fields.add(plan.platform());
        if (plan.machine() != null) {
            fields.add(plan.machine());
        }
        if (plan.machineStamp() != null) {
            fields.add(plan.machineStamp());
        }
        for (int i = 0; i < plan.packages.size(); i++) {
            fields.addAll(List.of(plan.packages.get(i)));
            if (!LoadPlan.relative(plan.packages.get(i)[2])) {
                return plan.packages.get(i)[2];
            }
            for (String[] l : plan.libraries.get(i)) {
                fields.addAll(List.of(l));
                if (!LoadPlan.relative(l[0])) {
                    return l[0];
                }
            }
            for (String alias : plan.aliases.get(i)) {
                fields.add(alias);
                if (!LoadPlan.relative(alias)) {
                    return alias;
                }
            }
        }
        for (String f : fields) {
            if (f.indexOf('\t') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                return f;
            }
        }
        return null;
    }

    /**
     * @param plan a complete plan
     * @return the plan as the text {@link LoadPlan#parse} reads
     */
    public static String format(LoadPlan plan) {
        String odd = writable(plan);
        if (odd != null) {
            throw new IllegalStateException("cannot write " + odd + " into a plan");
        }
        StringBuilder out = new StringBuilder(LoadPlan.HEADER).append('\n');
        line(out, "platform", plan.platform());
        if (plan.machine() != null && plan.machineStamp() != null) {
            line(out, "machine", plan.machine(), plan.machineStamp());
        } else if (plan.machine() != null) {
            line(out, "machine", plan.machine());
        }
        line(out, "result", Integer.toString(plan.resultPackage()), Integer.toString(plan.resultLibrary()));
        for (int i = 0; i < plan.entries.size(); i++) {
            line(out, "entry", plan.states.get(i), plan.entries.get(i));
        }
        for (int i = 0; i < plan.packages.size(); i++) {
            line(out, "package", plan.packages.get(i));
            for (String[] l : plan.libraries.get(i)) {
                line(out, "library", l[2], l[3], l[1], l[0]);
            }
            for (String alias : plan.aliases.get(i)) {
                line(out, "alias", alias);
            }
        }
        return out.append("key\n").append(plan.key()).toString();
    }

    private static void line(StringBuilder out, String kind, String... fields) {
        out.append(kind);
        for (String field : fields) {
            out.append('\t').append(field);
        }
        out.append('\n');
    }

    /**
     * Takes the lock that makes JVMs starting at once with the same key (an application started many times on one
     * machine) wait for the first one's plan instead of each taking the full way: the JVM that gets it at once
     * ({@link PlanLock#first()}) holds it while it loads and writes the plan; the others wait for it, release it at
     * once and replay that plan, in parallel. Waits at most {@value #LOCK_WAIT_MILLIS} ms, then goes on without
     * it, so a hung JVM cannot stop others.
     *
     * @param root the cache root
     * @param key  the plan's key
     * @return the lock, or {@code null} when it cannot be taken (the caller then loads without it)
     */
    public static PlanLock lock(Path root, String key) {
        Path plan = LoadPlan.file(root, key);
        java.nio.channels.FileChannel channel = null;
        try {
            CacheDirectory.createPrivate(plan.getParent());
            channel = java.nio.channels.FileChannel.open(plan.resolveSibling(plan.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + LOCK_WAIT_MILLIS * 1_000_000L;
            boolean first = true;
            while (true) {
                java.nio.channels.FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    // Another class loader of this JVM loads with this key. Not closed: POSIX record locks belong
                    // to the process, so closing this descriptor would release that loader's lock.
                    HELD_ELSEWHERE.add(channel);
                    return null;
                }
                if (lock != null) {
                    return new PlanLock(channel, lock, first);
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    return null;
                }
                first = false;
                Thread.sleep(5);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            return null;
        }
    }

    /** Channels of plan locks another class loader of this JVM holds: kept open, see {@link #lock}. */
    private static final List<java.nio.channels.FileChannel> HELD_ELSEWHERE =
            java.util.Collections.synchronizedList(new ArrayList<>());

    /** How long {@link #lock} waits for another JVM's full load. */
    static final long LOCK_WAIT_MILLIS = 30_000;

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing held yet
            }
        }
    }

    /** A held {@link #lock plan lock}; closing it releases it. */
    public static final class PlanLock implements AutoCloseable {
        private final java.nio.channels.FileChannel channel;
        private final java.nio.channels.FileLock lock;
        private final boolean first;

        PlanLock(java.nio.channels.FileChannel channel, java.nio.channels.FileLock lock, boolean first) {
            this.channel = channel;
            this.lock = lock;
            this.first = first;
        }

        /** @return whether it was free at once: no other JVM was loading with this key */
        public boolean first() {
            return first;
        }

        @Override
        public void close() {
            try {
                lock.release();
            } catch (IOException e) {
                // released when the channel closes
            }
            closeQuietly(channel);
        }
    }

    /**
     * Deletes the least recently written plans beyond {@value #KEEP}, and temporary plans a killed JVM left; plans
     * replaced concurrently are fine.
     */
    static void prune(Path dir) throws IOException {
        // Lock files (.plan.lock) are never deleted: one might be held right now, and a new file of the same name
        // would let two JVMs hold "the" lock at once. They are empty files, one per key.
        Directories.keepNewest(dir, KEEP, LoadPlan.SUFFIX);
    }
}
