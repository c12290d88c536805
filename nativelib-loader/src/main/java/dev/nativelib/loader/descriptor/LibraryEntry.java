package dev.nativelib.loader.descriptor;

import dev.nativelib.loader.text.Chars;
import java.util.List;
import java.util.Objects;

/**
 * One shared library inside a native package, with the facts the plugin read from the binary itself.
 *
 * @param path         path of the file relative to the package root, with {@code /} separators,
 *                     e.g. {@code lib/libgreet.so.1.0.0}
 * @param name         the logical library name that {@code NativeLoader.load(name)} accepts, e.g. {@code greet}
 * @param size         the file's size in bytes
 * @param sha256       the file's SHA-256 as 64 lower-case hex digits
 * @param soname       the name others link it by: ELF SONAME, Mach-O install name, PE DLL name; {@code null} if it
 *                     has none
 * @param architecture os-maven-plugin architecture of the code (for a fat Mach-O file, the slices joined by
 *                     {@code ,}); {@code null} if unknown
 * @param needed       libraries it needs, as the binary names them (ELF NEEDED, Mach-O load commands, PE imports)
 * @param runPaths     run paths recorded in the binary (ELF RPATH and RUNPATH, Mach-O LC_RPATH)
 * @param minimumGlibc newest {@code GLIBC_x.y} symbol version it requires, e.g. {@code 2.34}; {@code null} if none
 * @param minimumOs    minimum OS version it declares (Mach-O), e.g. {@code 11.0}; {@code null} if none
 * @param global       whether it must be opened with global symbol scope ({@code RTLD_GLOBAL}), because other
 *                     libraries use its symbols without linking against it
 */
public record LibraryEntry(String path, String name, long size, String sha256, String soname, String architecture,
                           List<String> needed, List<String> runPaths, String minimumGlibc, String minimumOs,
                           boolean global) {

    /**
     * Validates the entry and copies the lists.
     *
     * @param path         path relative to the package root
     * @param name         logical name
     * @param size         size in bytes
     * @param sha256       SHA-256 as 64 lower-case hex digits
     * @param soname       SONAME / install name / DLL name, or {@code null}
     * @param architecture architecture, or {@code null}
     * @param needed       needed libraries
     * @param runPaths     run paths
     * @param minimumGlibc newest GLIBC version needed, or {@code null}
     * @param minimumOs    minimum OS version, or {@code null}
     * @param global       whether it is opened with global symbol scope
     * @throws IllegalArgumentException if the path is not a plain relative path, the size is negative or the hash is
     *                                  not 64 lower-case hex digits
     * @throws NullPointerException     if {@code name}, {@code needed} or {@code runPaths} is {@code null}
     */
    public LibraryEntry {
        PackagePaths.requireRelative(path, "library path");
        Objects.requireNonNull(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + path);
        }
        if (sha256 == null || !Chars.lowerHex(sha256, 64)) {
            throw new IllegalArgumentException("'" + sha256 + "' is not a SHA-256 (64 lower-case hex digits) for "
                    + path);
        }
        needed = List.copyOf(needed);
        runPaths = List.copyOf(runPaths);
    }

    /**
     * An entry with no binary facts (for files that are not read, and for tests).
     *
     * @param path   path relative to the package root
     * @param name   logical name
     * @param size   size in bytes
     * @param sha256 SHA-256 in hex
     */
    public LibraryEntry(String path, String name, long size, String sha256) {
        this(path, name, size, sha256, null, null, List.of(), List.of(), null, null, false);
    }

    /**
     * An entry opened with local symbol scope.
     *
     * @param path         path relative to the package root
     * @param name         logical name
     * @param size         size in bytes
     * @param sha256       SHA-256 in hex
     * @param soname       SONAME / install name / DLL name, or {@code null}
     * @param architecture architecture, or {@code null}
     * @param needed       needed libraries
     * @param runPaths     run paths
     * @param minimumGlibc newest GLIBC version needed, or {@code null}
     * @param minimumOs    minimum OS version, or {@code null}
     */
    public LibraryEntry(String path, String name, long size, String sha256, String soname, String architecture,
                        List<String> needed, List<String> runPaths, String minimumGlibc, String minimumOs) {
        this(path, name, size, sha256, soname, architecture, needed, runPaths, minimumGlibc, minimumOs, false);
    }

    /** @return a copy marked for global symbol scope */
    public LibraryEntry asGlobal() {
        return new LibraryEntry(path, name, size, sha256, soname, architecture, needed, runPaths, minimumGlibc,
                minimumOs, true);
    }

    /** @return the file name, the last segment of {@link #path()} */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
