package dev.nativelib.loader.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** Tells whether a directory lies on a mount that forbids mapping files as code ({@code noexec}), on Linux. */
public final class MountTable {

    private static final Path MOUNTINFO = Paths.get("/proc/self/mountinfo");

    private MountTable() {
    }

    /**
     * @param dir an existing directory
     * @return whether the mount holding it has the {@code noexec} option; {@code false} where that is unknown
     */
    public static boolean noexec(Path dir) {
        if (!Files.isReadable(MOUNTINFO)) {
            return false;
        }
        try {
            return noexec(dir.toRealPath(), Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param dir   a real (symlink-free) absolute path
     * @param lines lines of {@code /proc/self/mountinfo}
     * @return whether the longest mount point containing {@code dir} is mounted {@code noexec}
     */
    static boolean noexec(Path dir, List<String> lines) {
        String best = null;
        boolean bestNoexec = false;
        for (String line : lines) {
            // id parent major:minor root mount-point mount-options [optional fields] - fstype source super-options
            String[] f = line.split(" ");
            if (f.length < 6) {
                continue;
            }
            String mountPoint = unescape(f[4]);
            if (!dir.startsWith(Paths.get(mountPoint))) {
                continue;
            }
            if (best == null || mountPoint.length() >= best.length()) {
                best = mountPoint;
                bestNoexec = List.of(f[5].split(",")).contains("noexec");
            }
        }
        return bestNoexec;
    }

    /** mountinfo writes space, tab, newline and backslash in paths as octal escapes. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
