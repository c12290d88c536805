package dev.nativelib.loader.plan;

import dev.nativelib.loader.cache.CacheDirectory;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Keeps {@link LoadPlan}s in the cache root's {@value #DIRECTORY} directory, one file per key, named by a checksum of
 * the key (the file holds the whole key, which is compared, so a clash of checksums costs only a full load). Written
 * through a temporary file and a rename, so a reader sees a whole plan or none. Every distinct class path makes its own
 * plan (a test runner's temporary JAR makes one per run), so only the {@value #KEEP} most recently written are kept.
 */
public final class PlanStore {

    /** Directory of the plans, inside the cache root. */
    public static final String DIRECTORY = ".plans";
    /** How many plans a cache root keeps. */
    static final int KEEP = 64;
    private static final String SUFFIX = ".plan";

    private PlanStore() {
    }

    /**
     * @param root a cache root
     * @param key  a {@link PlanKey}
     * @return the file the plan for {@code key} lives in
     */
    public static Path file(Path root, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        return root.resolve(DIRECTORY).resolve(Long.toHexString(crc.getValue()) + "-"
                + Integer.toHexString(key.hashCode()) + SUFFIX);
    }

    /**
     * @param root a cache root
     * @param key  a {@link PlanKey}
     * @return the plan stored for {@code key}, or {@code null} if there is none (or only something unreadable)
     */
    public static LoadPlan find(Path root, String key) {
        File file = file(root, key).toFile();
        if (!file.isFile()) {
            return null;
        }
        byte[] bytes;
        // FileInputStream rather than Files: the JDK's channel classes are not in its default CDS archive, and
        // loading them would cost a planned start more than reading the plan does.
        try (InputStream in = new FileInputStream(file)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
        LoadPlan plan = LoadPlan.parse(new String(bytes, StandardCharsets.UTF_8));
        return plan != null && plan.key().equals(key) ? plan : null;
    }

    /**
     * Stores a plan, replacing the one for the same key, and removes the oldest plans beyond {@value #KEEP}.
     *
     * @param root a cache root (already checked to be private)
     * @param plan the plan
     * @return the file written
     * @throws IOException if it cannot be written
     */
    public static Path save(Path root, LoadPlan plan) throws IOException {
        Path dir = CacheDirectory.createPrivate(root.resolve(DIRECTORY));
        Path target = file(root, plan.key());
        // Named without Files.createTempFile, whose SecureRandom would initialise the security providers; CREATE_NEW
        // makes a clash (or a planted link) fail rather than follow.
        Path tmp = dir.resolve("." + target.getFileName() + "." + System.nanoTime() + "-"
                + Integer.toHexString(System.identityHashCode(plan)) + ".tmp");
        try {
            Files.write(tmp, plan.format().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        prune(dir);
        return target;
    }

    /** Deletes the least recently written plans beyond {@value #KEEP}; plans being replaced concurrently are fine. */
    static void prune(Path dir) throws IOException {
        List<Path> plans = new ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (p.getFileName().toString().endsWith(SUFFIX)) {
                    plans.add(p);
                }
            }
        }
        if (plans.size() <= KEEP) {
            return;
        }
        record Written(Path plan, long millis) {
        }
        List<Written> written = new ArrayList<>();
        for (Path p : plans) {
            try {
                written.add(new Written(p, Files.getLastModifiedTime(p).toMillis()));
            } catch (IOException e) {
                // Replaced or pruned by another JVM meanwhile.
            }
        }
        written.sort(Comparator.comparingLong(Written::millis).reversed());
        for (int i = KEEP; i < written.size(); i++) {
            Files.deleteIfExists(written.get(i).plan());
        }
    }
}
