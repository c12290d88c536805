package dev.nativelib.loader.settings;

import java.util.List;

/**
 * Every system property and environment variable the loader reads, declared once, with one rule set that parses
 * and validates them ({@link Setting}). A load validates every setting that is set before it does anything, so a
 * mistyped value is an error naming the setting, never a silent default.
 */
public final class Settings {

    /** The platform to load for instead of the detected one. */
    public static final Setting PLATFORM = new Setting("nativelib.platform", null, Setting.PLATFORM, List.of(),
            "load packages for this platform instead of the detected one (also what the plugin builds for)");
    /** The cache directory, used alone. */
    public static final Setting CACHE_DIR = new Setting("nativelib.cache.dir", "NATIVELIB_CACHE_DIR",
            Setting.DIRECTORY, List.of(), "where packages are extracted; used alone, with no fallback");
    /** How a package already in the cache is checked before it is loaded again. */
    public static final Setting CACHE_VERIFY = new Setting("nativelib.cache.verify", null, Setting.CHOICE,
            List.of("stamp", "full"), "how a package already in the cache is checked before it is loaded again");
    /** What to do with a cached library that no longer matches its SHA-256. */
    public static final Setting CACHE_ON_DAMAGE = new Setting("nativelib.cache.onDamage", null,
            Setting.CHOICE, List.of("replace", "refuse"),
            "what to do with a cached library that no longer matches its SHA-256");
    /** Whether load plans are replayed. */
    public static final Setting PLAN = new Setting("nativelib.plan", null, Setting.CHOICE, List.of("on", "off"),
            "replay the load plan an earlier start wrote when nothing it depends on changed");
    /** The check of what the process mapped after loading. */
    public static final Setting VERIFY = new Setting("nativelib.verify", null, Setting.CHOICE,
            List.of("warn", "error", "off"),
            "after loading on Linux, a library whose SONAME another file already claimed");
    /** The log level. */
    public static final Setting LOG = new Setting("nativelib.log", "NATIVELIB_LOG", Setting.CHOICE,
            List.of("off", "debug"), "log every decision at debug level");
    /** The largest library a package may declare. */
    public static final Setting MAX_LIBRARY_SIZE = new Setting("nativelib.maxLibrarySize", null, Setting.SIZE,
            List.of(), "the largest library a package may declare");
    /** A directory to load one package's libraries from. */
    public static final Setting PACKAGE_PATH = new Setting("nativelib.<artifactId>.path",
            "NATIVELIB_<ARTIFACTID>_PATH", Setting.DIRECTORY, List.of(),
            "load that package's libraries from this directory");
    /** Whether one package's libraries come from the system first. */
    public static final Setting PACKAGE_PREFER_SYSTEM = new Setting("nativelib.<artifactId>.preferSystem",
            "NATIVELIB_<ARTIFACTID>_PREFER_SYSTEM", Setting.BOOLEAN, List.of(),
            "use the system's copy of each of that package's libraries");
    /** Whether every package's libraries come from the system first. */
    public static final Setting PREFER_SYSTEM = new Setting("nativelib.preferSystem", "NATIVELIB_PREFER_SYSTEM",
            Setting.BOOLEAN, List.of(), "the same for every package that sets nothing itself");

    /** Variant properties the machine has besides the detected ones (read by the hardware detection). */
    public static final Setting HARDWARE_ADD = new Setting("nativelib.hardware.add", "NATIVELIB_HARDWARE_ADD",
            Setting.PROPERTIES, List.of(), "give this machine these variant properties besides the detected ones");
    /** Variant properties the machine is to lack, detected or not (read by the hardware detection). */
    public static final Setting HARDWARE_MASK = new Setting("nativelib.hardware.mask", "NATIVELIB_HARDWARE_MASK",
            Setting.PROPERTIES, List.of(), "take these variant properties from this machine");

    /** Every setting, in the order the settings page lists them. */
    public static final List<Setting> ALL = List.of(PLATFORM, CACHE_DIR, CACHE_VERIFY, CACHE_ON_DAMAGE, PLAN, VERIFY,
            LOG, MAX_LIBRARY_SIZE, PACKAGE_PATH, PACKAGE_PREFER_SYSTEM, PREFER_SYSTEM, HARDWARE_ADD, HARDWARE_MASK);

    private Settings() {
    }

    /**
     * Validates every setting that is set and takes a value of a fixed form (choices, booleans, sizes); the others
     * are checked where they are used (a platform name when it is parsed, a directory when it is read, a package's
     * own settings when that package is loaded).
     *
     * @throws IllegalArgumentException naming the first invalid setting and the values it takes
     */
    public static void validate() {
        for (Setting s : ALL) {
            if (s.perPackage()) {
                continue;
            }
            if (s.kind().equals(Setting.CHOICE)) {
                s.choice();
            } else if (s.kind().equals(Setting.BOOLEAN)) {
                s.bool(false);
            } else if (s.kind().equals(Setting.SIZE)) {
                s.size(1);
            }
        }
    }
}
