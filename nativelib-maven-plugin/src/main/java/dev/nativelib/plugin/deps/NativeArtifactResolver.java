package dev.nativelib.plugin.deps;

import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.PackageLayout;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.loader.platform.PlatformDetector;
import dev.nativelib.plugin.variant.Classifier;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;

/**
 * Finds the classifier JARs of a project's native dependencies for one platform, with Maven Resolver.
 *
 * <p>A native package's main artifact is its POM (its project has {@code pom} packaging and attaches one JAR per
 * platform), so projects depend on it with {@code <type>pom</type>}, and so do the POMs of packages that require it.
 * Maven has already resolved that graph (transitively, with dependency management and imported BOMs applied, each
 * node at its mediated version); for every {@code pom} node this resolver fetches {@code <G>:<A>:jar:<platform>:<V>}.
 * A dependency declared directly as a classifier JAR for the platform is used as it is; so is one that the platform
 * profiles of a package's deployed POM brought, which is the same file the {@code pom} node leads to and is counted
 * once.
 */
public final class NativeArtifactResolver {

    /** Platforms probed when a package lacks the requested one, to tell "not native" from "not built for this". */
    private static final List<String> COMMON_PLATFORMS = List.of("linux-x86_64", "linux-aarch_64", "osx-x86_64",
            "osx-aarch_64", "windows-x86_64", "windows-aarch_64", "linux-x86_64-musl", "linux-aarch_64-musl",
            "linux-ppcle_64", "linux-s390_64", "linux-riscv64");

    private final RepositorySystem repositorySystem;
    private final MavenSession session;
    private final MavenProject project;
    private final Log log;

    /**
     * @param repositorySystem Maven Resolver
     * @param session          the build session (reactor projects, repository session)
     * @param project          the project whose dependencies are resolved
     * @param log              where decisions are logged at debug level
     */
    public NativeArtifactResolver(RepositorySystem repositorySystem, MavenSession session, MavenProject project,
                                  Log log) {
        this.repositorySystem = repositorySystem;
        this.session = session;
        this.project = project;
        this.log = log;
    }

    /**
     * @param platform the platform whose packages are wanted
     * @return the native packages among the project's (non-test) dependencies, in dependency order as Maven lists
     *         them
     * @throws MojoExecutionException if a native dependency has no JAR for the platform, or a sibling module has not
     *                                been packaged yet; the message says which and what to do
     */
    public List<File> resolve(Platform platform) throws MojoExecutionException {
        return resolve(platform, null);
    }

    /**
     * As {@link #resolve(Platform)}, taking a hardware variant's JAR ({@code <platform>-<label>}) from each native
     * dependency that has one, and the baseline's from the others (see {@link VariantChoice}).
     *
     * @param platform the platform whose packages are wanted
     * @param variant  the variant's label, or {@code null} for the baselines
     * @return the native packages, in dependency order as Maven lists them
     * @throws MojoExecutionException as {@link #resolve(Platform)}, and if no native dependency has the variant; the
     *                                message lists the variants that exist
     */
    public List<File> resolve(Platform platform, String variant) throws MojoExecutionException {
        Set<File> jars = new LinkedHashSet<>();
        String wanted = variant == null ? null : platform.name() + "-" + variant;
        boolean found = false;
        Map<String, List<String>> variants = new LinkedHashMap<>();
        // A package's deployed POM brings its baseline JAR as well as its variants': with a variant chosen, the
        // baseline of a package whose variant was taken must not be unpacked over it.
        Map<String, File> baselines = new LinkedHashMap<>();
        Set<String> varied = new LinkedHashSet<>();
        for (Artifact a : project.getArtifacts()) {
            if (Artifact.SCOPE_TEST.equals(a.getScope())) {
                continue;
            }
            if ("jar".equals(a.getType()) && wanted != null && wanted.equals(a.getClassifier())) {
                jars.add(a.getFile());
                varied.add(a.getGroupId() + ":" + a.getArtifactId());
                found = true;
            } else if ("jar".equals(a.getType()) && platform.name().equals(a.getClassifier())) {
                jars.add(a.getFile());
                baselines.put(a.getGroupId() + ":" + a.getArtifactId(), a.getFile());
            } else if ("pom".equals(a.getType()) && (a.getClassifier() == null || a.getClassifier().isEmpty())) {
                if (wanted != null) {
                    File chosen = classifierJar(a, wanted);
                    if (chosen != null) {
                        log.info("Native dependency " + coordinates(a) + ": variant " + variant + " [" + wanted + "]");
                        jars.add(chosen);
                        varied.add(a.getGroupId() + ":" + a.getArtifactId());
                        found = true;
                        continue;
                    }
                    List<String> labels = new ArrayList<>();
                    for (String c : existingPlatforms(a, null)) {
                        Classifier parsed = parseClassifier(c);
                        if (parsed != null && parsed.platform().equals(platform)) {
                            labels.add(parsed.baseline() ? VariantChoice.BASELINE : parsed.label());
                        }
                    }
                    variants.put(coordinates(a), labels);
                    log.info("Native dependency " + coordinates(a) + " has no variant " + variant + " for "
                            + platform + "; using its baseline");
                }
                File jar = classifierJar(a, platform.name());
                if (jar != null) {
                    jars.add(jar);
                    continue;
                }
                List<String> existing = existingPlatforms(a, platform);
                if (existing.isEmpty()) {
                    log.debug("nativelib: " + a.getId() + " has no platform JARs; not a native package");
                    continue;
                }
                throw new MojoExecutionException("Native dependency " + coordinates(a) + " has no JAR for platform "
                        + platform + " (" + coordinates(a) + ":jar:" + platform + "). Classifiers that exist: "
                        + String.join(", ", existing) + ". Build and deploy the package for " + platform
                        + " (or pick one of those platforms with -Dnativelib.platform).");
            }
        }
        varied.forEach(ga -> {
            File baseline = baselines.get(ga);
            if (baseline != null) {
                jars.remove(baseline);
            }
        });
        if (wanted != null && !found) {
            throw new MojoExecutionException(VariantChoice.noneHasIt(variant, platform, variants));
        }
        return new ArrayList<>(jars);
    }

    private static Classifier parseClassifier(String text) {
        try {
            return Classifier.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Reads a native package's descriptor from whichever of its classifier JARs can be resolved: the build machine's
     * platform first, baselines before variants (every JAR of a release names the same requirements).
     *
     * @param groupId     the package's groupId
     * @param artifactId  its artifactId
     * @param version     its version
     * @param classifiers the classifiers it is released for, variants included
     * @return its descriptor
     * @throws MojoExecutionException if no JAR of it can be resolved or none holds its descriptor; the message lists
     *                                what was tried and says to build the package first
     */
    public PackageDescriptor descriptor(String groupId, String artifactId, String version,
                                        List<Classifier> classifiers) throws MojoExecutionException {
        Set<Classifier> order = new LinkedHashSet<>();
        try {
            Platform here = PlatformDetector.detect(System.getProperty("os.name"), System.getProperty("os.arch"));
            if (classifiers.contains(new Classifier(here, null))) {
                order.add(new Classifier(here, null));
            }
        } catch (IllegalArgumentException e) {
            // An unknown build machine: any listed platform will do.
        }
        classifiers.stream().filter(Classifier::baseline).forEach(order::add);
        order.addAll(classifiers);
        List<String> tried = new ArrayList<>();
        for (Classifier c : order) {
            Platform p = c.platform();
            DefaultArtifact wanted = new DefaultArtifact(groupId, artifactId, c.name(), "jar", version);
            try {
                File jar = repositorySystem.resolveArtifact(session.getRepositorySession(),
                        new ArtifactRequest(wanted, project.getRemoteProjectRepositories(), null)).getArtifact()
                        .getFile();
                if (jar == null || !jar.isFile()) {
                    tried.add(wanted + " (not packaged yet)");
                    continue;
                }
                for (FoundPackage f : packages(List.of(jar), p)) {
                    if (f.descriptor().artifactId().equals(artifactId)) {
                        return f.descriptor();
                    }
                }
                tried.add(wanted + " (no nativelib descriptor for " + artifactId + " inside)");
            } catch (ArtifactResolutionException e) {
                tried.add(wanted + " (not found)");
            }
        }
        throw new MojoExecutionException("Cannot read the descriptor of native package " + groupId + ":" + artifactId
                + ":" + version + " to learn what it requires; tried:\n  " + String.join("\n  ", tried)
                + "\nBuild it first: declare it as a dependency of " + project.getArtifactId()
                + " (<type>pom</type>) so the reactor orders the modules, or install it.");
    }

    private File classifierJar(Artifact a, String classifier) throws MojoExecutionException {
        DefaultArtifact wanted = new DefaultArtifact(a.getGroupId(), a.getArtifactId(), classifier, "jar",
                a.getBaseVersion());
        try {
            ArtifactResult result = repositorySystem.resolveArtifact(session.getRepositorySession(),
                    new ArtifactRequest(wanted, project.getRemoteProjectRepositories(), null));
            File file = result.getArtifact().getFile();
            if (file.isFile() && isNativePackage(file, "the " + classifier + " JAR of " + coordinates(a))) {
                return file;
            }
            if (file.isDirectory()) {
                throw notPackaged(a);
            }
            return null;
        } catch (ArtifactResolutionException e) {
            if (isReactorSibling(a)) {
                throw notPackaged(a);
            }
            return null;
        }
    }

    private List<String> existingPlatforms(Artifact a, Platform platform) throws MojoExecutionException {
        Set<String> candidates = new LinkedHashSet<>();
        File dir = a.getFile() == null ? null : a.getFile().getParentFile();
        String prefix = a.getArtifactId() + "-" + a.getVersion() + "-";
        File[] files = dir == null ? null : dir.listFiles();
        if (files != null) {
            for (File f : files) {
                String name = f.getName();
                if (name.startsWith(prefix) && name.endsWith(".jar")) {
                    String classifier = name.substring(prefix.length(), name.length() - 4);
                    if (parseClassifier(classifier) != null) {
                        candidates.add(classifier);
                    }
                }
            }
        }
        candidates.addAll(COMMON_PLATFORMS);
        if (platform != null) {
            candidates.remove(platform.name());
        }
        List<String> existing = new ArrayList<>();
        for (String c : candidates) {
            if (classifierJar(a, c) != null) {
                existing.add(c);
            }
        }
        return existing;
    }

    private boolean isReactorSibling(Artifact a) {
        return session.getProjects().stream().anyMatch(p -> p.getGroupId().equals(a.getGroupId())
                && p.getArtifactId().equals(a.getArtifactId()) && p.getVersion().equals(a.getVersion()));
    }

    private MojoExecutionException notPackaged(Artifact a) {
        return new MojoExecutionException("Native dependency " + coordinates(a) + " is a module of this build that"
                + " has not been packaged yet, so its platform JAR does not exist. Run the build to at least the"
                + " package phase (`mvn package` or `mvn install`), not only compile.");
    }

    /**
     * @param jar         a resolved classifier JAR
     * @param description names it in messages
     * @return whether it holds a nativelib index
     * @throws MojoExecutionException if it cannot be opened: a truncated download must not pass for a dependency
     *                                that is not a native package, which would be skipped without a word
     */
    static boolean isNativePackage(File jar, String description) throws MojoExecutionException {
        try (ZipFile zip = new ZipFile(jar)) {
            return zip.getEntry(PackageLayout.INDEX) != null;
        } catch (java.util.zip.ZipException e) {
            throw new MojoExecutionException("Cannot read " + jar + ", " + description + ": " + e.getMessage()
                    + " (the file is truncated, or is not a JAR). Delete it from the local Maven repository and build"
                    + " again to download it anew.", e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read " + jar + ", " + description + ": " + e.getMessage(), e);
        }
    }

    private static String coordinates(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getVersion();
    }

    /**
     * @param jars     classifier JARs from {@link #resolve}
     * @param platform their platform
     * @return their packages
     * @throws MojoExecutionException if one cannot be read
     */
    public static List<FoundPackage> packages(List<File> jars, Platform platform) throws MojoExecutionException {
        try {
            return NativeDependencies.find(jars, platform);
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("Cannot read a native dependency's descriptor: " + e.getMessage(), e);
        }
    }
}
