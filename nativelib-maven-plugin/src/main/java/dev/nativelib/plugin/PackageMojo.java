package dev.nativelib.plugin;

import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.packaging.NativePackager;
import dev.nativelib.plugin.packaging.PackagingException;
import dev.nativelib.plugin.packaging.PreparedPackage;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;

/**
 * Packages an install prefix (the output of {@code cmake --install}) into a classifier JAR for one platform and
 * attaches it to the project. Every library's SONAME, needed libraries, run paths, architecture and minimum glibc are
 * read from the binary and recorded in the descriptor, the libraries are ordered so each follows what it needs, and
 * the package is audited (see the {@code audit} goal) before the JAR is written.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class PackageMojo extends AbstractNativeMojo {

    /** The classifier of the attached JAR; defaults to the platform name. */
    @Parameter(property = "nativelib.classifier")
    private String classifier;

    /** Skips the audit that packaging runs. */
    @Parameter(property = "nativelib.audit.skip", defaultValue = "false")
    private boolean skipAudit;

    /**
     * Store the libraries in the JAR uncompressed. The JAR gets larger (shared libraries typically compress to half
     * their size or less), but the loader's first extraction becomes a plain copy instead of inflating.
     */
    @Parameter(property = "nativelib.storeLibraries", defaultValue = "false")
    private boolean storeLibraries;

    /**
     * How many threads compress the JAR's entries; by default one per processor. Each entry (a library larger than
     * 4 MiB in 4 MiB pieces) is compressed into memory or, when large, a temporary file beside the JAR, and the
     * results are copied into the JAR in a fixed order: the JAR's bytes are the same whatever the value. {@code 1}
     * compresses on Maven's own thread, for a build machine shared with other work.
     */
    @Parameter(property = "nativelib.compressionThreads")
    private Integer compressionThreads;

    /**
     * Adds profiles to the POM this project installs and deploys (never to the one it is built from) that bring, to a
     * build depending on the package ({@code <type>pom</type>}), the JAR for that build's platform; since the POM keeps
     * its dependencies on the POMs of the packages it requires, a consumer gets their JARs too, transitively. The
     * profiles list the platforms whose JARs are attached to this build ({@code assemble} adds the ones it attaches).
     * For {@code pom}-packaged projects only. Maven 4 deploys a consumer POM it derives from {@code pom.xml} instead,
     * unless the build runs with {@code -Dmaven.consumer.pom=false}; without it this goal warns under Maven 4.
     */
    @Parameter(property = "nativelib.platformProfiles", defaultValue = "true")
    private boolean platformProfiles;

    /** Skips packaging. */
    @Parameter(property = "nativelib.skip", defaultValue = "false")
    private boolean skip;

    private final MavenProjectHelper projectHelper;

    /**
     * @param projectHelper    attaches the written JAR to the project under its classifier
     * @param repositorySystem Maven Resolver, which fetches the classifier JARs of native dependencies
     */
    @Inject
    public PackageMojo(MavenProjectHelper projectHelper, RepositorySystem repositorySystem) {
        super(repositorySystem);
        this.projectHelper = projectHelper;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping nativelib:package (nativelib.skip=true)");
            return;
        }
        int threads = compressionThreads == null ? Runtime.getRuntime().availableProcessors() : compressionThreads;
        if (threads < 1) {
            throw new MojoFailureException("<compressionThreads> is " + compressionThreads + ", but must be at least 1"
                    + " (1 compresses on Maven's own thread; leave it unset for one thread per processor).");
        }
        Platform target = targetPlatform();
        String jarClassifier = classifier == null || classifier.isBlank() ? target.name() : classifier.trim();
        Path output = Path.of(project.getBuild().getDirectory(),
                project.getBuild().getFinalName() + "-" + jarClassifier + ".jar");
        PreparedPackage prepared = prepare(target, output);
        prepared.rewrites().forEach(r -> getLog().info("Rewrote " + r));
        prepared.summary().lines().forEach(getLog()::info);
        if (skipAudit) {
            getLog().info("Skipping the nativelib audit (nativelib.audit.skip=true)");
        } else {
            audit(prepared);
        }
        try {
            NativePackager.write(prepared, storeLibraries, threads);
        } catch (PackagingException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (prepared.descriptor().cmakeName() != null) {
            getLog().info("CMake: find_package(" + prepared.descriptor().cmakeName() + ") gives "
                    + String.join(", ", prepared.descriptor().libraries().stream()
                    .map(l -> prepared.descriptor().cmakeNamespace() + "::" + l.name()).toList()));
        }
        List<String> pcFiles = prepared.generated().keySet().stream().filter(p -> p.endsWith(".pc")).toList();
        if (!pcFiles.isEmpty()) {
            getLog().info("pkg-config: " + String.join(", ", pcFiles));
        }
        for (LibraryEntry library : prepared.descriptor().libraries()) {
            getLog().info("  " + library.path() + " (" + library.name() + ", " + library.size() + " bytes"
                    + (library.soname() == null ? "" : ", " + library.soname()) + ")");
        }
        int count = prepared.descriptor().libraries().size();
        getLog().info("Packaged " + count + " librar" + (count == 1 ? "y" : "ies") + " for " + target + " into "
                + output);
        projectHelper.attachArtifact(project, "jar", jarClassifier, output.toFile());
        if (platformProfiles) {
            PlatformProfilesStep.run(project, session, getLog());
        }
    }
}
