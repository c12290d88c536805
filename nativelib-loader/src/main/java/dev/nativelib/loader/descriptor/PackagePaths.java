package dev.nativelib.loader.descriptor;

import java.util.ArrayDeque;
import java.util.Deque;

/** Checks and normalises the relative paths a descriptor holds, so none can escape its package (zip-slip). */
final class PackagePaths {

    private PackagePaths() {
    }

    static void requireRelative(String path, String what) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (path.startsWith("/") || path.contains("\\") || path.contains(":") || path.contains("\0")) {
            throw new IllegalArgumentException(what + " '" + path + "' must be a relative path with '/' separators");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(what + " '" + path
                        + "' must not contain empty, '.' or '..' segments (it would leave the package)");
            }
        }
    }

    /** Resolves {@code .} and {@code ..}; a path that climbs above the root keeps a leading {@code ..}. */
    static String normalize(String path) {
        Deque<String> out = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..") && !out.isEmpty() && !out.peekLast().equals("..")) {
                out.removeLast();
            } else {
                out.addLast(segment);
            }
        }
        return String.join("/", out);
    }
}
