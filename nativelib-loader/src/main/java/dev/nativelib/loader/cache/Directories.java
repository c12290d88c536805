package dev.nativelib.loader.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** File-tree operations the loader and the plugin share. */
public final class Directories {

    private Directories() {
    }

    /**
     * Deletes a file or directory tree; symbolic links are deleted, never followed.
     *
     * @param root what to delete; nothing happens if it does not exist
     * @throws IOException if something cannot be deleted
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Bounds a directory of files the loader rewrites (load plans, machine records): deletes the least recently
     * written files beyond {@code keep}, and the temporary files ({@code .<name>.tmp}) of JVMs that died writing
     * one, an hour after. Other files (locks, say) are left alone; files replaced or removed concurrently are fine.
     *
     * @param dir    the directory
     * @param keep   how many files to keep
     * @param suffix how the kept files' names end (never with a leading {@code .}); empty for any name
     * @throws IOException if the directory cannot be listed or a file deleted
     */
    public static void keepNewest(Path dir, int keep, String suffix) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        long stale = System.currentTimeMillis() - 60 * 60 * 1000L;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                boolean temporary = name.startsWith(".") && name.endsWith(".tmp");
                if (!temporary && (name.startsWith(".") || !name.endsWith(suffix))) {
                    continue;
                }
                try {
                    long modified = Files.getLastModifiedTime(p).toMillis();
                    if (temporary) {
                        if (modified < stale) {
                            Files.deleteIfExists(p);
                        }
                        continue;
                    }
                    // Newest first, by insertion: no comparator (and no lambda to bootstrap) for a few dozen names.
                    int at = 0;
                    while (at < times.size() && times.get(at) >= modified) {
                        at++;
                    }
                    files.add(at, p);
                    times.add(at, modified);
                } catch (IOException e) {
                    // Renamed into place, replaced or removed by another JVM meanwhile.
                }
            }
        }
        for (int i = keep; i < files.size(); i++) {
            Files.deleteIfExists(files.get(i));
        }
    }
}
