package dev.nativelib.loader;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link NativeLoader#load(String)} loaded: the requested library, the package it came from, and every file
 * mapped on its behalf.
 *
 * @param name        the name that was requested
 * @param path        the file loaded for that name (the last library of the package when the name is a package)
 * @param coordinates {@code groupId:artifactId:version} of the package
 * @param platform    the package's platform, e.g. {@code linux-x86_64}
 * @param origin      the JAR or class-path directory the package was read from
 * @param loaded      every library this request needed, dependencies' first, in load order
 */
public record LoadedLibrary(String name, Path path, String coordinates, String platform, String origin,
                            List<Path> loaded) {

    /**
     * Copies the list.
     *
     * @param name        the name that was requested
     * @param path        the file loaded for that name
     * @param coordinates {@code groupId:artifactId:version} of the package
     * @param platform    the package's platform
     * @param origin      the JAR or class-path directory the package was read from
     * @param loaded      every library this request needed, in load order
     */
    public LoadedLibrary {
        loaded = List.copyOf(loaded);
    }

    @Override
    public String toString() {
        return name + " from " + coordinates + " [" + platform + "]: " + path + " (extracted from " + origin + ")";
    }
}
