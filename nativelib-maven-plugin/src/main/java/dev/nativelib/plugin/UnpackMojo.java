package dev.nativelib.plugin;

import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.deps.NativeArtifactResolver;
import dev.nativelib.plugin.deps.VariantChoice;
import dev.nativelib.plugin.unpack.DependencyUnpacker;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/**
 * Resolves the project's native dependencies for the build platform (transitively, with dependency management and
 * BOMs applied, each at its own version), unpacks each under {@code target/nativelib/<artifactId>/}, and writes
 * {@code target/nativelib/nativelib-deps.cmake} so that a CMake build finds them with {@code find_package}. Also sets
 * the {@code nativelib.prefixPath} property (the package directories, {@code ;}-separated, for
 * {@code -DCMAKE_PREFIX_PATH}) and {@code nativelib.depsFile}. For Meson, autotools and Makefiles it writes
 * {@code target/nativelib/pkg-config-path.txt} and sets {@code nativelib.pkgConfigPath}: the packages' pkg-config
 * directories, absolute and joined with the platform's path separator, for {@code PKG_CONFIG_PATH}.
 */
@Mojo(name = "unpack", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class UnpackMojo extends AbstractMojo {

    /** The platform whose packages to unpack; defaults to the build machine's (see {@code package}). */
    @Parameter(property = "nativelib.platform")
    private String platform;

    /**
     * The hardware variant to build against, by label (e.g. {@code v3} for the {@code linux-x86_64-v3} JARs), or
     * {@code baseline}, the default: the JAR of that variant is unpacked from each native dependency that has one,
     * the baseline's from the others. If no dependency has it, the build stops listing the variants that exist.
     * Headers and CMake files of a package's variants are normally the same; the libraries differ in the
     * instructions they use, so a program linked against a variant runs against any other at run time, where the
     * loader picks the best one the machine has.
     */
    @Parameter(property = "nativelib.variant")
    private String variant;

    /** Where packages are unpacked and {@code nativelib-deps.cmake} and {@code pkg-config-path.txt} are written. */
    @Parameter(property = "nativelib.unpackDirectory", defaultValue = "${project.build.directory}/nativelib")
    private File outputDirectory;

    /** Skips unpacking. */
    @Parameter(property = "nativelib.unpack.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    private final RepositorySystem repositorySystem;

    /**
     * @param repositorySystem Maven Resolver, which fetches the classifier JARs of native dependencies
     */
    @Inject
    public UnpackMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping nativelib:unpack (nativelib.unpack.skip=true)");
            return;
        }
        Platform target = BuildPlatform.resolve(platform, project.getProperties());
        String label;
        try {
            label = VariantChoice.parse(variant);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        List<DependencyUnpacker.Source> sources = new ArrayList<>();
        for (File jar : new NativeArtifactResolver(repositorySystem, session, project, getLog()).resolve(target,
                label)) {
            NativeArtifactResolver.packages(List.of(jar), target)
                    .forEach(pkg -> sources.add(new DependencyUnpacker.Source(jar.toPath(), pkg)));
        }
        Path out = outputDirectory.toPath();
        DependencyUnpacker.Result result;
        try {
            result = DependencyUnpacker.unpack(sources, target.name(), out);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot unpack native dependencies into " + out + ": " + e.getMessage(),
                    e);
        }
        project.getProperties().setProperty("nativelib.prefixPath", result.prefixPath());
        project.getProperties().setProperty("nativelib.depsFile", result.depsFile().toAbsolutePath().toString());
        project.getProperties().setProperty("nativelib.pkgConfigPath", result.pkgConfigPath());
        for (DependencyUnpacker.Unpacked u : result.packages()) {
            getLog().info("Unpacked " + u.descriptor().coordinates() + " [" + u.descriptor().classifier() + "] to " + u.directory()
                    + (u.descriptor().cmakeName() == null ? "" : " (find_package(" + u.descriptor().cmakeName()
                    + "))"));
        }
        if (result.packages().isEmpty()) {
            getLog().info("No native dependencies for " + target + "; wrote an empty " + result.depsFile());
        } else {
            getLog().info("Wrote " + result.depsFile() + " (" + result.packages().stream()
                    .map(u -> u.directory().getFileName().toString()).collect(Collectors.joining(", ")) + ")");
            getLog().info("PKG_CONFIG_PATH (in " + result.pkgConfigFile() + " and ${nativelib.pkgConfigPath}): "
                    + (result.pkgConfigPath().isEmpty() ? "empty, no package carries .pc files"
                    : result.pkgConfigPath()));
        }
    }
}
