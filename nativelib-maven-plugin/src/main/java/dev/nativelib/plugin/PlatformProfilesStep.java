package dev.nativelib.plugin;

import dev.nativelib.loader.descriptor.PackageLayout;
import dev.nativelib.plugin.pom.Coordinates;
import dev.nativelib.plugin.pom.GeneratedPom;
import dev.nativelib.plugin.pom.PackagePom;
import dev.nativelib.plugin.variant.Classifier;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * Points the project at the POM it is to install and deploy: its own POM with profiles that select, for a consumer,
 * the classifier JARs attached to this build. Run by {@code package} and again by {@code assemble}, so the POM always
 * lists the platforms whose JARs are deployed with it, and never one whose JAR is not.
 */
final class PlatformProfilesStep {

    /** Where the project's own POM is remembered, so that a second run starts from it and not from its output. */
    private static final String ORIGINAL_POM = "dev.nativelib.originalPom";

    private PlatformProfilesStep() {
    }

    static void run(MavenProject project, MavenSession session, Log log) throws MojoExecutionException {
        if (!"pom".equals(project.getPackaging())) {
            // Maven 4 deploys a flattened POM for other packagings, with profiles evaluated on the build machine.
            log.info("The POM of " + project.getArtifactId() + " is deployed as it is: platform profiles are added to"
                    + " pom-packaged native packages only, and this one has packaging '" + project.getPackaging()
                    + "'");
            return;
        }
        TreeSet<String> classifiers = new TreeSet<>();
        for (Artifact a : project.getAttachedArtifacts()) {
            String c = a.getClassifier();
            if ("jar".equals(a.getType()) && c != null && isClassifier(c) && isNativePackage(a.getFile())) {
                classifiers.add(c);
            }
        }
        if (classifiers.isEmpty()) {
            return;
        }
        List<Classifier> platforms = classifiers.stream().map(Classifier::parse).toList();
        File original = (File) project.getContextValue(ORIGINAL_POM);
        if (original == null) {
            original = project.getFile();
            project.setContextValue(ORIGINAL_POM, original);
        }
        Path output = Path.of(project.getBuild().getDirectory(), "nativelib-pom", "pom.xml");
        try {
            String pom = PackagePom.withClassifierProfiles(Files.readString(original.toPath(), StandardCharsets.UTF_8),
                    original.toString(), new Coordinates(project.getGroupId(), project.getArtifactId(),
                            project.getVersion(), "jar", null, null), platforms);
            GeneratedPom.write(pom, output);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + output + ": " + e.getMessage(), e);
        }
        // setPomFile, not setFile: the project's base directory stays where its sources are.
        project.setPomFile(output.toFile());
        log.info("The POM " + project.getArtifactId() + " deploys brings its JAR for the consumer's platform, one of "
                + String.join(", ", classifiers) + " -> " + output);
        if (consumerPomReplacesIt(session)) {
            log.warn("Maven " + mavenVersion(session) + " installs and deploys a consumer POM it builds from "
                    + original.getName() + ", not " + output + ", so the POM of " + project.getArtifactId()
                    + " will not bring its JAR to consumers. Build the release with -D" + CONSUMER_POM + "=false"
                    + " (or that line in .mvn/maven.config), or with Maven 3.9.");
        }
    }

    /** Tells a package JAR from another attachment whose classifier merely looks like a platform name. */
    private static boolean isNativePackage(File jar) throws MojoExecutionException {
        if (jar == null || !jar.isFile()) {
            return false;
        }
        try (ZipFile zip = new ZipFile(jar)) {
            return zip.getEntry(PackageLayout.INDEX) != null;
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read " + jar + ", a JAR attached to this build: "
                    + e.getMessage(), e);
        }
    }

    /** Maven 4's switch for the consumer POM it derives from the project's own pom.xml (on by default). */
    static final String CONSUMER_POM = "maven.consumer.pom";

    private static boolean consumerPomReplacesIt(MavenSession session) {
        String setting = session.getUserProperties().getProperty(CONSUMER_POM,
                session.getSystemProperties().getProperty(CONSUMER_POM, "true"));
        return mavenVersion(session).startsWith("4.") && !"false".equalsIgnoreCase(setting.trim());
    }

    private static String mavenVersion(MavenSession session) {
        return session.getSystemProperties().getProperty("maven.version", "");
    }

    /** A platform name, or one followed by a variant label. */
    private static boolean isClassifier(String classifier) {
        try {
            return Classifier.parse(classifier).name().equals(classifier);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
