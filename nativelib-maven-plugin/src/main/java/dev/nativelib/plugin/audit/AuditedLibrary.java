package dev.nativelib.plugin.audit;

import dev.nativelib.loader.binary.BinaryInfo;
import java.util.List;

/**
 * A library as the audit sees it.
 *
 * @param path   path relative to the install prefix (and to the package root), e.g. {@code lib/libfoo.so.1}
 * @param slices what its binary says, one entry per architecture
 */
public record AuditedLibrary(String path, List<BinaryInfo> slices) {

    /**
     * Copies the list.
     *
     * @param path   path relative to the install prefix, with {@code /} separators
     * @param slices what its binary says, one entry per architecture
     */
    public AuditedLibrary {
        slices = List.copyOf(slices);
    }

    /** @return the file name */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** @return the directory within the package, e.g. {@code lib}, or empty */
    public String directory() {
        return path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
    }
}
