package dev.nativelib.plugin;

import dev.nativelib.plugin.pom.Coordinates;
import dev.nativelib.plugin.pom.FamilyBom;
import dev.nativelib.plugin.pom.GeneratedPom;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.nativelib.plugin.variant.Classifier;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Turns this {@code pom}-packaged project into the bill of materials of a family of native packages: the POM it
 * installs and deploys is replaced by one whose {@code dependencyManagement} lists, for every package, its POM, its
 * classifier JAR for every platform and, with {@code platformPoms}, its {@code -platform} POM, all at one version. Consumers import it
 * ({@code <type>pom</type>}, {@code <scope>import</scope>}) so packages that depend on each other stay aligned.
 */
@Mojo(name = "bom", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BomMojo extends AbstractMojo {

    /** The native packages, as {@code groupId:artifactId[:version]}; the version defaults to this project's. */
    @Parameter(required = true)
    private List<String> packages;

    /** The classifiers the packages are released for, hardware variants included (e.g. {@code linux-x86_64-v3}). */
    @Parameter(required = true)
    private List<String> platforms;

    /**
     * For a package released for other platforms than {@code <platforms>}: its artifactId and its own
     * comma-separated list, e.g. {@code <packagePlatforms><b>linux-x86_64</b></packagePlatforms>}, so the BOM
     * manages only JARs that exist.
     */
    @Parameter
    private Map<String, String> packagePlatforms;

    /**
     * Whether each package has a {@code -platform} POM (made by {@code nativelib:platform}) to manage too. Off by
     * default: a package's own POM brings its JAR for the consumer's platform (see the {@code package} goal's
     * {@code platformProfiles}), so most families have no {@code -platform} POMs.
     */
    @Parameter(defaultValue = "false")
    private boolean platformPoms;

    /** Other artifacts to manage, as {@code groupId:artifactId[:version]} JARs (Java bindings, say). */
    @Parameter
    private List<String> artifacts;

    /** Where the generated POM is written. */
    @Parameter(defaultValue = "${project.build.directory}/nativelib-bom/pom.xml", required = true)
    private File outputFile;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException {
        if (!"pom".equals(project.getPackaging())) {
            throw new MojoExecutionException("nativelib:bom generates the POM of a pom-packaged project, but "
                    + project.getArtifactId() + " has packaging '" + project.getPackaging() + "'");
        }
        try {
            FamilyBom bom = new FamilyBom(new Coordinates(project.getGroupId(), project.getArtifactId(),
                    project.getVersion(), "pom", null, null), project.getName(), parse(packages, "<packages>"),
                    PlatformParameter.parse(platforms, "platforms"), byPackage(), platformPoms,
                    parse(artifacts, "<artifacts>"));
            GeneratedPom.write(bom.toXml(), outputFile.toPath());
            getLog().info("Generated the BOM " + project.getArtifactId() + " for " + String.join(", ", bom.packages()
                    .stream().map(c -> c.groupId() + ":" + c.artifactId() + ":" + c.version()).toList()) + " -> "
                    + outputFile);
        } catch (IllegalArgumentException | IOException e) {
            throw new MojoExecutionException(project.getArtifactId() + ": " + e.getMessage(), e);
        }
        project.setPomFile(outputFile);
    }

    private Map<String, List<Classifier>> byPackage() throws MojoExecutionException {
        Map<String, List<Classifier>> out = new java.util.TreeMap<>();
        if (packagePlatforms != null) {
            for (Map.Entry<String, String> e : packagePlatforms.entrySet()) {
                List<Classifier> list = PlatformParameter.parseCommaSeparated(e.getValue(),
                        "packagePlatforms><" + e.getKey());
                out.put(e.getKey(), list);
            }
        }
        return out;
    }

    private List<Coordinates> parse(List<String> list, String what) {
        List<Coordinates> out = new ArrayList<>();
        if (list != null) {
            list.forEach(s -> out.add(Coordinates.parse(s, project.getVersion(), what)));
        }
        return out;
    }
}
