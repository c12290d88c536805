package dev.nativelib.plugin.packaging;

import java.nio.file.Path;
import java.util.List;

/**
 * What an install prefix holds that goes into a package, and what it holds that does not. Every path is relative to
 * the prefix and uses {@code /} separators.
 *
 * @param prefix          the install prefix
 * @param libraries       real shared-library files, sorted
 * @param aliases         symbolic links to shared libraries, sorted by link path
 * @param headers         files under the include directories, sorted
 * @param importLibraries Windows import libraries ({@code *.lib}, {@code *.dll.a}) in the library directories
 * @param cmakeFiles      files of CMake packages the install already has ({@code lib/cmake/**},
 *                        {@code lib/<multiarch tuple>/cmake/**}, {@code share/cmake/**})
 * @param staticLibraries static archives to package, sorted (empty unless asked for)
 * @param includePath     the include directories that hold packaged headers, in the order a compiler searches them
 * @param leftOut         the files not packaged, with the reason, sorted by path
 * @param pkgConfigFiles  the prefix's own pkg-config files ({@code <library directory>/**&#47;pkgconfig/*.pc},
 *                        {@code share/pkgconfig/*.pc}) that {@code <includes>}/{@code <excludes>} keep, sorted
 */
public record PrefixContents(Path prefix, List<String> libraries, List<Alias> aliases, List<String> headers,
                             List<String> importLibraries, List<String> cmakeFiles, List<String> staticLibraries,
                             List<String> includePath, List<LeftOut> leftOut, List<String> pkgConfigFiles) {

    /**
     * Copies the lists.
     *
     * @param prefix          the install prefix
     * @param libraries       real shared-library files, sorted
     * @param aliases         symbolic links to shared libraries, sorted by link path
     * @param headers         files under the include directories, sorted
     * @param importLibraries Windows import libraries in the library directories
     * @param cmakeFiles      files of CMake packages the install already has
     * @param staticLibraries static archives to package
     * @param includePath     the include directories that hold packaged headers, in search order
     * @param leftOut         the files not packaged, with the reason
     * @param pkgConfigFiles  the prefix's own pkg-config files
     */
    public PrefixContents {
        libraries = List.copyOf(libraries);
        aliases = List.copyOf(aliases);
        headers = List.copyOf(headers);
        importLibraries = List.copyOf(importLibraries);
        cmakeFiles = List.copyOf(cmakeFiles);
        staticLibraries = List.copyOf(staticLibraries);
        includePath = List.copyOf(includePath);
        pkgConfigFiles = List.copyOf(pkgConfigFiles);
        leftOut = List.copyOf(leftOut);
    }

    /**
     * A symbolic link in the prefix.
     *
     * @param path   the link, relative to the prefix
     * @param target the link's target as stored in the link (relative to the link's directory)
     */
    public record Alias(String path, String target) {
    }
}
