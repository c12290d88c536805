package dev.nativelib.loader.plan;

import dev.nativelib.loader.log.Log;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything besides the class path's content that decides what {@code NativeLoader.load(name)} loads, as one text:
 * the name, the JVM (its installation, version and vendor fix the platform, C library included), the working
 * directory relative class-path entries resolve against, the class path, and every {@code nativelib.*} system
 * property and {@code NATIVELIB_*} environment variable (platform override, library overrides, cache and verification
 * settings) except the log level. Two starts with the same key and an unchanged class path (see
 * {@link ClassPathState}) find the same packages and load them in the same order.
 */
public final class PlanKey {

    /** System property: {@code off} makes every load take the full path (discovery, graph, cache checks). */
    public static final String PROPERTY = "nativelib.plan";

    private static final String[] JVM = {"java.home", "java.vm.version", "java.vm.vendor", "java.runtime.version",
        "os.name", "os.arch", "user.dir"};

    private PlanKey() {
    }

    /**
     * @param name the name {@code load} was asked for
     * @return the key of this JVM's load of {@code name}, or {@code null} when plans do not apply: switched off with
     *         {@value #PROPERTY}, no class path, or a module path (whose directories of JARs a plan does not
     *         fingerprint)
     */
    public static String current(String name) {
        String classPath = System.getProperty("java.class.path");
        String modulePath = System.getProperty("jdk.module.path");
        if ("off".equals(System.getProperty(PROPERTY)) || classPath == null || classPath.isEmpty()
                || modulePath != null && !modulePath.isEmpty()) {
            return null;
        }
        StringBuilder key = new StringBuilder(classPath.length() + 1024);
        key.append("load ").append(name).append('\n');
        for (String p : JVM) {
            key.append(p).append('=').append(System.getProperty(p)).append('\n');
        }
        Map<String, String> settings = new TreeMap<>();
        for (String p : System.getProperties().stringPropertyNames()) {
            if (p.startsWith("nativelib.") && !p.equals(Log.PROPERTY)) {
                settings.put("-D" + p, System.getProperty(p));
            }
        }
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (e.getKey().startsWith("NATIVELIB_") && !e.getKey().equals(Log.ENVIRONMENT)) {
                settings.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            key.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return key.append("java.class.path=").append(classPath).toString();
    }
}
