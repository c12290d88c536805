package dev.nativelib.plugin.assemble;

import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.variant.Classifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Assembles one release of a native package from classifier JARs built on several machines (a CI matrix): those in a
 * directory, plus those this build attached itself. Checks that every expected platform is there exactly once, that
 * every JAR is this project's package at this version and is named for the platform its descriptor names, and that the
 * descriptors agree on the package's libraries; reports every problem at once.
 */
public final class ReleaseAssembler {

    private final String groupId;
    private final String artifactId;
    private final String version;
    private final PlatformSet platforms;
    private final DescriptorAgreement agreement;

    /**
     * @param groupId                   the project's groupId
     * @param artifactId                the project's artifactId
     * @param version                   the project's version
     * @param expected                  the platforms the release must have, at least one
     * @param platformSpecificLibraries logical names of libraries only some platforms carry, left out of the
     *                                  agreement check
     */
    public ReleaseAssembler(String groupId, String artifactId, String version, Collection<Platform> expected,
                            Collection<String> platformSpecificLibraries) {
        this(groupId, artifactId, version, new PlatformSet(expected), platformSpecificLibraries);
    }

    private ReleaseAssembler(String groupId, String artifactId, String version, PlatformSet expected,
                             Collection<String> platformSpecificLibraries) {
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.version = version;
        this.platforms = expected;
        this.agreement = new DescriptorAgreement(platformSpecificLibraries);
    }

    /**
     * A release with hardware variants: each variant is one more JAR, expected by its classifier, and agrees with
     * the others as a platform does.
     *
     * @param groupId                   the project's groupId
     * @param artifactId                the project's artifactId
     * @param version                   the project's version
     * @param expected                  the classifiers the release must have, at least one: platforms, and
     *                                  {@code <platform>-<label>} for variants
     * @param platformSpecificLibraries logical names of libraries only some platforms carry
     * @return the assembler
     */
    public static ReleaseAssembler forClassifiers(String groupId, String artifactId, String version,
                                                  List<Classifier> expected,
                                                  Collection<String> platformSpecificLibraries) {
        return new ReleaseAssembler(groupId, artifactId, version, PlatformSet.ofClassifiers(expected),
                platformSpecificLibraries);
    }

    /**
     * @param directory       the directory of JARs from other machines, searched recursively (a CI download step may
     *                        put each machine's JARs in a subdirectory); need not exist when this build attached
     *                        every platform
     * @param attachedByBuild classifier to file of the JARs this build attached; those that are not this project's
     *                        nativelib packages (a sources JAR, say) are not part of the release check
     * @return the verified release
     * @throws AssemblyException if anything is missing or inconsistent, listing every problem
     * @throws IOException       if the directory cannot be listed or a JAR cannot be hashed
     */
    public Assembly assemble(Path directory, Map<String, Path> attachedByBuild) throws AssemblyException, IOException {
        List<String> problems = new ArrayList<>();
        List<PlatformJar> fromDirectory = new ArrayList<>();
        List<PlatformJar> comparable = new ArrayList<>();
        for (Path jar : jarsIn(directory, problems)) {
            String label = directory.relativize(jar).toString();
            try {
                PlatformJar read = PackageJars.read(jar, label, false);
                fromDirectory.add(read);
                boolean ours = checkCoordinates(read, problems);
                checkFileName(read, problems);
                if (ours) {
                    comparable.add(read);
                }
            } catch (NotAPackageException e) {
                problems.add(label + ": " + e.getMessage());
            }
        }
        List<PlatformJar> attached = new ArrayList<>();
        for (Map.Entry<String, Path> e : new TreeMap<>(attachedByBuild).entrySet()) {
            PlatformJar read;
            try {
                read = PackageJars.read(e.getValue(), e.getValue() + " (attached by this build)", true);
            } catch (NotAPackageException notOurs) {
                continue;
            }
            PackageDescriptor d = read.descriptor();
            if (!d.groupId().equals(groupId) || !d.artifactId().equals(artifactId)) {
                continue;
            }
            attached.add(read);
            if (checkCoordinates(read, problems)) {
                comparable.add(read);
            }
            if (!e.getKey().equals(read.classifier())) {
                problems.add(read.label() + ": attached with classifier " + e.getKey() + ", but its descriptor is"
                        + " for " + describe(read) + "; a release's classifiers are its platforms (and variants)");
            }
        }
        PlatformSet.Selection selection = platforms.select(fromDirectory, attached);
        problems.addAll(selection.problems());
        // Compare only the JARs the release would carry, and only those of this version: another version's
        // libraries may differ for good reason, and its JAR is already reported.
        problems.addAll(agreement.differences(selection.chosen().values().stream().filter(comparable::contains)
                .map(PlatformJar::descriptor).toList()));
        if (!problems.isEmpty()) {
            throw new AssemblyException(groupId + ":" + artifactId + ":" + version + " for "
                    + String.join(", ", platforms.expected()) + " from " + directory
                    + (Files.exists(directory) ? "" : " (which does not exist)"), problems);
        }
        List<PlatformJar> toAttach = new ArrayList<>();
        List<PlatformJar> alreadyAttached = new ArrayList<>();
        for (PlatformJar j : selection.chosen().values()) {
            (j.attachedByBuild() ? alreadyAttached : toAttach).add(j);
        }
        return new Assembly(toAttach, alreadyAttached, selection.identical());
    }

    private static List<Path> jarsIn(Path directory, List<String> problems) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        if (!Files.isDirectory(directory)) {
            problems.add(directory + " is not a directory");
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** @return whether the JAR is this project's package at this version; if not, the problem is recorded */
    private boolean checkCoordinates(PlatformJar jar, List<String> problems) {
        PackageDescriptor d = jar.descriptor();
        if (d.groupId().equals(groupId) && d.artifactId().equals(artifactId) && d.version().equals(version)) {
            return true;
        }
        boolean sameArtifact = d.groupId().equals(groupId) && d.artifactId().equals(artifactId);
        problems.add(jar.label() + ": holds " + d.coordinates() + " [" + d.platform() + "], not "
                + groupId + ":" + artifactId + ":" + version + (sameArtifact ? " (built from another version)"
                : " (another package)"));
        return false;
    }

    /** The classifier a JAR is deployed with is its descriptor's platform; a file name saying otherwise is a mix-up. */
    private static void checkFileName(PlatformJar jar, List<String> problems) {
        String name = jar.file().getFileName().toString();
        String classifier = jar.classifier();
        if (name.endsWith("-" + classifier + ".jar")) {
            return;
        }
        PackageDescriptor d = jar.descriptor();
        String prefix = d.artifactId() + "-" + d.version() + "-";
        String said = name.startsWith(prefix) && name.endsWith(".jar") && name.length() > prefix.length() + 4
                ? "its file name says classifier " + name.substring(prefix.length(), name.length() - 4)
                : "its file name does not end in -" + classifier + ".jar";
        problems.add(jar.label() + ": " + said + ", but its descriptor is for " + describe(jar));
    }

    /** @return "platform linux-x86_64", or for a variant "variant v3 of platform linux-x86_64 (linux-x86_64-v3)" */
    private static String describe(PlatformJar jar) {
        PackageDescriptor d = jar.descriptor();
        return d.variant() == null ? "platform " + d.platform()
                : "variant " + d.variant().label() + " of platform " + d.platform() + " (" + d.classifier() + ")";
    }
}
