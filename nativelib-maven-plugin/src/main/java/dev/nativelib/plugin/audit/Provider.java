package dev.nativelib.plugin.audit;

/** What satisfies a needed library. */
public enum Provider {
    /** A library (or alias) of the package being audited. */
    PACKAGE("package"),
    /** A library of a declared native dependency. */
    DEPENDENCY("dependency"),
    /** The platform's base system (or the named policy's). */
    BASE_SYSTEM("base-system"),
    /** The other Linux C library: glibc's for a musl package, musl's for a glibc package. */
    OTHER_LIBC("other-libc"),
    /** Nothing: the library is needed by a path, which the dynamic loader opens literally. */
    BY_PATH("by-path"),
    /** Nothing provides it. */
    NONE("none");

    private final String id;

    Provider(String id) {
        this.id = id;
    }

    /** @return the id the JSON report uses, e.g. {@code base-system} */
    public String id() {
        return id;
    }
}
