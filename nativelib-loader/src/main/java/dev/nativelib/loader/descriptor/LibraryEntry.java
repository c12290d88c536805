package dev.nativelib.loader.descriptor;

import java.util.Objects;

/**
 * One shared library inside a native package.
 *
 * @param path   path of the file relative to the package root, with {@code /} separators,
 *               e.g. {@code lib/libgreet.so.1.0.0}
 * @param name   the logical library name that {@code NativeLoader.load(name)} accepts, e.g. {@code greet}
 * @param size   the file's size in bytes
 * @param sha256 the file's SHA-256 as 64 lower-case hex digits
 */
public record LibraryEntry(String path, String name, long size, String sha256) {

    /** Validates the entry. */
    public LibraryEntry {
        PackagePaths.requireRelative(path, "library path");
        Objects.requireNonNull(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + path);
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'" + sha256 + "' is not a SHA-256 (64 lower-case hex digits) for "
                    + path);
        }
    }

    /** @return the file name, the last segment of {@link #path()} */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
