package dev.nativelib.plugin.packaging;

import java.util.ArrayList;
import java.util.List;

/** Paths inside a package (or an install prefix), relative to its root and separated by {@code /}. */
public final class PackagePath {

    private PackagePath() {
    }

    /**
     * @param path a relative path with {@code /} separators; empty and {@code .} segments are allowed
     * @return {@code path} without empty, {@code .} and {@code ..} segments, e.g. {@code lib/pkg} for
     *         {@code lib/./x/../pkg/}; {@code null} if a {@code ..} climbs above the root
     */
    public static String normalise(String path) {
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(segment);
            }
        }
        return String.join("/", parts);
    }
}
