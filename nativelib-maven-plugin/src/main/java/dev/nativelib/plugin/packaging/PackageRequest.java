package dev.nativelib.plugin.packaging;

import dev.nativelib.loader.descriptor.PackageVariant;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.cmake.CMakeSettings;
import dev.nativelib.plugin.pkgconfig.PkgConfigMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything {@link NativePackager} needs to build one classifier JAR, in four groups: whose package it is
 * ({@link Coordinates}), what to take from where ({@link Layout}), what to write ({@link Output}) and how CMake sees
 * it ({@link CMake}), plus the native packages it requires. Start from {@link #of} and add the optional parts with
 * the {@code with...} methods.
 *
 * @param coordinates     whose package this is
 * @param layout          the install prefix and which of its files to package
 * @param output          the JAR to write and how its entries are produced
 * @param cmake           the CMake files to write or keep
 * @param dependencies    the native packages the project depends on, for this platform
 * @param globalLibraries logical names of libraries to open with global symbol scope
 * @param pkgConfig       which pkg-config files the package carries
 * @param variant         the hardware variant the package is, or {@code null} for the platform's baseline
 */
public record PackageRequest(Coordinates coordinates, Layout layout, Output output, CMake cmake,
                             List<FoundPackage> dependencies, List<String> globalLibraries,
                             PkgConfigMode pkgConfig, PackageVariant variant) {

    /**
     * Copies the lists.
     *
     * @param coordinates     whose package this is
     * @param layout          the install prefix and which of its files to package
     * @param output          the JAR to write and how its entries are produced
     * @param cmake           the CMake files to write or keep
     * @param dependencies    the native packages the project depends on, for this platform
     * @param globalLibraries logical names of libraries to open with global symbol scope
     * @param pkgConfig       which pkg-config files the package carries
     * @param variant         the hardware variant the package is, or {@code null} for the baseline
     */
    public PackageRequest {
        dependencies = List.copyOf(dependencies);
        globalLibraries = List.copyOf(globalLibraries);
    }

    /**
     * A request without CMake files, pkg-config files, dependencies or global libraries.
     *
     * @param coordinates whose package this is
     * @param layout      the install prefix and which of its files to package
     * @param output      the JAR to write
     * @return the request
     */
    public static PackageRequest of(Coordinates coordinates, Layout layout, Output output) {
        return new PackageRequest(coordinates, layout, output, CMake.NONE, List.of(), List.of(), PkgConfigMode.NONE,
                null);
    }

    /**
     * @param cmake the CMake files to write or keep
     * @return this request with them
     */
    public PackageRequest withCMake(CMake cmake) {
        return new PackageRequest(coordinates, layout, output, cmake, dependencies, globalLibraries, pkgConfig,
                variant);
    }

    /**
     * @param packages the native packages the project depends on, for this platform
     * @return this request with them
     */
    public PackageRequest withDependencies(List<FoundPackage> packages) {
        return new PackageRequest(coordinates, layout, output, cmake, packages, globalLibraries, pkgConfig, variant);
    }

    /**
     * @param names logical names of libraries to open with global symbol scope
     * @return this request with them
     */
    public PackageRequest withGlobalLibraries(List<String> names) {
        return new PackageRequest(coordinates, layout, output, cmake, dependencies, names, pkgConfig, variant);
    }

    /**
     * @param mode which pkg-config files the package carries
     * @return this request with that choice
     */
    public PackageRequest withPkgConfig(PkgConfigMode mode) {
        return new PackageRequest(coordinates, layout, output, cmake, dependencies, globalLibraries, mode,
                variant);
    }

    /**
     * @param v the hardware variant the package is, or {@code null} for the platform's baseline
     * @return this request for that variant
     */
    public PackageRequest withVariant(PackageVariant v) {
        return new PackageRequest(coordinates, layout, output, cmake, dependencies, globalLibraries, pkgConfig, v);
    }

    /**
     * Whose package this is.
     *
     * @param groupId    the package's groupId
     * @param artifactId the package's artifactId
     * @param version    the package's version
     * @param platform   the platform the binaries are built for
     */
    public record Coordinates(String groupId, String artifactId, String version, Platform platform) {
    }

    /**
     * The install prefix and which of its files go into the package. Every directory and pattern is relative to the
     * prefix, with {@code /} separators.
     *
     * @param prefix             the install prefix (the output of {@code cmake --install}, or an unpacked prebuilt
     *                           tree)
     * @param libraryDirectories directories that hold shared libraries, searched with their subdirectories (so
     *                           Debian's {@code lib/x86_64-linux-gnu} is found under {@code lib})
     * @param includeDirectory   the directory that holds the public headers; may be missing
     * @param includes           ant-style patterns ({@code **}, {@code *}, {@code ?}) of the files to consider; empty
     *                           for all
     * @param excludes           ant-style patterns of files to leave out, applied after {@code includes}
     * @param staticLibraries    whether static archives ({@code *.a}) in the library directories are packaged
     */
    public record Layout(Path prefix, List<String> libraryDirectories, String includeDirectory,
                         List<String> includes, List<String> excludes, boolean staticLibraries) {

        /** The library directories when none are configured: those CMake's GNUInstallDirs and Windows use. */
        public static final List<String> DEFAULT_LIBRARY_DIRECTORIES = List.of("lib", "lib64", "bin");

        /**
         * Copies the lists.
         *
         * @param prefix             the install prefix
         * @param libraryDirectories directories that hold shared libraries, with their subdirectories
         * @param includeDirectory   the directory that holds the public headers
         * @param includes           patterns of the files to consider; empty for all
         * @param excludes           patterns of files to leave out
         * @param staticLibraries    whether static archives are packaged
         */
        public Layout {
            libraryDirectories = List.copyOf(libraryDirectories);
            includes = List.copyOf(includes);
            excludes = List.copyOf(excludes);
        }

        /**
         * @param prefix the install prefix
         * @return the layout {@code cmake --install} gives: libraries in {@code lib}, {@code lib64} or {@code bin},
         *         headers in {@code include}, every file considered, no static archives
         */
        public static Layout of(Path prefix) {
            return new Layout(prefix, DEFAULT_LIBRARY_DIRECTORIES, "include", List.of(), List.of(), false);
        }

        /**
         * @param directories directories that hold shared libraries
         * @return this layout with them
         */
        public Layout withLibraryDirectories(List<String> directories) {
            return new Layout(prefix, directories, includeDirectory, includes, excludes, staticLibraries);
        }

        /**
         * @param included patterns of the files to consider; empty for all
         * @param excluded patterns of files to leave out
         * @return this layout with them
         */
        public Layout withFilters(List<String> included, List<String> excluded) {
            return new Layout(prefix, libraryDirectories, includeDirectory, included, excluded, staticLibraries);
        }

        /**
         * @param packaged whether static archives are packaged
         * @return this layout with that choice
         */
        public Layout withStaticLibraries(boolean packaged) {
            return new Layout(prefix, libraryDirectories, includeDirectory, includes, excludes, packaged);
        }
    }

    /**
     * The JAR to write and how its entries are produced.
     *
     * @param jar              the JAR to write
     * @param timestamp        timestamp of every JAR entry
     * @param rewriteRunPaths  whether to rewrite absolute ELF run paths to {@code $ORIGIN}-relative ones in the
     *                         packaged copies (the install prefix itself is never modified)
     * @param stagingDirectory where rewritten copies are written
     */
    public record Output(Path jar, Instant timestamp, boolean rewriteRunPaths, Path stagingDirectory) {
    }

    /**
     * How the package presents itself to CMake.
     *
     * @param settings     the CMake files to generate; {@code null} to write none
     * @param keepExisting whether a CMake package the install prefix already has ({@code lib/cmake/**},
     *                     {@code lib/<triplet>/cmake/**}, {@code share/cmake/**}) is shipped instead of a generated
     *                     one
     */
    public record CMake(CMakeSettings settings, boolean keepExisting) {

        /** No generated CMake files; the prefix's own, if any, are shipped. */
        public static final CMake NONE = new CMake(null, true);
    }
}
