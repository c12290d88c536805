package dev.nativelib.loader.hardware;

import dev.nativelib.loader.cache.CacheDirectory;
import dev.nativelib.loader.cache.Directories;
import dev.nativelib.loader.diagnostics.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes the machine records {@link MachineStamp} reads: {@code <cache root>/.machines/<stamp>}, a header line and the
 * signature, through a temporary file and a rename so that a reader sees a whole record or none.
 */
final class MachineRecordWriter {

    /** Records kept, the newest by modification time (and temporary files of JVMs that died writing one, an hour). */
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
            Directories.keepNewest(dir, KEEP, "");
        } catch (IOException | RuntimeException e) {
            if (Log.debugging()) {
                Log.debug("could not record the machine's properties in " + root.resolve(MachineStamp.DIRECTORY)
                        + ": " + e);
            }
        }
    }
}
