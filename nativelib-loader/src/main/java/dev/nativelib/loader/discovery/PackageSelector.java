package dev.nativelib.loader.discovery;

import dev.nativelib.loader.settings.Settings;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.platform.Libc;
import dev.nativelib.loader.platform.Platform;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Picks the package that provides a requested name on a platform, or explains precisely why there is none.
 * A package provides a name when its artifactId is that name or it holds a library of that logical name.
 */
public final class PackageSelector {

    private PackageSelector() {
    }

    /**
     * @param name      what {@code NativeLoader.load} was asked for
     * @param platform  the running platform
     * @param available every package on the class path, for all platforms; when it is what
     *                  {@link PackageFinder#find} returned and no package provides {@code name}, the message first
     *                  names the class-path JARs that could not be read
     * @return the one package that provides {@code name} on {@code platform}; of a package with variants, the one
     *         a {@link VariantChooser} of this machine chooses
     * @throws SelectionException if there is none, or more than one
     * @throws VariantChooser.VariantException if it has variants and none fits this machine
     */
    public static FoundPackage select(String name, Platform platform, List<FoundPackage> available) {
        return select(name, platform, available, null);
    }

    /**
     * @param name      what {@code NativeLoader.load} was asked for
     * @param platform  the running platform
     * @param available every package on the class path, as for {@link #select(String, Platform, List)}
     * @param chooser   chooses among the variants of the package, and remembers the choice for its dependencies;
     *                  {@code null} for a new one that detects this machine when a package has variants
     * @return the one package that provides {@code name} on {@code platform}, among variants the chosen one
     * @throws SelectionException if there is none, or more than one (variants of one package are one package)
     * @throws VariantChooser.VariantException if it has variants and none fits
     */
    public static FoundPackage select(String name, Platform platform, List<FoundPackage> available,
                                      VariantChooser chooser) {
        List<FoundPackage> providers = new java.util.ArrayList<>();
        List<FoundPackage> matching = new java.util.ArrayList<>();
        for (FoundPackage p : available) {
            if (provides(p.descriptor(), name)) {
                providers.add(p);
                if (p.descriptor().platform().equals(platform)) {
                    matching.add(p);
                }
            }
        }
        if (matching.size() == 1 && matching.get(0).descriptor().variant() == null) {
            return matching.get(0);
        }
        if (!matching.isEmpty() && oneArtifact(matching) && VariantChooser.variantsOfOne(matching)) {
            return (chooser != null ? chooser : VariantChooser.forThisMachine()).choose(matching, "requested");
        }
        if (matching.size() > 1) {
            throw new SelectionException("More than one native package for platform " + platform + " provides '"
                    + name + "':\n" + list(matching)
                    + "Keep exactly one of them on the class path (check `mvn dependency:tree` for two versions"
                    + " of the same package).");
        }
        StringBuilder m = new StringBuilder();
        List<String> unreadable = PackageFinder.unreadableJars(available);
        if (unreadable.size() == 1) {
            m.append("Cannot read a JAR on the class path, which the JVM skips without a word; the package that"
                    + " provides '").append(name).append("' may be in it:\n  ").append(unreadable.get(0))
                    .append("\nReplace it with a complete copy");
        } else if (!unreadable.isEmpty()) {
            m.append("Cannot read ").append(unreadable.size()).append(" JARs on the class path, which the JVM skips"
                    + " without a word; the package that provides '").append(name).append("' may be in one of them:\n");
            for (String u : unreadable) {
                m.append("  ").append(u).append('\n');
            }
            m.append("Replace each with a complete copy");
        }
        if (!unreadable.isEmpty()) {
            m.append(" (for a JAR from the local Maven repository, delete it there and build again to download it"
                    + " anew).\n");
        }
        if (!providers.isEmpty()) {
            m.append("No native package for platform ").append(platform).append(" provides '").append(name)
                    .append("'.\nFound on the class path for other platforms:\n").append(list(providers))
                    .append(otherLibc(platform, providers));
            PackageDescriptor d = providers.get(0).descriptor();
            m.append("Add the package for this platform to your dependencies:\n")
                    .append(dependency(d.groupId(), d.artifactId(), d.version(), platform.name()));
        } else {
            m.append("No native package provides '").append(name).append("' for platform ").append(platform)
                    .append(" (no package has that artifactId and none holds a library of that name).\n");
            if (available.isEmpty()) {
                m.append("There are no native packages on the class path.\n");
            } else {
                m.append("Native packages on the class path:\n").append(list(available));
            }
            m.append("Add the JAR of the package that ships '").append(name)
                    .append("' to your dependencies, with <classifier>").append(platform.name())
                    .append("</classifier>.\n");
        }
        m.append("If the platform was detected wrongly, set -D").append(Settings.PLATFORM.property())
                .append("=<platform>.");
        throw new SelectionException(m.toString());
    }

    /**
     * @return a line for each platform of {@code providers} that differs from {@code platform} only in its libc
     *         (glibc vs. musl), which the class-path listing alone makes easy to misread as a match
     */
    private static String otherLibc(Platform platform, List<FoundPackage> providers) {
        if (!platform.os().equals("linux")) {
            return "";
        }
        return providers.stream().map(p -> p.descriptor().platform())
                .filter(p -> p.os().equals(platform.os()) && p.arch().equals(platform.arch())
                        && !Objects.equals(p.variant(), platform.variant()))
                .distinct()
                .map(p -> "Found " + p + ", but this JVM runs on " + Libc.describe(platform.variant()) + " ("
                        + platform + "): libraries built for " + Libc.describe(p.variant()) + " do not load with "
                        + Libc.describe(platform.variant()) + ".\n")
                .collect(Collectors.joining());
    }

    private static boolean oneArtifact(List<FoundPackage> packages) {
        PackageDescriptor first = packages.get(0).descriptor();
        for (FoundPackage p : packages) {
            if (!p.descriptor().groupId().equals(first.groupId())
                    || !p.descriptor().artifactId().equals(first.artifactId())) {
                return false;
            }
        }
        return true;
    }

    private static boolean provides(PackageDescriptor d, String name) {
        return d.artifactId().equals(name) || d.library(name).isPresent();
    }

    private static String list(List<FoundPackage> packages) {
        return packages.stream()
                .map(p -> "  " + p.descriptor().coordinates() + " [" + p.descriptor().classifier() + "] in "
                        + p.origin() + ", libraries: "
                        + p.descriptor().libraries().stream().map(l -> l.name()).collect(Collectors.joining(", "))
                        + "\n")
                .collect(Collectors.joining());
    }

    private static String dependency(String groupId, String artifactId, String version, String classifier) {
        return "  <dependency>\n"
                + "    <groupId>" + groupId + "</groupId>\n"
                + "    <artifactId>" + artifactId + "</artifactId>\n"
                + "    <version>" + version + "</version>\n"
                + "    <classifier>" + classifier + "</classifier>\n"
                + "  </dependency>\n";
    }

    /** No package, or more than one, provides a requested name. */
    public static final class SelectionException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SelectionException(String message) {
            super(message);
        }
    }
}
