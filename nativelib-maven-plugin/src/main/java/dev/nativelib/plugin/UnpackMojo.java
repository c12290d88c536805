package dev.nativelib.plugin;

import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.deps.NativeArtifactResolver;
import dev.nativelib.plugin.deps.VariantChoice;
import dev.nativelib.plugin.unpack.DepsFileWriter;
import dev.nativelib.plugin.unpack.PackageUnpacker;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * {@code -DCMAKE_PREFIX_PATH}) and {@code nativelib.depsFile}.
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

    /** Where packages are unpacked and {@code nativelib-deps.cmake} is written. */
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
        List<File> jars = new NativeArtifactResolver(repositorySystem, session, project, getLog()).resolve(target,
                label);
        List<DepsFileWriter.Entry> entries = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        Path out = outputDirectory.toPath();
        try {
            Files.createDirectories(out);
            for (File jar : jars) {
                for (FoundPackage pkg : NativeArtifactResolver.packages(List.of(jar), target)) {
                    String dir = pkg.descriptor().artifactId();
                    Set<String> libDirs = PackageUnpacker.unpack(jar.toPath(), pkg, out.resolve(dir));
                    boolean findModule = pkg.descriptor().cmakeName() != null
                            && Files.isRegularFile(out.resolve(dir).resolve("cmake/Find"
                            + pkg.descriptor().cmakeName() + ".cmake"));
                    entries.add(new DepsFileWriter.Entry(pkg.descriptor().coordinates(), dir, libDirs, findModule));
                    prefixes.add(out.resolve(dir).toAbsolutePath().toString());
                    getLog().info("Unpacked " + pkg.descriptor().coordinates() + " ["
                            + pkg.descriptor().classifier() + "] to "
                            + out.resolve(dir) + (pkg.descriptor().cmakeName() == null ? ""
                            : " (find_package(" + pkg.descriptor().cmakeName() + "))"));
                }
            }
            Path deps = out.resolve("nativelib-deps.cmake");
            Files.writeString(deps, DepsFileWriter.write(target.name(), entries), StandardCharsets.UTF_8);
            project.getProperties().setProperty("nativelib.prefixPath", String.join(";", prefixes));
            project.getProperties().setProperty("nativelib.depsFile", deps.toAbsolutePath().toString());
            if (entries.isEmpty()) {
                getLog().info("No native dependencies for " + target + "; wrote an empty " + deps);
            } else {
                getLog().info("Wrote " + deps + " ("
                        + entries.stream().map(DepsFileWriter.Entry::directory).collect(Collectors.joining(", "))
                        + ")");
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot unpack native dependencies into " + out + ": " + e.getMessage(),
                    e);
        }
    }
}
