package dev.nativelib.loader.hardware;

import dev.nativelib.loader.diagnostics.Log;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.loader.platform.PlatformDetector;
import dev.nativelib.loader.settings.Setting;
import dev.nativelib.loader.settings.Settings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Detects the {@link MachineProperties} package variants are chosen by, without loading anything and without any
 * library of the machine's: files of Linux's {@code /proc} and {@code /sys} only, read through {@link Sources} in
 * tests, so that recorded samples stand in for a real machine.
 *
 * <ul>
 *   <li>{@code x86_64 :: level :: v1} … {@code v4}: every x86-64 microarchitecture level the machine reaches
 *       ({@link X86Level}), from the {@code flags} of {@code /proc/cpuinfo}.</li>
 *   <li>{@code aarch64 :: sve :: on}, {@code aarch64 :: sve2 :: on} ({@link Aarch64Features}), from
 *       {@code /proc/self/auxv}, else the {@code Features} of {@code /proc/cpuinfo}.</li>
 *   <li>{@code cuda :: runtime :: 11}, {@code 12}, {@code 13}: each CUDA major the NVIDIA driver runs
 *       ({@link NvidiaDriver}), from {@code /proc/driver/nvidia/version} or {@code /sys/module/nvidia/version}, only
 *       when such a file exists.</li>
 * </ul>
 *
 * <p>Elsewhere nothing can be read without native code, so: on macOS and Windows x86-64 the baseline level
 * {@code v1} only (a variant for v2 and above is not chosen there unless {@code nativelib.hardware.add} says the
 * machine has it), on macOS and Windows arm64 nothing (Apple's processors up to the M4 have no SVE), and no CUDA.
 * A file that cannot be read or parsed leaves its properties out and says so in the evidence; detection itself
 * never fails.
 *
 * <p>Then the two settings apply, {@code add} first: {@link Settings#HARDWARE_ADD} gives the machine more properties,
 * {@link Settings#HARDWARE_MASK} takes some away (a property, or {@code namespace :: feature} for all its values).
 * For {@code x86_64 :: level} both follow the levels' order: adding {@code v3} adds {@code v1} and {@code v2},
 * masking {@code v3} masks {@code v4} too, since no machine reaches a level without those below it.
 */
public final class HardwareDetector {

    /** How much of {@code /proc/cpuinfo} is read: the first processor's block, which is all that is used. */
    static final int CPUINFO_HEAD = 16 << 10;
    /** {@code /proc/self/auxv} is a few hundred bytes; more would be no auxiliary vector. */
    static final int AUXV_LIMIT = 4 << 10;
    /** The driver's version files are one or two short lines. */
    static final int VERSION_LIMIT = 4 << 10;

    /** The files and settings detection reads. */
    public interface Sources {

        /**
         * @param path  an absolute file name, e.g. {@code /proc/cpuinfo}
         * @param limit the most bytes wanted
         * @return up to {@code limit} bytes from the file's start; {@code null} when it does not exist or cannot
         *         be read
         */
        byte[] read(String path, int limit);

        /**
         * @param name a system property
         * @return its value, or {@code null}
         */
        String property(String name);

        /**
         * @param name an environment variable
         * @return its value, or {@code null}
         */
        String variable(String name);
    }

    /** Where files and settings are read from; {@code null} for this process's own. */
    private final Sources sources;

    /** @param sources where files and settings are read from */
    public HardwareDetector(Sources sources) {
        this.sources = java.util.Objects.requireNonNull(sources, "sources");
    }

    private HardwareDetector() {
        this.sources = null;
    }

    /**
     * The system's detector. Without a {@link Sources} object: in a fresh JVM every class costs a few hundred
     * microseconds, which is most of what detection costs.
     */
    private static final HardwareDetector SYSTEM = new HardwareDetector();

    /**
     * Probed once per process: neither the processor nor the driver of a running JVM changes. Without the settings,
     * whose errors must reach the caller on every call. (Fields rather than a holder class: one class less to load.)
     */
    private static MachineProperties probed;
    /** What {@link MachineStamp} covers, read just before {@link #probed}: a later change shows at the next start. */
    private static byte[][] probedFiles;

    private static synchronized MachineProperties probed() {
        if (probed == null) {
            probedFiles = MachineStamp.files();
            probed = SYSTEM.probe(PlatformDetector.detect(System.getProperty("os.name", ""),
                    System.getProperty("os.arch", "")));
        }
        return probed;
    }

    /** @return the detector that reads this process's files, system properties and environment */
    static HardwareDetector system() {
        return SYSTEM;
    }

    /**
     * @return the properties of the machine this JVM runs on, with the settings applied, and the
     *         {@link MachineProperties#stamp() stamp} of what they were detected from; detected on the first call
     * @throws IllegalArgumentException if {@code nativelib.hardware.add} or {@code .mask} is set to something that is
     *                                  not a list of properties; the message names the setting
     */
    public static MachineProperties current() {
        MachineProperties machine = SYSTEM.withSettings(probed()).withStamp(MachineStamp.of(probedFiles,
                SYSTEM.raw(Settings.HARDWARE_ADD), SYSTEM.raw(Settings.HARDWARE_MASK)));
        if (Log.debugging()) {
            Log.debug("machine properties: " + machine.signature() + " (" + String.join("; ", machine.evidence())
                    + ")");
        }
        return machine;
    }

    /**
     * Detects the properties of a machine running {@code platform}, then applies the settings.
     *
     * @param platform the platform this machine runs, as {@link PlatformDetector#detect} gives it (its libc variant
     *                 does not matter)
     * @return the properties, with the evidence for each
     * @throws IllegalArgumentException if {@code nativelib.hardware.add} or {@code .mask} is set to something that is
     *                                  not a list of properties; the message names the setting
     */
    public MachineProperties detect(Platform platform) {
        return withSettings(probe(platform));
    }

    /**
     * Detects the properties of a machine running {@code platform}, ignoring the settings.
     *
     * @param platform the platform this machine runs, as {@link PlatformDetector#detect} gives it
     * @return the properties found in the machine's files, with the evidence for each
     */
    public MachineProperties probe(Platform platform) {
        List<VariantProperty> found = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        String os = platform.os();
        String arch = platform.arch();
        if (arch.equals("x86_64")) {
            int level = os.equals("linux") ? x86Level(evidence) : baseline(os, evidence);
            addLevels(found, level);
        } else if (arch.equals("aarch_64")) {
            if (os.equals("linux")) {
                for (String f : aarch64Features(evidence)) {
                    found.add(VariantProperty.of("aarch64", f, "on"));
                }
            } else {
                evidence.add("aarch64: nothing detected on " + os + " (no SVE on its processors; no /proc to read)");
            }
        } else {
            evidence.add("no processor properties are detected on " + arch);
        }
        if (os.equals("linux")) {
            for (String major : cudaMajors(evidence)) {
                found.add(VariantProperty.of("cuda", "runtime", major));
            }
        }
        return MachineProperties.of(found, evidence);
    }

    private int baseline(String os, List<String> evidence) {
        evidence.add("x86-64-v1: the baseline on " + os + ", where the processor's features cannot be read without"
                + " native code (nativelib.hardware.add can claim more)");
        return 1;
    }

    private int x86Level(List<String> evidence) {
        String cpuinfo = text("/proc/cpuinfo", CPUINFO_HEAD);
        String flags = cpuinfo == null ? null : field(cpuinfo, "flags");
        if (flags == null) {
            evidence.add("x86-64-v1: " + (cpuinfo == null ? "/proc/cpuinfo cannot be read"
                    : "/proc/cpuinfo has no flags line") + "; the baseline is assumed");
            return 1;
        }
        return X86Level.level(flags, evidence);
    }

    private Set<String> aarch64Features(List<String> evidence) {
        byte[] auxv = read("/proc/self/auxv", AUXV_LIMIT);
        Set<String> features = auxv == null ? null : Aarch64Features.fromAuxv(auxv, evidence);
        if (features == null) {
            String cpuinfo = text("/proc/cpuinfo", CPUINFO_HEAD);
            String line = cpuinfo == null ? null : field(cpuinfo, "Features");
            features = line == null ? null : Aarch64Features.fromCpuinfo(line, evidence);
        }
        if (features == null) {
            evidence.add("aarch64: neither /proc/self/auxv nor /proc/cpuinfo says which features there are; none"
                    + " assumed");
            return Set.of();
        }
        return features;
    }

    private List<String> cudaMajors(List<String> evidence) {
        String proc = text("/proc/driver/nvidia/version", VERSION_LIMIT);
        String driver = proc == null ? null : NvidiaDriver.versionFromProc(proc);
        String source = "/proc/driver/nvidia/version";
        if (driver == null) {
            String sys = text("/sys/module/nvidia/version", VERSION_LIMIT);
            if (sys != null) {
                driver = NvidiaDriver.versionFromSys(sys);
                source = "/sys/module/nvidia/version";
            }
            if (driver == null) {
                evidence.add(proc == null && sys == null ? "cuda: no NVIDIA driver (no /proc/driver/nvidia/version)"
                        : "cuda: no driver version found in /proc/driver/nvidia/version or /sys/module/nvidia/version");
                return List.of();
            }
        }
        return NvidiaDriver.cudaMajors(driver, source, evidence);
    }

    /**
     * Applies {@code nativelib.hardware.add}, then {@code nativelib.hardware.mask}.
     *
     * @param probed properties as {@link #probe} found them
     * @return {@code probed} with the settings applied, their use added to the evidence
     * @throws IllegalArgumentException if either setting is set to something that is not a list of properties; the
     *                                  message names the setting
     */
    public MachineProperties withSettings(MachineProperties probed) {
        String add = raw(Settings.HARDWARE_ADD);
        String mask = raw(Settings.HARDWARE_MASK);
        if (add == null && mask == null) {
            return probed;
        }
        // Only now the class that parses them: most JVMs set neither.
        return HardwareOverrides.apply(probed, source(Settings.HARDWARE_ADD), add, source(Settings.HARDWARE_MASK),
                mask);
    }

    static void addLevels(List<VariantProperty> found, int level) {
        for (int l = 1; l <= level; l++) {
            found.add(VariantProperty.of("x86_64", "level", "v" + l));
        }
    }

    /** The setting's value from the sources: the system property, else the variable; blank counts as not set. */
    private String raw(Setting setting) {
        return MachineStamp.chosen(property(setting.property()), variable(setting.environment()));
    }

    private String source(Setting setting) {
        String v = property(setting.property());
        return v != null && !v.isBlank() ? "-D" + setting.property() : setting.environment();
    }

    private byte[] read(String path, int limit) {
        return sources == null ? MachineStamp.read(path, limit) : sources.read(path, limit);
    }

    private String property(String name) {
        return sources == null ? System.getProperty(name) : sources.property(name);
    }

    private String variable(String name) {
        return sources == null ? System.getenv(name) : sources.variable(name);
    }

    private String text(String path, int limit) {
        byte[] bytes = read(path, limit);
        // ISO-8859-1 never fails; everything matched is ASCII.
        return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads a field of {@code key : value} lines, as {@code /proc/cpuinfo} (one block of them per processor) and the
     * NVIDIA driver's version file have. Written out rather than with regular expressions, whose first use would cost
     * a fresh JVM milliseconds.
     *
     * @param text the file's text, or its beginning
     * @param key  a field name, e.g. {@code flags} or {@code Features}
     * @return the value of the first line with that key (the first processor's), trimmed; {@code null} if no line
     *         has it
     */
    static String field(String text, String key) {
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            int colon = text.indexOf(':', start);
            if (colon >= 0 && colon < end && text.substring(start, colon).trim().equals(key)) {
                return text.substring(colon + 1, end).trim();
            }
            start = end + 1;
        }
        return null;
    }
}
