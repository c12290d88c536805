package dev.nativelib.plugin.cmake;

import java.util.List;

/**
 * How a package presents itself to CMake.
 *
 * @param packageName        the name for {@code find_package(<packageName>)}
 * @param namespace          the namespace of the imported targets, {@code <namespace>::<library>}
 * @param compatibility      which requested versions the package accepts
 * @param includeDirectories include directories relative to the package root that the imported targets carry
 *                           beyond the package's include directory ({@code <cmakeIncludeDirectories>}); packaging
 *                           fails if one would be missing from the package, since CMake rejects imported targets
 *                           naming missing directories
 * @param compileDefinitions definitions consumers compile with, e.g. {@code GREET_SHARED}
 */
public record CMakeSettings(String packageName, String namespace, Compatibility compatibility,
                            List<String> includeDirectories, List<String> compileDefinitions) {

    /**
     * Validates the names and copies the lists.
     *
     * @param packageName        the name for {@code find_package(<packageName>)}
     * @param namespace          the namespace of the imported targets
     * @param compatibility      which requested versions the package accepts
     * @param includeDirectories include directories the imported targets carry beyond the package's include
     *                           directory
     * @param compileDefinitions definitions consumers compile with
     * @throws IllegalArgumentException if the package name or namespace is missing or holds characters other than
     *                                  letters, digits and {@code _ . + -}
     */
    public CMakeSettings {
        if (packageName == null || !packageName.matches("[A-Za-z0-9_.+-]+")) {
            throw new IllegalArgumentException("CMake package name '" + packageName + "' must be letters, digits"
                    + " and _ . + -");
        }
        if (namespace == null || !namespace.matches("[A-Za-z0-9_.+-]+")) {
            throw new IllegalArgumentException("CMake namespace '" + namespace + "' must be letters, digits and"
                    + " _ . + -");
        }
        includeDirectories = List.copyOf(includeDirectories);
        compileDefinitions = List.copyOf(compileDefinitions);
    }
}
