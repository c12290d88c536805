package dev.nativelib.loader.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    @EnabledOnOs(OS.LINUX)
    void theFirstDetectionOfAStampIsRecordedAndReadBackByTheNext(@TempDir Path root) throws Exception {
        String stamp = MachineStamp.current();
        org.junit.jupiter.api.Assumptions.assumeTrue(stamp != null, "no boot id to stamp with");
        MachineProperties detected = MachineStamp.machine(root);
        Path record = root.resolve(".machines").resolve(stamp);
        assertEquals("nativelib-machine 1\n" + detected.signature() + "\n", Files.readString(record));

        MachineProperties read = MachineStamp.machine(root);
        assertEquals(detected, read);
        assertEquals(stamp, read.stamp());
        assertEquals(List.of("as detected on this boot by an earlier JVM and recorded in " + record
                + " (java -jar nativelib-loader.jar shows how each is found)"), read.evidence());

        // What is not a whole record is detected again and recorded anew.
        for (String bad : List.of("nativelib-machine 1\nx86_64 :: level :: V9\n", "nativelib-machine 2\nnone\n",
                "nativelib-machine 1\nnone", "")) {
            Files.writeString(record, bad);
            MachineProperties again = MachineStamp.machine(root);
            assertEquals(detected, again);
            assertTrue(again.evidence().stream().noneMatch(e -> e.startsWith("as detected")), bad);
            assertEquals("nativelib-machine 1\n" + detected.signature() + "\n", Files.readString(record));
        }
        // A made-up record is believed: the cache root is this user's own, checked as for the libraries.
        Files.writeString(record, "nativelib-machine 1\ncuda :: runtime :: 12\n");
        assertEquals("cuda :: runtime :: 12", MachineStamp.machine(root).signature());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onlyTheNewestRecordsAreKept(@TempDir Path root) throws Exception {
        String stamp = MachineStamp.current();
        org.junit.jupiter.api.Assumptions.assumeTrue(stamp != null, "no boot id to stamp with");
        Path dir = Files.createDirectories(root.resolve(".machines"));
        for (int i = 0; i < 10; i++) {
            Path old = Files.writeString(dir.resolve(String.format("%016x", i)), "nativelib-machine 1\nnone\n");
            Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Path staleTmp = Files.writeString(dir.resolve(".0000000000000000.1.tmp"), "");
        Files.setLastModifiedTime(staleTmp, FileTime.fromMillis(0));
        MachineStamp.machine(root);
        Set<String> left = new HashSet<>();
        try (var s = Files.list(dir)) {
            s.forEach(p -> left.add(p.getFileName().toString()));
        }
        Set<String> expected = new HashSet<>(Set.of(stamp));
        for (int i = 3; i < 10; i++) {
            expected.add(String.format("%016x", i));
        }
        assertEquals(expected, left);
    }
}
