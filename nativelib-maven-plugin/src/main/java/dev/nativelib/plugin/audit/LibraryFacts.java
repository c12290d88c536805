package dev.nativelib.plugin.audit;

import dev.nativelib.loader.binary.BinaryFormat;
import dev.nativelib.loader.binary.BinaryInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the audit established about one library before checking it: the facts every rule and the report read.
 *
 * @param library  the library and its binary facts
 * @param needed   each needed library (over all slices, first occurrence order) and what satisfies it
 * @param runPaths its run paths (over all slices, without repeats)
 * @param requires the newest symbol version it requires of each namespace from the base system, e.g.
 *                 {@code GLIBC -> 2.14, GLIBCXX -> 3.4.22}; GLIBC, GLIBCXX, CXXABI and GCC first, then the others by
 *                 name
 */
public record LibraryFacts(AuditedLibrary library, List<NeededLibrary> needed, List<String> runPaths,
                           Map<String, String> requires) {

    /**
     * Copies the collections, keeping their order.
     *
     * @param library  the library
     * @param needed   its needed libraries
     * @param runPaths its run paths
     * @param requires newest required version by namespace
     */
    public LibraryFacts {
        needed = List.copyOf(needed);
        runPaths = List.copyOf(runPaths);
        requires = Collections.unmodifiableMap(new LinkedHashMap<>(requires));
    }

    /** @return the first slice's facts (the only one except in universal Mach-O files) */
    public BinaryInfo info() {
        return library.slices().get(0);
    }

    /** @return the file format */
    public BinaryFormat format() {
        return info().format();
    }

    /** @return the SONAME / install name / DLL name, or {@code null} */
    public String identity() {
        return info().identity();
    }

    /** @return the architectures of its slices */
    public List<String> architectures() {
        return library.slices().stream().map(BinaryInfo::architecture).toList();
    }
}
