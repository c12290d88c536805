package dev.nativelib.plugin;

import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.packaging.NativePackager;
import dev.nativelib.plugin.packaging.OutputTimestamp;
import dev.nativelib.plugin.packaging.PackageRequest;
import dev.nativelib.plugin.packaging.PackagingException;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Packages an install prefix (the output of {@code cmake --install}) into a classifier JAR for one platform and
 * attaches it to the project. The JAR holds the shared libraries, the headers, and a descriptor that
 * nativelib-loader reads at run time.
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractMojo {

    /** The install prefix to package: the directory holding {@code lib/} and {@code include/}. */
    @Parameter(property = "nativelib.installPrefix", defaultValue = "${project.build.directory}/nativelib-install",
            required = true)
    private File installPrefix;

    /**
     * The platform the binaries are built for, e.g. {@code linux-x86_64}. Defaults to os-maven-plugin's
     * {@code os.detected.classifier} when that extension is active, else to the build machine's platform detected the
     * same way.
     */
    @Parameter(property = "nativelib.platform")
    private String platform;

    /** The classifier of the attached JAR; defaults to the platform name. */
    @Parameter(property = "nativelib.classifier")
    private String classifier;

    /** Directories below the install prefix that hold shared libraries. */
    @Parameter(defaultValue = "lib,lib64,bin")
    private List<String> libraryDirectories;

    /** Directory below the install prefix that holds the public headers. */
    @Parameter(defaultValue = "include")
    private String includeDirectory;

    /** Timestamp of every JAR entry, for reproducible packages. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /** Skips packaging. */
    @Parameter(property = "nativelib.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    private final MavenProjectHelper projectHelper;

    @Inject
    public PackageMojo(MavenProjectHelper projectHelper) {
        this.projectHelper = projectHelper;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping nativelib:package (nativelib.skip=true)");
            return;
        }
        Platform target = BuildPlatform.resolve(platform, project.getProperties());
        String jarClassifier = classifier == null || classifier.isBlank() ? target.name() : classifier.trim();
        Path output = Path.of(project.getBuild().getDirectory(),
                project.getBuild().getFinalName() + "-" + jarClassifier + ".jar");
        PackageDescriptor descriptor;
        try {
            descriptor = NativePackager.build(new PackageRequest(project.getGroupId(), project.getArtifactId(),
                    project.getVersion(), target, installPrefix.toPath(), libraryDirectories, includeDirectory,
                    OutputTimestamp.parse(outputTimestamp), output));
        } catch (PackagingException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        for (LibraryEntry library : descriptor.libraries()) {
            getLog().info("  " + library.path() + " (" + library.name() + ", " + library.size() + " bytes)");
        }
        getLog().info("Packaged " + descriptor.libraries().size() + " librar"
                + (descriptor.libraries().size() == 1 ? "y" : "ies") + " for " + target + " into " + output);
        projectHelper.attachArtifact(project, "jar", jarClassifier, output.toFile());
    }
}
