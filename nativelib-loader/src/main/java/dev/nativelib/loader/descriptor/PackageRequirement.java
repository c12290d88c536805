package dev.nativelib.loader.descriptor;

/**
 * Another native package this one was built against and needs at run time.
 *
 * @param groupId    its groupId
 * @param artifactId its artifactId
 * @param version    the version this package was built against
 */
public record PackageRequirement(String groupId, String artifactId, String version) {

    /** @return {@code groupId:artifactId} */
    public String key() {
        return groupId + ":" + artifactId;
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
