package dev.nativelib.loader.hardware;

import dev.nativelib.loader.cache.CacheDirectory;
import dev.nativelib.loader.diagnostics.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the machine records {@link MachineStamp} reads: {@code <cache root>/.machines/<stamp>}, a header line and the
 * signature, through a temporary file and a rename so that a reader sees a whole record or none.
 */
final class MachineRecordWriter {

    /** Records kept, the newest by modification time: one per boot and hardware settings. */
    static final int KEEP = 8;

    private MachineRecordWriter() {
    }

    /** Records a detection; failing to is never an error of the load, whose next JVM then detects again. */
    static void write(Path root, String stamp, String signature) {
        try {
            Path dir = CacheDirectory.createPrivate(root.resolve(MachineStamp.DIRECTORY));
            Path target = dir.resolve(stamp);
            Path tmp = dir.resolve("." + stamp + "." + System.nanoTime() + ".tmp");
            try {
                Files.write(tmp, (MachineStamp.HEADER + "\n" + signature + "\n").getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            prune(dir);
        } catch (IOException | RuntimeException e) {
            if (Log.debugging()) {
                Log.debug("could not record the machine's properties in " + root.resolve(MachineStamp.DIRECTORY)
                        + ": " + e);
            }
        }
    }

    /** Keeps the {@value #KEEP} newest records, and temporary files of JVMs that died writing them for an hour. */
    private static void prune(Path dir) throws IOException {
        List<Path> records = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        long stale = System.currentTimeMillis() - 60 * 60 * 1000L;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                try {
                    long modified = Files.getLastModifiedTime(p).toMillis();
                    if (p.getFileName().toString().startsWith(".")) {
                        if (modified < stale) {
                            Files.deleteIfExists(p);
                        }
                        continue;
                    }
                    int at = 0;
                    while (at < times.size() && times.get(at) >= modified) {
                        at++;
                    }
                    records.add(at, p);
                    times.add(at, modified);
                } catch (IOException e) {
                    // Renamed or removed by another JVM meanwhile.
                }
            }
        }
        for (int i = KEEP; i < records.size(); i++) {
            Files.deleteIfExists(records.get(i));
        }
    }
}
