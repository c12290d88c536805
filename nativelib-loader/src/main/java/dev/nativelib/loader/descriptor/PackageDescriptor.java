package dev.nativelib.loader.descriptor;

import dev.nativelib.loader.text.Chars;
import dev.nativelib.loader.binary.VersionOrder;
import dev.nativelib.loader.platform.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one native package (one classifier JAR) holds: its coordinates, its platform, its libraries in the order
 * they must be loaded, and the symbolic links to recreate. Written by the plugin, read by the loader, so both
 * share this one model.
 *
 * @param groupId    Maven groupId of the package
 * @param artifactId Maven artifactId of the package
 * @param version    Maven version of the package
 * @param platform   the platform the binaries are built for
 * @param libraries  the shared libraries, in load order
 * @param aliases    symbolic links to recreate next to the libraries
 * @param requires   native packages this one was built against
 * @param cmakeName  the CMake package name ({@code find_package(<cmakeName>)}), or {@code null} if the package
 *                   carries no CMake files
 * @param cmakeNamespace namespace of its imported targets ({@code <cmakeNamespace>::<library>}), or {@code null}
 * @param variant    the hardware variant this package is, or {@code null} for the baseline of its platform
 */
public record PackageDescriptor(String groupId, String artifactId, String version, Platform platform,
                                List<LibraryEntry> libraries, List<AliasEntry> aliases,
                                List<PackageRequirement> requires, String cmakeName, String cmakeNamespace,
                                PackageVariant variant) {

    /**
     * Newest version of the descriptor format; readers reject newer versions. A package without a variant is
     * written as format 1, which every loader reads; a variant needs format 2, so that a loader too old to choose
     * between variants refuses it with a message instead of taking it for a second package of the platform.
     */
    public static final int FORMAT_VERSION = 2;

    /**
     * Validates and copies the lists.
     *
     * @param groupId        Maven groupId of the package
     * @param artifactId     Maven artifactId of the package
     * @param version        Maven version of the package
     * @param platform       the platform the binaries are built for
     * @param libraries      the shared libraries, in load order
     * @param aliases        symbolic links to recreate next to the libraries
     * @param requires       native packages this one was built against
     * @param cmakeName      the CMake package name, or {@code null}
     * @param cmakeNamespace namespace of its imported targets, or {@code null}
     * @param variant        the hardware variant this package is, or {@code null} for the baseline
     * @throws IllegalArgumentException if a coordinate is not a valid Maven coordinate part, two entries share a
     *                                  path, an entry is a directory of another, or an alias does not lead to a
     *                                  library of the package (see {@link AliasEntry})
     * @throws NullPointerException     if {@code platform} or a list is {@code null}
     */
    public PackageDescriptor {
        requireCoordinate(groupId, "groupId");
        requireCoordinate(artifactId, "artifactId");
        requireCoordinate(version, "version");
        Objects.requireNonNull(platform, "platform");
        libraries = List.copyOf(libraries);
        aliases = List.copyOf(aliases);
        requires = List.copyOf(requires);
        PackageEntries.check(groupId + ":" + artifactId + ":" + version + " [" + platform + "]", platform,
                libraries, aliases);
    }

    /**
     * A baseline package (no variant).
     *
     * @param groupId        Maven groupId of the package
     * @param artifactId     Maven artifactId of the package
     * @param version        Maven version of the package
     * @param platform       the platform the binaries are built for
     * @param libraries      the shared libraries, in load order
     * @param aliases        symbolic links to recreate next to the libraries
     * @param requires       native packages this one was built against
     * @param cmakeName      the CMake package name, or {@code null}
     * @param cmakeNamespace namespace of its imported targets, or {@code null}
     */
    public PackageDescriptor(String groupId, String artifactId, String version, Platform platform,
                             List<LibraryEntry> libraries, List<AliasEntry> aliases,
                             List<PackageRequirement> requires, String cmakeName, String cmakeNamespace) {
        this(groupId, artifactId, version, platform, libraries, aliases, requires, cmakeName, cmakeNamespace, null);
    }

    /**
     * @param v the variant, or {@code null} for the baseline
     * @return this package as that variant
     */
    public PackageDescriptor withVariant(PackageVariant v) {
        return new PackageDescriptor(groupId, artifactId, version, platform, libraries, aliases, requires, cmakeName,
                cmakeNamespace, v);
    }

    /**
     * @return the Maven classifier of the package's JAR and the name of its root in the JAR: the platform name, and
     *         for a variant {@code -<label>} after it, e.g. {@code linux-x86_64} or {@code linux-x86_64-v3}
     */
    public String classifier() {
        return variant == null ? platform.name() : platform.name() + "-" + variant.label();
    }

    /**
     * A package with no requirements and no CMake files.
     *
     * @param groupId    Maven groupId of the package
     * @param artifactId Maven artifactId of the package
     * @param version    Maven version of the package
     * @param platform   the platform the binaries are built for
     * @param libraries  the shared libraries, in load order
     * @param aliases    symbolic links to recreate next to the libraries
     */
    public PackageDescriptor(String groupId, String artifactId, String version, Platform platform,
                             List<LibraryEntry> libraries, List<AliasEntry> aliases) {
        this(groupId, artifactId, version, platform, libraries, aliases, List.of(), null, null);
    }

    private static void requireCoordinate(String value, String what) {
        // Never a leading dot: names starting with one are the cache's own (.locks, .plans, temporary directories).
        if (value == null || value.isBlank() || !Chars.word(value, "_.-+") || value.startsWith(".")) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a valid Maven coordinate part");
        }
    }

    /** @return {@code groupId:artifactId:version} */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }

    /**
     * @return the newest glibc any library requires, e.g. {@code 2.34}; {@code null} if none requires one
     */
    public String minimumGlibc() {
        String newest = null;
        for (LibraryEntry l : libraries) {
            if (l.minimumGlibc() != null
                    && (newest == null || VersionOrder.compare(l.minimumGlibc(), newest) > 0)) {
                newest = l.minimumGlibc();
            }
        }
        return newest;
    }

    /**
     * The names other libraries can need this package's libraries by, as the last path segment of what a binary
     * records: each library's file name, its SONAME / install name / DLL name, and the names of links pointing at it.
     *
     * @return name to the library it resolves to, in library order
     */
    public Map<String, LibraryEntry> libraryNames() {
        Map<String, LibraryEntry> names = new LinkedHashMap<>();
        for (LibraryEntry l : libraries) {
            names.putIfAbsent(l.fileName(), l);
            if (l.soname() != null) {
                names.putIfAbsent(lastSegment(l.soname()), l);
            }
        }
        Map<String, LibraryEntry> byPath = new LinkedHashMap<>();
        for (LibraryEntry l : libraries) {
            byPath.put(l.path(), l);
        }
        Map<String, LibraryEntry> resolved = LoadOrder.resolveAll(aliases, byPath);
        for (AliasEntry a : aliases) {
            LibraryEntry l = resolved.get(a.path());
            if (l != null) {
                names.putIfAbsent(lastSegment(a.path()), l);
            }
        }
        return names;
    }

    private static String lastSegment(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /**
     * @param name a logical library name
     * @return the library of that name, if this package has one
     */
    public Optional<LibraryEntry> library(String name) {
        for (LibraryEntry l : libraries) {
            if (l.name().equals(name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
