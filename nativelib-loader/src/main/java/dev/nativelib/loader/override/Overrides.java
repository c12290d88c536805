package dev.nativelib.loader.override;

import dev.nativelib.loader.settings.Setting;
import dev.nativelib.loader.settings.Settings;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Where a package's libraries come from when the user says otherwise than "from the package". Read from system
 * properties first, then environment variables:
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>system property</th><th>environment variable</th><th>meaning</th></tr>
 * <tr><td>{@code nativelib.<artifactId>.path}</td><td>{@code NATIVELIB_<ARTIFACTID>_PATH}</td>
 *     <td>load the package's libraries from this directory instead (each one not found there falls back to the
 *     packaged copy)</td></tr>
 * <tr><td>{@code nativelib.<artifactId>.preferSystem}</td><td>{@code NATIVELIB_<ARTIFACTID>_PREFER_SYSTEM}</td>
 *     <td>use the system's copy of each library (found by SONAME on the system search path) where there is one</td></tr>
 * <tr><td>{@code nativelib.preferSystem}</td><td>{@code NATIVELIB_PREFER_SYSTEM}</td>
 *     <td>the same for every package that sets nothing itself</td></tr>
 * </table>
 *
 * <p>In environment variable names the artifactId is upper-cased and every character other than a letter or digit
 * becomes {@code _} ({@code greet-native} is {@code NATIVELIB_GREET_NATIVE_PATH}). Booleans accept {@code true},
 * {@code false}, {@code yes}, {@code no}, {@code on}, {@code off}, {@code 1} and {@code 0}, in any case; anything else
 * is an error naming the setting.
 */
public final class Overrides {

    private final Map<String, String> properties;
    private final Map<String, String> environment;

    /**
     * @param properties  system properties
     * @param environment environment variables
     */
    public Overrides(Map<String, String> properties, Map<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** @return the overrides of this JVM */
    public static Overrides current() {
        Map<String, String> props = new java.util.HashMap<>();
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            props.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
        return new Overrides(props, System.getenv());
    }

    /**
     * What to do for one package.
     *
     * @param directory    a directory to load from first, or {@code null}
     * @param preferSystem whether to use system copies where they exist
     * @param source       the setting that decided, for messages ({@code null} when nothing is set)
     */
    public record Decision(Path directory, boolean preferSystem, String source) {
    }

    /**
     * @param artifactId the package's artifactId
     * @return what the settings say for it
     * @throws IllegalArgumentException if a boolean setting is not a boolean, naming the setting
     */
    public Decision forPackage(String artifactId) {
        Setting path = Settings.PACKAGE_PATH.forPackage(artifactId);
        String dir = first(properties.get(path.property()), environment.get(path.environment()));
        String dirSource = properties.get(path.property()) != null && !properties.get(path.property()).isBlank()
                ? "-D" + path.property() : path.environment();
        Setting own = Settings.PACKAGE_PREFER_SYSTEM.forPackage(artifactId);
        Setting all = Settings.PREFER_SYSTEM;
        Boolean prefer = null;
        String preferSource = null;
        // Property before variable, the package's own setting before the global one.
        String[][] candidates = {
            {"-D" + own.property(), properties.get(own.property())},
            {own.environment(), environment.get(own.environment())},
            {"-D" + all.property(), properties.get(all.property())},
            {all.environment(), environment.get(all.environment())},
        };
        for (String[] candidate : candidates) {
            prefer = Setting.parseBoolean(candidate[0], candidate[1]);
            if (prefer != null) {
                preferSource = candidate[0];
                break;
            }
        }
        if (dir != null) {
            return new Decision(Paths.get(dir).toAbsolutePath().normalize(), prefer != null && prefer, dirSource);
        }
        return new Decision(null, prefer != null && prefer, prefer == null ? null : preferSource);
    }

    /**
     * @param artifactId an artifactId
     * @return its form in environment variable names ({@link Setting#environmentName})
     */
    public static String envName(String artifactId) {
        return Setting.environmentName(artifactId);
    }

    private static String first(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        return b != null && !b.isBlank() ? b.trim() : null;
    }
}
