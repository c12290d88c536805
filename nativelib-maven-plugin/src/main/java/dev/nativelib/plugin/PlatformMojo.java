package dev.nativelib.plugin;

import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.PackageRequirement;
import dev.nativelib.plugin.variant.Classifier;
import dev.nativelib.plugin.deps.NativeArtifactResolver;
import dev.nativelib.plugin.pom.Coordinates;
import dev.nativelib.plugin.pom.GeneratedPom;
import dev.nativelib.plugin.pom.PlatformPom;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/**
 * Turns this {@code pom}-packaged project into the {@code -platform} POM of a native package: the POM it installs and
 * deploys is replaced by a generated one that depends, through profiles activated by OS and architecture, on the
 * package's classifier JAR for the platform Maven runs on, on the {@code -platform} POMs of the native packages it
 * requires (read from its descriptor), and on this project's other dependencies (a Java binding, say). Consumers
 * depend on it with {@code <type>pom</type>}; {@code -Dnativelib.platform=<classifier>} picks another platform,
 * {@code -Dnativelib.platform=all} every one.
 */
@Mojo(name = "platform", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PlatformMojo extends AbstractMojo {

    /**
     * The classifiers the native package is released for, e.g. {@code linux-x86_64}, {@code osx-aarch_64}, and its
     * hardware variants, e.g. {@code linux-x86_64-v3}: a platform's profiles bring its baseline and every variant
     * (the loader chooses at run time); {@code -Dnativelib.platform=<platform>-<label>} narrows to one variant and
     * {@code -Dnativelib.platform=<platform>-baseline} to the baseline.
     */
    @Parameter(required = true)
    private List<String> platforms;

    /**
     * The native package, as {@code groupId:artifactId[:version]}. Default: this project's groupId and version, and
     * its artifactId without the {@code -platform} suffix. Declare it as a dependency too ({@code <type>pom</type>})
     * so the reactor builds it first; that dependency is not copied into the generated POM.
     */
    @Parameter
    private String nativePackage;

    /** Where the generated POM is written. */
    @Parameter(defaultValue = "${project.build.directory}/nativelib-platform/pom.xml", required = true)
    private File outputFile;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    private final RepositorySystem repositorySystem;

    /**
     * @param repositorySystem Maven Resolver, which fetches a classifier JAR of the native package to read its
     *                         descriptor
     */
    @Inject
    public PlatformMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (!"pom".equals(project.getPackaging())) {
            throw new MojoExecutionException("nativelib:platform generates the POM of a pom-packaged project, but "
                    + project.getArtifactId() + " has packaging '" + project.getPackaging() + "'; put it in a module"
                    + " of its own with <packaging>pom</packaging>");
        }
        Coordinates pkg = nativePackage();
        List<Classifier> list = PlatformParameter.parse(platforms, "platforms");
        PackageDescriptor descriptor = new NativeArtifactResolver(repositorySystem, session, project, getLog())
                .descriptor(pkg.groupId(), pkg.artifactId(), pkg.version(), list);
        List<Coordinates> requires = new ArrayList<>();
        for (PackageRequirement r : descriptor.requires()) {
            requires.add(PlatformPom.platformPomOf(new Coordinates(r.groupId(), r.artifactId(), r.version(), "jar",
                    null, null)));
        }
        List<Coordinates> plain = new ArrayList<>();
        for (Dependency d : project.getDependencies()) {
            boolean self = d.getGroupId().equals(pkg.groupId()) && d.getArtifactId().equals(pkg.artifactId());
            if (!self && !"test".equals(d.getScope())) {
                plain.add(new Coordinates(d.getGroupId(), d.getArtifactId(), d.getVersion(), d.getType(),
                        d.getClassifier(), d.getScope()));
            }
        }
        PlatformPom pom;
        try {
            pom = new PlatformPom(new Coordinates(project.getGroupId(), project.getArtifactId(),
                    project.getVersion(), "pom", null, null), project.getName(), pkg, list, requires, plain);
            GeneratedPom.write(pom.toXml(), outputFile.toPath());
        } catch (IllegalArgumentException | IOException e) {
            throw new MojoExecutionException(project.getArtifactId() + ": " + e.getMessage(), e);
        }
        project.setPomFile(outputFile);
        getLog().info("Generated " + project.getArtifactId() + " for " + pkg.groupId() + ":" + pkg.artifactId() + ":"
                + pkg.version() + " on " + String.join(", ", pom.classifiers())
                + (requires.isEmpty() ? "" : "; requires " + String.join(", ", requires.stream()
                .map(c -> c.groupId() + ":" + c.artifactId() + ":" + c.version()).toList())) + " -> " + outputFile);
    }

    private Coordinates nativePackage() throws MojoExecutionException {
        if (nativePackage != null && !nativePackage.isBlank()) {
            try {
                return Coordinates.parse(nativePackage, project.getVersion(), "<nativePackage>");
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(e.getMessage(), e);
            }
        }
        String id = project.getArtifactId();
        if (!id.endsWith("-platform") || id.equals("-platform")) {
            throw new MojoExecutionException("Cannot tell which native package " + id + " is the platform POM of:"
                    + " its artifactId does not end in -platform. Set <nativePackage>groupId:artifactId</nativePackage>");
        }
        return new Coordinates(project.getGroupId(), id.substring(0, id.length() - "-platform".length()),
                project.getVersion(), "jar", null, null);
    }
}
