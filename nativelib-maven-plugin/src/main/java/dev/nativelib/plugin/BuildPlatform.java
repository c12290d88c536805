package dev.nativelib.plugin;

import dev.nativelib.loader.platform.Platform;
import dev.nativelib.loader.platform.PlatformDetector;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Decides which platform a build targets: an explicit {@code nativelib.platform}, else os-maven-plugin's
 * {@code os.detected.classifier} when that extension is active, else the same detection the loader does at run time
 * (os-maven-plugin's names plus the libc variant, so a build on musl gives {@code linux-<arch>-musl}).
 */
final class BuildPlatform {

    private BuildPlatform() {
    }

    static Platform resolve(String explicit, Properties projectProperties) throws MojoExecutionException {
        return resolve(explicit, projectProperties, PlatformDetector::host);
    }

    /**
     * @param explicit          {@code nativelib.platform}, or {@code null}
     * @param projectProperties the project's properties, where os-maven-plugin puts {@code os.detected.classifier}
     * @param host              the build machine's platform with its libc variant, asked only when needed
     * @return the platform to build for
     * @throws MojoExecutionException if the chosen name is not a platform name
     */
    static Platform resolve(String explicit, Properties projectProperties, Supplier<Platform> host)
            throws MojoExecutionException {
        if (explicit != null && !explicit.isBlank()) {
            return parse("nativelib.platform", explicit.trim());
        }
        String classifier = projectProperties.getProperty("os.detected.classifier");
        if (classifier == null) {
            return host.get();
        }
        Platform detected = parse("os.detected.classifier", classifier);
        if (detected.variant() != null) {
            return detected;
        }
        // os-maven-plugin knows no libc: on a musl machine its classifier for this machine is the glibc name, and
        // a package built there would claim to load on glibc. A classifier set to another os/arch is kept as is.
        Platform machine = host.get();
        return machine.variant() != null && machine.os().equals(detected.os())
                && machine.arch().equals(detected.arch()) ? machine : detected;
    }

    private static Platform parse(String source, String name) throws MojoExecutionException {
        try {
            return Platform.parse(name);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("Invalid platform from " + source + ": " + e.getMessage(), e);
        }
    }
}
