package dev.nativelib.loader.descriptor;

/**
 * A symbolic link of the install prefix, such as {@code lib/libgreet.so -> libgreet.so.1}. A JAR cannot hold
 * links, so the descriptor records them and extraction recreates them.
 *
 * @param path   path of the link relative to the package root, e.g. {@code lib/libgreet.so}
 * @param target the link's target relative to the link's directory, e.g. {@code libgreet.so.1} or
 *               {@code ../lib64/libgreet.so.1}: plain names after any leading {@code ..} segments, staying inside
 *               the package. A {@link PackageDescriptor} further requires it to be a library or another alias of
 *               the package, and its aliases to form no cycle.
 */
public record AliasEntry(String path, String target) {

    /**
     * Validates the alias.
     *
     * @param path   path of the link relative to the package root
     * @param target the link's target relative to the link's directory
     * @throws IllegalArgumentException if {@code path} is not a relative path with only plain segments, or
     *                                  {@code target} is empty, absolute, not plain names after any leading
     *                                  {@code ..} segments, or leaves the package
     */
    public AliasEntry {
        PackagePaths.requireRelative(path, "alias path");
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
        PackagePaths.requireLinkTarget(target, "target of alias " + path, dir);
    }

    /** @return the path the alias points to, relative to the package root */
    public String resolvedTarget() {
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
        return PackagePaths.normalize(dir + target);
    }
}
