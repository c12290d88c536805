package dev.nativelib.plugin;

import dev.nativelib.loader.platform.Platform;
import dev.nativelib.loader.platform.PlatformDetector;
import java.util.Properties;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Decides which platform a build targets: an explicit {@code nativelib.platform}, else os-maven-plugin's
 * {@code os.detected.classifier} when that extension is active, else the same detection done here.
 */
final class BuildPlatform {

    private BuildPlatform() {
    }

    static Platform resolve(String explicit, Properties projectProperties) throws MojoExecutionException {
        String source;
        String name;
        if (explicit != null && !explicit.isBlank()) {
            source = "nativelib.platform";
            name = explicit.trim();
        } else if (projectProperties.getProperty("os.detected.classifier") != null) {
            source = "os.detected.classifier";
            name = projectProperties.getProperty("os.detected.classifier");
        } else {
            return PlatformDetector.detect(System.getProperty("os.name"), System.getProperty("os.arch"));
        }
        try {
            return Platform.parse(name);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Invalid platform from " + source + ": " + e.getMessage(), e);
        }
    }
}
