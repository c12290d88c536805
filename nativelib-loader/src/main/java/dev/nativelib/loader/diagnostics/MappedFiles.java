package dev.nativelib.loader.diagnostics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The shared objects this process has mapped, in the order they first appear in {@code /proc/self/maps}. */
public final class MappedFiles {

    private static final Path MAPS = Paths.get("/proc/self/maps");

    private MappedFiles() {
    }

    /**
     * @return the mapped files whose names look like shared libraries; empty where {@code /proc/self/maps} does not
     *         exist
     */
    public static Set<Path> read() {
        return read(null);
    }

    /**
     * @param stems file-name prefixes ({@link #stem(String)} of SONAMEs), or {@code null} for all
     * @return the mapped files whose names look like shared libraries and start with one of {@code stems}: all that
     *         {@link LoadVerifier} looks at for libraries of those SONAMEs, without a {@code Path} for every other
     *         library of the process; empty where {@code /proc/self/maps} does not exist
     */
    public static Set<Path> read(List<String> stems) {
        // FileInputStream rather than Files.readAllBytes: the channel classes behind the latter are not in the JDK's
        // default CDS archive, and every start that loads a library reads this file.
        String maps;
        try (java.io.InputStream in = new java.io.FileInputStream(MAPS.toString())) {
            maps = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Set.of();
        }
        return libraries(maps, stems);
    }

    /**
     * @param maps  the text of a {@code /proc/<pid>/maps} file
     * @param stems file-name prefixes to keep, or {@code null} for all
     * @return the shared-library paths it maps, in order of first appearance
     */
    static Set<Path> libraries(String maps, List<String> stems) {
        // A library appears once per mapped segment; each distinct path becomes a Path once. Lines are cut with
        // indexOf rather than split, and a line is parsed only when its file name (after the last '/') could be
        // wanted: this runs in every start, mostly in the interpreter.
        Set<String> seen = new java.util.HashSet<>();
        Set<Path> files = new LinkedHashSet<>();
        int start = 0;
        while (start < maps.length()) {
            int end = maps.indexOf('\n', start);
            end = end < 0 ? maps.length() : end;
            // The fields before the path (address, permissions, offset, device, inode) never hold a '/'.
            int slash = end == start ? -1 : maps.lastIndexOf('/', end - 1);
            if (slash >= start && named(maps, slash + 1, end, stems)) {
                String path = pathOf(maps.substring(start, end));
                if (path != null && seen.add(path) && sharedLibrary(path)) {
                    files.add(Paths.get(path));
                }
            }
            start = end + 1;
        }
        return files;
    }

    /** Whether the file name in {@code maps} from {@code from} to {@code end} starts with one of {@code stems}. */
    private static boolean named(String maps, int from, int end, List<String> stems) {
        if (stems == null) {
            // Only this short name is searched: an indexOf over the rest of the text would scan ahead to the next
            // library's line from every line that maps no library.
            return maps.substring(from, end).contains(".so");
        }
        for (String stem : stems) {
            if (maps.startsWith(stem, from)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param soname a SONAME
     * @return its stem, {@code libfoo} for {@code libfoo.so.1}: files named otherwise are unlikely to carry that
     *         SONAME
     */
    public static String stem(String soname) {
        int so = soname.indexOf(".so");
        return so > 0 ? soname.substring(0, so) : soname;
    }

    private static boolean sharedLibrary(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.endsWith(".so") || name.contains(".so.");
    }

    /**
     * @param soname a SONAME
     * @return whether a mapped file carries it (checked by reading the SONAME of files named like it)
     */
    public static boolean hasSoname(String soname) {
        String stem = stem(soname);
        for (Path file : read()) {
            if (file.getFileName().toString().startsWith(stem) && soname.equals(LoadVerifier.soname(file))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param line a line of {@code /proc/<pid>/maps}: address, permissions, offset, device, inode and the path, which
     *             is the rest of the line and may hold spaces
     * @return the mapped file's path without a {@code " (deleted)"} mark, or {@code null} for an anonymous mapping
     */
    public static String pathOf(String line) {
        int i = 0;
        int n = line.length();
        for (int field = 0; field < 5; field++) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            while (i < n && line.charAt(i) != ' ') {
                i++;
            }
        }
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        if (i >= n || line.charAt(i) != '/') {
            return null;
        }
        String path = line.substring(i).stripTrailing();
        return path.endsWith(" (deleted)") ? path.substring(0, path.length() - " (deleted)".length()) : path;
    }

    /**
     * @param lines lines of a {@code /proc/<pid>/maps} file
     * @return the shared-library paths they map
     */
    static Set<Path> parse(List<String> lines) {
        return libraries(String.join("\n", lines), null);
    }
}
