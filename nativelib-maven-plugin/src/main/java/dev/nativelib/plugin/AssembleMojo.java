package dev.nativelib.plugin;

import dev.nativelib.plugin.assemble.Assembly;
import dev.nativelib.plugin.assemble.AssemblyException;
import dev.nativelib.plugin.assemble.PlatformJar;
import dev.nativelib.plugin.variant.Classifier;
import dev.nativelib.plugin.assemble.ReleaseAssembler;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Attaches classifier JARs that other machines built (the artifacts of a CI matrix, downloaded into one directory) to
 * this project, so that one {@code deploy} releases every platform. Before attaching anything it checks that every
 * expected platform is there exactly once (counting the JAR {@code nativelib:package} attached in this build), that
 * every JAR is this project's package at this version and is named for its descriptor's platform, and that the
 * descriptors agree on the libraries, global libraries, required packages and CMake package; it fails listing every
 * problem. A JAR in the directory with the same bytes as the one this build attached for its platform is skipped;
 * different bytes for the same platform are an error.
 *
 * <p>Run it after {@code nativelib:package}: list {@code assemble} after {@code package} in the same execution, or in
 * a later execution of the plugin.
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class AssembleMojo extends AbstractMojo {

    /** The directory holding the classifier JARs other machines built; searched recursively. */
    @Parameter(property = "nativelib.assembleDirectory",
            defaultValue = "${project.build.directory}/nativelib-platforms", required = true)
    private File assembleDirectory;

    /**
     * Every platform the release must have, e.g. {@code linux-x86_64}, {@code osx-aarch_64}, {@code windows-x86_64},
     * and every hardware variant by its classifier, e.g. {@code linux-x86_64-v3}. Each must be found exactly once, in
     * the directory or attached by this build; a JAR for any other platform or variant is an error. A variant's
     * libraries must agree with its platform's as the platforms' do.
     */
    @Parameter(property = "nativelib.expectedPlatforms", required = true)
    private List<String> expectedPlatforms;

    /**
     * Libraries (by logical name) only some platforms carry, such as a compiler runtime bundled with the Windows
     * build; left out of the check that every platform has the same libraries.
     */
    @Parameter
    private List<String> platformSpecificLibraries;

    /**
     * Rewrites the platform profiles that {@code package} added to the POM this project deploys so they cover every
     * platform attached now, the assembled ones included (see the {@code package} goal's parameter of this name).
     */
    @Parameter(property = "nativelib.platformProfiles", defaultValue = "true")
    private boolean platformProfiles;

    /** Skips assembling. */
    @Parameter(property = "nativelib.assemble.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    private final MavenProjectHelper projectHelper;

    /**
     * @param projectHelper attaches the collected platform JARs to the project
     */
    @Inject
    public AssembleMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping nativelib:assemble (nativelib.assemble.skip=true)");
            return;
        }
        ReleaseAssembler assembler = ReleaseAssembler.forClassifiers(project.getGroupId(), project.getArtifactId(),
                project.getVersion(), expectedClassifiers(),
                platformSpecificLibraries == null ? List.of() : platformSpecificLibraries);
        Assembly assembly;
        try {
            assembly = assembler.assemble(assembleDirectory.toPath(), attachedJars());
        } catch (AssemblyException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read the JARs in " + assembleDirectory + ": " + e.getMessage(), e);
        }
        for (PlatformJar j : assembly.alreadyAttached()) {
            getLog().info(j.classifier() + ": " + j.file().getFileName() + ", attached by this build");
        }
        for (PlatformJar j : assembly.identical()) {
            getLog().info(j.classifier() + ": " + j.label() + " skipped, the same bytes as the JAR this build attached");
        }
        for (PlatformJar j : assembly.toAttach()) {
            getLog().info(j.classifier() + ": attaching " + j.file());
            projectHelper.attachArtifact(project, "jar", j.classifier(), j.file().toFile());
        }
        if (platformProfiles) {
            PlatformProfilesStep.run(project, session, getLog());
        }
        int count = assembly.toAttach().size() + assembly.alreadyAttached().size();
        getLog().info("Assembled " + project.getArtifactId() + " " + project.getVersion() + " for " + count
                + " platform" + (count == 1 ? "" : "s"));
    }

    /** The JARs this build attached with a classifier, which count for their platforms. */
    private Map<String, Path> attachedJars() {
        Map<String, Path> out = new LinkedHashMap<>();
        for (Artifact a : project.getAttachedArtifacts()) {
            File f = a.getFile();
            if (a.getClassifier() != null && !a.getClassifier().isEmpty() && "jar".equals(a.getType())
                    && f != null && f.isFile()) {
                out.put(a.getClassifier(), f.toPath());
            }
        }
        return out;
    }

    /** {@code <expectedPlatforms>}: platform names, and {@code <platform>-<label>} for hardware variants. */
    private List<Classifier> expectedClassifiers() throws MojoExecutionException {
        List<Classifier> out = new ArrayList<>();
        for (String name : expectedPlatforms == null ? List.<String>of() : expectedPlatforms) {
            if (name == null || name.isBlank()) {
                continue;
            }
            try {
                out.add(Classifier.parse(name.trim()));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("<expectedPlatforms>: " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            // The message PlatformParameter gives for an empty list.
            PlatformParameter.parse(List.of(), "expectedPlatforms");
        }
        return out;
    }
}
