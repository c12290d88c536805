package dev.nativelib.loader.descriptor;

/**
 * Another native package this one was built against and needs at run time.
 *
 * @param groupId    its groupId
 * @param artifactId its artifactId
 * @param version    the version this package was built against
 * @param range      the versions it accepts at run time, e.g. {@code [1.2.0,2)}
 */
public record PackageRequirement(String groupId, String artifactId, String version, VersionRange range) {

    /**
     * A requirement accepting the same major version, not older than the one built against.
     *
     * @param groupId    its groupId
     * @param artifactId its artifactId
     * @param version    the version built against
     */
    public PackageRequirement(String groupId, String artifactId, String version) {
        this(groupId, artifactId, version, VersionRange.sameMajor(version));
    }

    /** @return {@code groupId:artifactId} */
    public String key() {
        return groupId + ":" + artifactId;
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
