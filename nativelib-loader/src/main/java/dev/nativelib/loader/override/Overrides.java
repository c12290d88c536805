package dev.nativelib.loader.override;

import dev.nativelib.loader.text.Chars;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
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
        String propertyPath = "nativelib." + artifactId + ".path";
        String envPath = "NATIVELIB_" + envName(artifactId) + "_PATH";
        String dir = first(properties.get(propertyPath), environment.get(envPath));
        String dirSource = properties.get(propertyPath) != null && !properties.get(propertyPath).isBlank()
                ? "-D" + propertyPath : envPath;
        String propertyPrefer = "nativelib." + artifactId + ".preferSystem";
        String envPrefer = "NATIVELIB_" + envName(artifactId) + "_PREFER_SYSTEM";
        Boolean prefer = bool(propertyPrefer, properties.get(propertyPrefer), "-D");
        String preferSource = "-D" + propertyPrefer;
        if (prefer == null) {
            prefer = bool(envPrefer, environment.get(envPrefer), "");
            preferSource = envPrefer;
        }
        if (prefer == null) {
            prefer = bool("nativelib.preferSystem", properties.get("nativelib.preferSystem"), "-D");
            preferSource = "-Dnativelib.preferSystem";
        }
        if (prefer == null) {
            prefer = bool("NATIVELIB_PREFER_SYSTEM", environment.get("NATIVELIB_PREFER_SYSTEM"), "");
            preferSource = "NATIVELIB_PREFER_SYSTEM";
        }
        if (dir != null) {
            return new Decision(Paths.get(dir).toAbsolutePath().normalize(), prefer != null && prefer, dirSource);
        }
        return new Decision(null, prefer != null && prefer, prefer == null ? null : preferSource);
    }

    /**
     * @param artifactId an artifactId
     * @return its form in environment variable names
     */
    public static String envName(String artifactId) {
        return Chars.replaceOthers(artifactId.toUpperCase(Locale.ROOT), "", '_');
    }

    private static String first(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        return b != null && !b.isBlank() ? b.trim() : null;
    }

    static Boolean bool(String name, String value, String prefix) {
        if (value == null || value.isBlank()) {
            return null;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> {
                return true;
            }
            case "false", "no", "off", "0" -> {
                return false;
            }
            default -> throw new IllegalArgumentException(prefix + name + "=" + value + " is not a boolean; use true"
                    + " or false (yes/no, on/off and 1/0 work too)");
        }
    }
}
