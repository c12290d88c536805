package dev.nativelib.loader.hardware;

import dev.nativelib.loader.cache.CacheDirectory;
import dev.nativelib.loader.diagnostics.Log;
import dev.nativelib.loader.settings.Settings;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A cheap fingerprint of everything {@link HardwareDetector} reads, so that a load plan which chose variants can be
 * replayed without detecting again: the kernel's boot id, the NVIDIA driver's version files (absent on most
 * machines), and the two hardware settings. A plan records the stamp next to the machine's signature; a later start
 * whose stamp is the same has the same signature.
 *
 * <p>Why the boot id covers the processor: Linux fixes the {@code flags} of {@code /proc/cpuinfo} and the
 * {@code HWCAP}s of the auxiliary vector at boot, and every boot has a new id
 * ({@code /proc/sys/kernel/random/boot_id}).
 * A cache shared by several machines (a home directory on NFS, a volume of a container) sees a different boot id on
 * each, so it detects there. The driver can be replaced without a reboot, so its files are part of the stamp. Where
 * the boot id cannot be read there is no stamp, and every start detects. Other systems than Linux read no file (their
 * detection gives a constant), so only the settings count there.
 *
 * <p>The stamp also names a <em>machine record</em> in the cache root ({@value #DIRECTORY}{@code /<stamp>}): the
 * signature the first detection under that stamp found. A later JVM that has to choose among variants without a plan
 * (the first start of another application, a load bound to a class loader) reads it instead of detecting, so only
 * the first JVM of each boot pays for detection.
 *
 * <p>The stamp is a hash, not a proof: it guards against a changed machine, not against an attacker, who could write
 * the plan or the record itself. Both live in the user's own checked cache, as the libraries do.
 */
public final class MachineStamp {

    /** The directory of machine records, in a cache root. */
    public static final String DIRECTORY = ".machines";
    /** The first line of a machine record. */
    static final String HEADER = "nativelib-machine 1";

    /**
     * Which detection the stamp vouches for: changed whenever a release detects differently from the same files (a
     * new property, a fixed parser), so that records and plans of older releases are not believed.
     */
    static final String DETECTION = "nativelib-detection 1";

    /** The kernel's id of this boot: a UUID, new at every boot. */
    static final String BOOT_ID = "/proc/sys/kernel/random/boot_id";
    /** The files detection reads that can change without a reboot: the NVIDIA driver's versions. */
    static final String[] DRIVER_FILES = {"/proc/driver/nvidia/version", "/sys/module/nvidia/version"};

    private MachineStamp() {
    }

    /**
     * @return the stamp of this machine and this process's hardware settings, or {@code null} when the machine gives
     *         nothing to stamp with (Linux without a readable boot id): then a plan is never replayed without
     *         detecting
     */
    public static String current() {
        return of(files(), chosen(System.getProperty(Settings.HARDWARE_ADD.property()),
                        System.getenv(Settings.HARDWARE_ADD.environment())),
                chosen(System.getProperty(Settings.HARDWARE_MASK.property()),
                        System.getenv(Settings.HARDWARE_MASK.environment())));
    }

    /**
     * The machine's properties for a choice among variants: read from the machine record of this stamp in the cache
     * root, else detected ({@link HardwareDetector#current()}) and recorded there.
     *
     * @return this machine's properties, with the settings applied
     * @throws IllegalArgumentException if {@code nativelib.hardware.add} or {@code .mask} is set to something that is
     *                                  not a list of properties; the message names the setting
     */
    public static MachineProperties machine() {
        Path root;
        try {
            // The root the packages are extracted into, checked (and remembered) as for them.
            root = CacheDirectory.usable();
        } catch (IOException | RuntimeException e) {
            root = null;
        }
        return machine(root);
    }

    /**
     * @param root a checked cache root, or {@code null} for none (then this detects)
     * @return this machine's properties, from the record of its stamp in {@code root} or detected and recorded
     * @throws IllegalArgumentException if {@code nativelib.hardware.add} or {@code .mask} is set to something that is
     *                                  not a list of properties; the message names the setting
     */
    public static MachineProperties machine(Path root) {
        return machine(root, current());
    }

    /**
     * @param root  a checked cache root, or {@code null} for none (then this detects)
     * @param stamp {@link #current()}, as the caller just computed it
     * @return this machine's properties, from the record of {@code stamp} in {@code root} or detected and recorded
     * @throws IllegalArgumentException if {@code nativelib.hardware.add} or {@code .mask} is set to something that is
     *                                  not a list of properties; the message names the setting
     */
    public static MachineProperties machine(Path root, String stamp) {
        if (root != null && stamp != null) {
            Path file = root.resolve(DIRECTORY).resolve(stamp);
            MachineProperties recorded = read(file);
            if (recorded != null) {
                if (Log.debugging()) {
                    Log.debug("machine properties: " + recorded.signature() + " (recorded in " + file + ")");
                }
                return recorded.withStamp(stamp);
            }
        }
        MachineProperties detected = HardwareDetector.current();
        if (root != null && detected.stamp() != null) {
            // Written by a class of its own, which later JVMs, reading the record, do not load.
            MachineRecordWriter.write(root, detected.stamp(), detected.signature());
        }
        return detected;
    }

    /** A record's properties; {@code null} when there is none or it is not a whole record (then the JVM detects). */
    private static MachineProperties read(Path file) {
        byte[] bytes = read(file.toString(), 4096);
        if (bytes == null) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.startsWith(HEADER + "\n") || !text.endsWith("\n")) {
            return null;
        }
        String signature = text.substring(HEADER.length() + 1, text.length() - 1);
        try {
            MachineProperties parsed = MachineProperties.parseSignature(signature);
            return MachineProperties.of(parsed.properties(), List.of("as detected on this boot by an earlier JVM"
                    + " and recorded in " + file + " (java -jar nativelib-loader.jar shows how each is found)"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @return what of the machine the stamp covers, read now: the boot id (elsewhere than Linux, the system's name),
     *         then each of {@link #DRIVER_FILES}, each {@code null} when it cannot be read
     */
    static byte[][] files() {
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Linux")) {
            return new byte[][] {os.getBytes(StandardCharsets.UTF_8), null, null};
        }
        byte[][] files = new byte[1 + DRIVER_FILES.length][];
        files[0] = read(BOOT_ID, 64);
        for (int i = 0; i < DRIVER_FILES.length; i++) {
            files[i + 1] = read(DRIVER_FILES[i], HardwareDetector.VERSION_LIMIT);
        }
        return files;
    }

    /**
     * @param files what {@link #files()} read: the boot id first
     * @param add   {@code nativelib.hardware.add} as set, or {@code null}
     * @param mask  {@code nativelib.hardware.mask} as set, or {@code null}
     * @return the stamp: 16 hex digits; {@code null} when the boot id is missing or empty
     */
    static String of(byte[][] files, String add, String mask) {
        if (files[0] == null || files[0].length == 0) {
            return null;
        }
        // 64-bit FNV-1a: no MessageDigest to initialise on a start that wants to load nothing; each part is
        // preceded by its length (or -1 for an absent one), so that no two inputs run together into the same bytes.
        long h = mix(0xcbf29ce484222325L, DETECTION.getBytes(StandardCharsets.UTF_8));
        for (byte[] file : files) {
            h = mix(h, file);
        }
        h = mix(h, add == null ? null : add.getBytes(StandardCharsets.UTF_8));
        h = mix(h, mask == null ? null : mask.getBytes(StandardCharsets.UTF_8));
        String hex = Long.toHexString(h);
        return "0000000000000000".substring(hex.length()) + hex;
    }

    private static long mix(long h, byte[] part) {
        int length = part == null ? -1 : part.length;
        for (int shift = 0; shift < 32; shift += 8) {
            h = (h ^ ((length >>> shift) & 0xff)) * 0x100000001b3L;
        }
        if (part != null) {
            for (byte b : part) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
        }
        return h;
    }

    /**
     * How detection reads its two settings: the system property, else the variable; blank counts as not set.
     *
     * @param property the system property's value, or {@code null}
     * @param variable the environment variable's value, or {@code null}
     * @return the value that counts, trimmed; {@code null} when neither is set
     */
    static String chosen(String property, String variable) {
        String v = property == null || property.isBlank() ? variable : property;
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * Reads the beginning of a system file; what detection and the stamp read their files with.
     *
     * @param path  an absolute file name
     * @param limit the most bytes wanted
     * @return up to {@code limit} bytes from the file's start; {@code null} when it does not exist or cannot be read
     */
    static byte[] read(String path, int limit) {
        // Most machines have no NVIDIA driver: a stat rather than a FileNotFoundException, whose stack trace a fresh
        // JVM would fill in for nothing.
        if (!new File(path).exists()) {
            return null;
        }
        // FileInputStream rather than Files: the NIO channel classes would be loaded for this alone.
        try (InputStream in = new FileInputStream(path)) {
            return in.readNBytes(limit);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
