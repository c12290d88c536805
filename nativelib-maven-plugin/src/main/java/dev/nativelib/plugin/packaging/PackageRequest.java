package dev.nativelib.plugin.packaging;

import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.cmake.CMakeSettings;
import dev.nativelib.plugin.pkgconfig.PkgConfigMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything {@link NativePackager} needs to build one classifier JAR.
 *
 * @param groupId            the package's groupId
 * @param artifactId         the package's artifactId
 * @param version            the package's version
 * @param platform           the platform the binaries are built for
 * @param installPrefix      the install prefix to package
 * @param libraryDirectories directories below the prefix that hold shared libraries
 * @param includeDirectory   directory below the prefix that holds headers
 * @param timestamp          timestamp of every JAR entry
 * @param output             the JAR to write
 * @param rewriteRunPaths    whether to rewrite absolute ELF run paths to {@code $ORIGIN}-relative ones in the
 *                           packaged copies (the install prefix itself is never modified)
 * @param stagingDirectory   where rewritten copies are written
 * @param cmake              how to present the package to CMake; {@code null} to write no CMake files
 * @param keepExistingCMake  whether a CMake package the install prefix already has ({@code lib/cmake/**},
 *                           {@code share/cmake/**}) is shipped instead of a generated one
 * @param dependencies       the native packages the project depends on, for this platform
 * @param globalLibraries    logical names of libraries to open with global symbol scope
 * @param pkgConfig          which pkg-config files the package carries
 */
public record PackageRequest(String groupId, String artifactId, String version, Platform platform,
                             Path installPrefix, List<String> libraryDirectories, String includeDirectory,
                             Instant timestamp, Path output, boolean rewriteRunPaths, Path stagingDirectory,
                             CMakeSettings cmake, boolean keepExistingCMake, List<FoundPackage> dependencies,
                             List<String> globalLibraries, PkgConfigMode pkgConfig) {

    /**
     * Copies the lists.
     *
     * @param groupId            the package's groupId
     * @param artifactId         the package's artifactId
     * @param version            the package's version
     * @param platform           the platform the binaries are built for
     * @param installPrefix      the install prefix to package
     * @param libraryDirectories directories below the prefix that hold shared libraries
     * @param includeDirectory   directory below the prefix that holds headers
     * @param timestamp          timestamp of every JAR entry
     * @param output             the JAR to write
     * @param rewriteRunPaths    whether to rewrite absolute ELF run paths in the packaged copies
     * @param stagingDirectory   where rewritten copies are written
     * @param cmake              how to present the package to CMake, or {@code null} for no CMake files
     * @param keepExistingCMake  whether to ship the install prefix's own CMake package instead of a generated one
     * @param dependencies       the native packages the project depends on, for this platform
     * @param globalLibraries    logical names of libraries to open with global symbol scope
     * @param pkgConfig          which pkg-config files the package carries
     */
    public PackageRequest {
        libraryDirectories = List.copyOf(libraryDirectories);
        dependencies = List.copyOf(dependencies);
        globalLibraries = List.copyOf(globalLibraries);
    }

    /**
     * A request without CMake files, pkg-config files or dependencies.
     *
     * @param groupId            the package's groupId
     * @param artifactId         the package's artifactId
     * @param version            the package's version
     * @param platform           the platform the binaries are built for
     * @param installPrefix      the install prefix to package
     * @param libraryDirectories directories below the prefix that hold shared libraries
     * @param includeDirectory   directory below the prefix that holds headers
     * @param timestamp          timestamp of every JAR entry
     * @param output             the JAR to write
     * @param rewriteRunPaths    whether to rewrite absolute ELF run paths in the packaged copies
     * @param stagingDirectory   where rewritten copies are written
     */
    public PackageRequest(String groupId, String artifactId, String version, Platform platform, Path installPrefix,
                          List<String> libraryDirectories, String includeDirectory, Instant timestamp, Path output,
                          boolean rewriteRunPaths, Path stagingDirectory) {
        this(groupId, artifactId, version, platform, installPrefix, libraryDirectories, includeDirectory, timestamp,
                output, rewriteRunPaths, stagingDirectory, null, true, List.of(), List.of(), PkgConfigMode.NONE);
    }
}
