package dev.nativelib.loader.descriptor;

import dev.nativelib.loader.platform.Platform;

/**
 * Where things live inside a classifier JAR.
 *
 * <pre>
 * META-INF/nativelib/index.list                                  one package root per line
 * META-INF/nativelib/&lt;groupId&gt;/&lt;artifactId&gt;/&lt;platform&gt;/nativelib.properties   the descriptor
 * META-INF/nativelib/&lt;groupId&gt;/&lt;artifactId&gt;/&lt;platform&gt;/lib/...            libraries
 * META-INF/nativelib/&lt;groupId&gt;/&lt;artifactId&gt;/&lt;platform&gt;/include/...        headers
 * </pre>
 *
 * <p>The index has a fixed name so that {@code ClassLoader.getResources} finds every package; it is line based so
 * that JAR-merging tools can concatenate the indexes of several packages.
 */
public final class PackageLayout {

    /** Directory of all nativelib content inside a JAR. */
    public static final String ROOT = "META-INF/nativelib/";

    /** The index resource every classifier JAR carries. */
    public static final String INDEX = ROOT + "index.list";

    /** File name of the descriptor inside a package root. */
    public static final String DESCRIPTOR = "nativelib.properties";

    private PackageLayout() {
    }

    /**
     * @param groupId    the package's groupId
     * @param artifactId the package's artifactId
     * @param platform   the package's platform
     * @return the package root relative to {@link #ROOT}, as written in the index, e.g.
     *         {@code dev.example/greet/linux-x86_64/}
     */
    public static String indexEntry(String groupId, String artifactId, Platform platform) {
        return groupId + "/" + artifactId + "/" + platform.name() + "/";
    }

    /**
     * @param d a package's descriptor
     * @return its root relative to {@link #ROOT}, as written in the index: {@code <groupId>/<artifactId>/<classifier>/}
     *         (the classifier names a variant after the platform, e.g. {@code linux-x86_64-v3})
     */
    public static String indexEntry(PackageDescriptor d) {
        return d.groupId() + "/" + d.artifactId() + "/" + d.classifier() + "/";
    }

    /**
     * @param d a package's descriptor
     * @return its root as a JAR entry name, ending in {@code /}
     */
    public static String packageRoot(PackageDescriptor d) {
        return ROOT + indexEntry(d);
    }

    /**
     * @param groupId    the package's groupId
     * @param artifactId the package's artifactId
     * @param platform   the package's platform
     * @return the package root as a JAR entry name, ending in {@code /}
     */
    public static String packageRoot(String groupId, String artifactId, Platform platform) {
        return ROOT + indexEntry(groupId, artifactId, platform);
    }
}
