package dev.nativelib.loader.hardware;

import dev.nativelib.loader.binary.VersionOrder;
import dev.nativelib.loader.text.Chars;
import java.util.ArrayList;
import java.util.List;

/**
 * Which CUDA runtimes the installed NVIDIA driver can run, read from the driver's files without loading any CUDA
 * library: the kernel module's version from {@code /proc/driver/nvidia/version} (or {@code /sys/module/nvidia/version}),
 * mapped to CUDA major versions by NVIDIA's "CUDA Minor Version Compatibility" table
 * (https://docs.nvidia.com/deploy/cuda-compatibility/minor-version-compatibility.html): an application built with any
 * CUDA 11.x runs on a driver of at least 450.80.02, 12.x on 525.60.13, 13.x on 580.65.06, and a newer driver runs
 * the older majors too (backward compatibility). A machine whose driver is 550.54.14 thus has {@code cuda :: runtime
 * :: 11} and {@code cuda :: runtime :: 12}.
 *
 * <p>Not detected: a driver without those files (WSL 2, whose driver lives on the Windows side; macOS and Windows),
 * and Jetson boards, whose file names the L4T release ({@code 35.3.1}) rather than a driver version.
 */
final class NvidiaDriver {

    /** Each CUDA major and the oldest driver that runs every minor release of it. */
    private static final String[][] MAJORS = {
        {"11", "450.80.02"},
        {"12", "525.60.13"},
        {"13", "580.65.06"},
    };

    private NvidiaDriver() {
    }

    /**
     * Finds the driver version in {@code /proc/driver/nvidia/version}, whose first line is
     * {@code NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14  Thu Feb 22 …} for the proprietary module and
     * {@code NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  565.57.01  Release Build …} for the open one.
     *
     * @param text the file's text
     * @return the version, e.g. {@code 550.54.14}; {@code null} if the text holds none
     */
    static String versionFromProc(String text) {
        String line = HardwareDetector.field(text, "NVRM version");
        int module = line == null ? -1 : line.indexOf("Kernel Module");
        if (module < 0) {
            return null;
        }
        for (String word : line.substring(module + "Kernel Module".length()).trim().split(" ")) {
            if (isVersion(word)) {
                return word;
            }
        }
        return null;
    }

    /**
     * @param text the text of {@code /sys/module/nvidia/version}, e.g. {@code 550.54.14\n}
     * @return the version; {@code null} if the text is not one
     */
    static String versionFromSys(String text) {
        String v = text.trim();
        return isVersion(v) ? v : null;
    }

    /** {@code digits(.digits)+}, at most four parts of at most six digits each. */
    static boolean isVersion(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length < 2 || parts.length > 4) {
            return false;
        }
        for (String p : parts) {
            if (!Chars.digits(p) || p.length() > 6) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param driver   the driver version, as {@link #isVersion} accepts it
     * @param source   the file it was read from, for the evidence
     * @param evidence receives a line saying what was found
     * @return the CUDA majors this driver runs, ascending, e.g. {@code [11, 12]}; empty if it is older than all
     */
    static List<String> cudaMajors(String driver, String source, List<String> evidence) {
        List<String> out = new ArrayList<>();
        for (String[] major : MAJORS) {
            if (VersionOrder.compare(driver, major[1]) >= 0) {
                out.add(major[0]);
            }
        }
        evidence.add("cuda: NVIDIA driver " + driver + " (" + source + ") runs CUDA "
                + (out.isEmpty() ? "none of 11, 12, 13 (11.x needs 450.80.02 or newer)" : String.join(", ", out)));
        return out;
    }
}
