package dev.nativelib.plugin;

import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageVariant;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.packaging.NativePackager;
import dev.nativelib.plugin.packaging.PackagingException;
import dev.nativelib.plugin.packaging.PreparedPackage;
import dev.nativelib.plugin.variant.VariantParameters;
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
 *
 * <p>With {@code variantProperties} the JAR is a hardware variant of the platform (a build for x86-64-v3, for CUDA
 * 12, ...), attached as {@code <platform>-<label>}; package each variant in its own execution or build, from its own
 * install prefix, and release them together with the baseline.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class PackageMojo extends AbstractNativeMojo {

    /**
     * The classifier of the attached JAR; defaults to the platform name, and for a hardware variant to
     * {@code <platform>-<variantLabel>}. A variant's JAR must carry that classifier (platform POMs, {@code assemble}
     * and {@code unpack} find variants by it), so with {@code variantProperties} this may only repeat it.
     */
    @Parameter(property = "nativelib.classifier")
    private String classifier;

    /**
     * Builds a hardware variant of the platform: the properties a machine must have to run this build, each
     * {@code namespace :: feature :: value}, e.g. {@code <variantProperties><variantProperty>x86_64 :: level :: v3
     * </variantProperty></variantProperties>} for a build with {@code -march=x86-64-v3}, {@code cuda :: runtime :: 12}
     * for one against CUDA 12, {@code blas :: backend :: openblas}. On the command line, separated by commas:
     * {@code -Dnativelib.variantProperties=x86_64::level::v3}. The descriptor records them; the loader picks, among
     * the variants on the class path, the best one the machine has every property of, and the baseline (a package
     * built without this parameter) when none fits. Unset: the platform's baseline, packaged exactly as before.
     */
    @Parameter(property = "nativelib.variantProperties")
    private List<String> variantProperties;

    /**
     * The variant's label, which names it in the classifier {@code <platform>-<label>} (e.g.
     * {@code linux-x86_64-v3}): a lowercase letter, then up to 15 lowercase letters, digits or {@code _}; not
     * {@code musl}, {@code glibc} or {@code gnu}. Unset: derived from {@code variantProperties}, one part per property
     * joined by {@code _}: the feature for a value {@code on} ({@code aarch64 :: sve :: on} gives {@code sve}), the
     * value when it starts with a letter ({@code x86_64 :: level :: v3} gives {@code v3},
     * {@code blas :: backend :: mkl} gives {@code mkl}), else the namespace and the value with {@code .} made
     * {@code _} ({@code cuda :: runtime :: 12} gives {@code cuda12}).
     */
    @Parameter(property = "nativelib.variantLabel")
    private String variantLabel;

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
        PackageVariant variant;
        try {
            variant = VariantParameters.parse(variantLabel, variantProperties);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        String ownClassifier = variant == null ? target.name() : target.name() + "-" + variant.label();
        String jarClassifier = classifier == null || classifier.isBlank() ? ownClassifier : classifier.trim();
        if (variant != null && !jarClassifier.equals(ownClassifier)) {
            throw new MojoExecutionException("<classifier> is " + jarClassifier + ", but the variant "
                    + variant.label() + " (" + variant.describe() + ") of " + target + " must be attached as "
                    + ownClassifier + ", the name platform POMs, assemble and unpack find it by; leave <classifier>"
                    + " unset, or set <variantLabel> to name the variant.");
        }
        Path output = Path.of(project.getBuild().getDirectory(),
                project.getBuild().getFinalName() + "-" + jarClassifier + ".jar");
        PreparedPackage prepared = prepare(target, variant, output);
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
        getLog().info("Packaged " + count + " librar" + (count == 1 ? "y" : "ies") + " for " + target
                + (variant == null ? "" : ", variant " + variant.label() + " (" + variant.describe() + "),")
                + " into " + output);
        projectHelper.attachArtifact(project, "jar", jarClassifier, output.toFile());
        if (platformProfiles) {
            PlatformProfilesStep.run(project, session, getLog());
        }
    }
}
