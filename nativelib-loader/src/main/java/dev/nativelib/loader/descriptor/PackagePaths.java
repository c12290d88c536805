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

    /**
     * Checks the target of a symbolic link: a relative path of plain names, after any number of leading {@code ..}
     * segments ({@code libfoo.so.1}, {@code ../lib64/libfoo.so.1}), that stays inside the package when resolved
     * from the link's directory. Absolute targets ({@code /x}, {@code //x}) are refused although appending them to
     * the link's directory and normalising would hide it ({@code lib//x} is {@code lib/x}): the link itself would
     * point at {@code /x}.
     *
     * @param target the link's target
     * @param what   names it in messages
     * @param dir    the link's directory relative to the package root, ending in {@code /}, or empty
     */
    static void requireLinkTarget(String target, String what, String dir) {
        if (target == null || target.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (target.startsWith("/")) {
            throw new IllegalArgumentException(what + " '" + target + "' is an absolute path; a link's target must be"
                    + " relative to the link's directory");
        }
        if (target.contains("\\") || target.contains(":") || target.contains("\0")) {
            throw new IllegalArgumentException(what + " '" + target + "' must be a relative path with '/' separators");
        }
        String[] segments = target.split("/", -1);
        int ups = 0;
        while (ups < segments.length && segments[ups].equals("..")) {
            ups++;
        }
        boolean plain = ups < segments.length;
        for (int i = ups; i < segments.length && plain; i++) {
            plain = !segments[i].isEmpty() && !segments[i].equals(".") && !segments[i].equals("..");
        }
        if (!plain) {
            throw new IllegalArgumentException(what + " '" + target + "' must be plain names, after any leading '..'"
                    + " segments (no empty, '.' or inner '..' segments)");
        }
        int depth = 0;
        for (int i = 0; i < dir.length(); i++) {
            if (dir.charAt(i) == '/') {
                depth++;
            }
        }
        if (ups > depth) {
            throw new IllegalArgumentException(what + " '" + target + "' leaves the package");
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
