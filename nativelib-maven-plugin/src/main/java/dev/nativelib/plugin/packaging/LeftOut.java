package dev.nativelib.plugin.packaging;

/**
 * A file of the install prefix that is not packaged, and why.
 *
 * @param path   the file, relative to the prefix
 * @param reason why it is left out
 * @param detail what decided it (the {@code <excludes>} pattern that matched), or {@code null}
 */
public record LeftOut(String path, Reason reason, String detail) {

    /**
     * Why files are left out. Every reason and its wording is here, so that a kind of file the package starts to
     * carry (pkg-config files, say) is one change.
     */
    public enum Reason {
        /** Matched a pattern of {@code <excludes>}. */
        EXCLUDED("excluded by <excludes> pattern"),
        /** Matched no pattern of {@code <includes>}. */
        NOT_INCLUDED("matched no pattern of <includes>"),
        /** A static archive, and {@code staticLibraries} is off. */
        STATIC_ARCHIVE("static archives (set <staticLibraries>true</staticLibraries> to ship them)"),
        /** One of the prefix's own pkg-config files, when {@code <pkgConfig>} is not {@code auto}. */
        PKG_CONFIG("the prefix's own pkg-config files (<pkgConfig> is generate or none; auto ships them)"),
        /** Documentation: {@code share/doc}, {@code share/man}, {@code share/info}. */
        DOCUMENTATION("documentation"),
        /** A CMake package of the prefix, replaced by the generated one. */
        CMAKE_REPLACED("the prefix's own CMake files (replaced by generated ones: <keepExistingCMakeConfig> is"
                + " false)"),
        /** A symbolic link whose target does not exist, outside the library directories. */
        DANGLING_LINK("dangling symbolic links"),
        /** In a library directory, but neither a library nor a file of a kind above. */
        OTHER_IN_LIBRARY_DIRECTORY("other files in the library directories (neither libraries nor headers)"),
        /** Outside every library and include directory. */
        OUTSIDE("outside the library directories (<libraryDirectories>) and include directories");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        /** @return what the summary says about the files left out for this reason */
        public String description() {
            return description;
        }
    }
}
