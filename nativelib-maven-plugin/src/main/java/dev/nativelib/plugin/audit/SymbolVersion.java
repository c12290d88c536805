package dev.nativelib.plugin.audit;

/**
 * An ELF symbol version a library requires, split into its namespace and version: {@code GLIBCXX_3.4.22} is
 * {@code GLIBCXX} {@code 3.4.22}, {@code CXXABI_TM_1} is {@code CXXABI} {@code TM_1}.
 *
 * @param namespace the part before the version, e.g. {@code GLIBC}
 * @param version   the version, e.g. {@code 2.17}; not always numeric ({@code PRIVATE}, {@code TM_1})
 */
record SymbolVersion(String namespace, String version) {

    /**
     * @param name a version name from a version-needs entry
     * @return it split, or {@code null} if it has no {@code _}
     */
    static SymbolVersion parse(String name) {
        // The version is what follows the last '_' when that is numeric (LIBFFI_BASE_8.0), else the first (CXXABI_TM_1).
        int last = name.lastIndexOf('_');
        if (last > 0 && numeric(name.substring(last + 1))) {
            return new SymbolVersion(name.substring(0, last), name.substring(last + 1));
        }
        int first = name.indexOf('_');
        return first > 0 && first < name.length() - 1
                ? new SymbolVersion(name.substring(0, first), name.substring(first + 1)) : null;
    }

    /**
     * @param version a version
     * @return whether it is dotted numeric, e.g. {@code 3.4.22}
     */
    static boolean numeric(String version) {
        return version.matches("[0-9]{1,9}(\\.[0-9]{1,9})*");
    }

    @Override
    public String toString() {
        return namespace + "_" + version;
    }
}
