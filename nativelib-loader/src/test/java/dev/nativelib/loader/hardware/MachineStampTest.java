package dev.nativelib.loader.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class MachineStampTest {

    private static final String BOOT = "5f0c6b8e-3a43-4a3f-9d1e-2b6a3c1d7e90\n";
    private static final String DRIVER = "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14  Thu Feb 22 01:44:30"
            + " UTC 2024\n";

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String stamp(String boot, String proc, String sys, String add, String mask) {
        return MachineStamp.of(new byte[][] {bytes(boot), bytes(proc), bytes(sys)}, add, mask);
    }

    @Test
    void everythingDetectionReadsChangesTheStamp() {
        List<String> stamps = List.of(
                stamp(BOOT, null, null, null, null),
                stamp(BOOT.replace('5', '6'), null, null, null, null),
                stamp(BOOT, DRIVER, null, null, null),
                stamp(BOOT, DRIVER.replace("550.54.14", "580.65.06"), null, null, null),
                stamp(BOOT, null, "550.54.14\n", null, null),
                stamp(BOOT, null, null, "cuda :: runtime :: 12", null),
                stamp(BOOT, null, null, null, "cuda :: runtime :: 12"),
                stamp(BOOT, null, null, "", null),
                // Parts do not run together: the same bytes split differently are another machine.
                stamp(BOOT, "ab", "c", null, null),
                stamp(BOOT, "a", "bc", null, null));
        Set<String> distinct = new HashSet<>(stamps);
        assertEquals(stamps.size(), distinct.size(), stamps.toString());
        for (String s : stamps) {
            assertTrue(s.matches("[0-9a-f]{16}"), s);
        }
        assertEquals(stamp(BOOT, DRIVER, null, "x", null), stamp(BOOT, DRIVER, null, "x", null));
    }

    @Test
    void withoutABootIdThereIsNoStamp() {
        assertNull(stamp(null, DRIVER, null, null, null));
        assertNull(stamp("", DRIVER, null, null, null));
    }

    @Test
    void theSettingsCountAsDetectionReadsThem() {
        assertNull(MachineStamp.chosen(null, null));
        assertNull(MachineStamp.chosen("  ", " "));
        assertEquals("a", MachineStamp.chosen(" a ", "b"));
        assertEquals("b", MachineStamp.chosen(" ", " b"));
        assertEquals("b", MachineStamp.chosen(null, "b"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisMachineHasAStableStampAndDetectionRecordsIt() {
        String now = MachineStamp.current();
        assertTrue(now != null && now.matches("[0-9a-f]{16}"), now);
        assertEquals(now, MachineStamp.current());
        String detected = HardwareDetector.current().stamp();
        boolean settings = MachineStamp.chosen(System.getProperty("nativelib.hardware.add"),
                System.getenv("NATIVELIB_HARDWARE_ADD")) != null || MachineStamp.chosen(
                System.getProperty("nativelib.hardware.mask"), System.getenv("NATIVELIB_HARDWARE_MASK")) != null;
        if (!settings) {
            assertEquals(now, detected);
        }
        assertNotEquals(now, MachineStamp.of(MachineStamp.files(), "x86_64 :: level :: v4", null));
    }
}
