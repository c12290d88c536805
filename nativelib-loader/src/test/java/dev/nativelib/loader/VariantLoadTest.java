package dev.nativelib.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.binary.Fixtures;
import dev.nativelib.loader.plan.LoadPlan;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hardware variants end to end, in child JVMs that load a real library with {@code NativeLoader.load(name)}: the
 * baseline and an {@code x86_64 :: level :: v2} variant of one package (the same library, padded so that the loaded
 * file tells which one), with the machine steered by {@code nativelib.hardware.add} and {@code .mask} so that the
 * outcome does not depend on the processor running the test.
 */
class VariantLoadTest {

    private static final String FULL_PATH = " dev.nativelib.loader.FullLoad ";
    private static final String ADD_V2 = "-Dnativelib.hardware.add=x86_64 :: level :: v2";
    private static final String MASK_V2 = "-Dnativelib.hardware.mask=x86_64 :: level :: v2";

    @TempDir
    Path tmp;

    private record Run(int status, String output) {

        boolean fullPath() {
            return output.contains(FULL_PATH);
        }

        String loaded() {
            String line = output.lines().filter(l -> l.startsWith("loaded=")).findFirst().orElseThrow(
                    () -> new AssertionError(output));
            return line.substring(7, line.indexOf(" coordinates="));
        }
    }

    private static byte[] library(int padding) throws IOException {
        byte[] lib = Files.readAllBytes(Fixtures.path("elf/libbase.so.1"));
        return Arrays.copyOf(lib, lib.length + padding);
    }

    private Path jar(String label, int padding) throws IOException {
        TestPackages t = TestPackages.of("dev.example", "fast", "1.0", "linux-x86_64")
                .libraryBytes("lib/libbase.so.1", library(padding));
        if (label != null) {
            t.variant(label, "x86_64 :: level :: " + label);
        }
        return t.writeJar(Files.createDirectories(tmp.resolve("jars")));
    }

    private Run run(List<Path> jars, String... properties) throws Exception {
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xlog:class+load=info",
                "-Dnativelib.cache.dir=" + tmp.resolve("cache"), "-Dnativelib.platform=linux-x86_64"));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of(properties));
        StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
        for (Path jar : jars) {
            cp.append(File.pathSeparator).append(jar);
        }
        command.addAll(List.of("-cp", cp.toString(), LoadByName.class.getName(), "base"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("NATIVELIB_HARDWARE_ADD");
        builder.environment().remove("NATIVELIB_HARDWARE_MASK");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    private void deleteRecords() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("cache").resolve(".machines"))) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
    }

    private List<Path> plans() throws IOException {
        Path dir = tmp.resolve("cache").resolve(LoadPlan.DIRECTORY);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".plan")).toList();
        }
    }

    @Test
    void aPackageWithoutVariantsLoadsNoHardwareClassAndItsPlanRecordsNoMachine() throws Exception {
        List<Path> jars = List.of(jar(null, 0));
        for (Run run : List.of(run(jars, MASK_V2), run(jars))) {
            assertEquals(0, run.status(), run.output());
            assertFalse(run.output().contains(" dev.nativelib.loader.hardware."), run.output());
            assertFalse(run.output().contains(" dev.nativelib.loader.discovery.VariantChooser "), run.output());
        }
        String plan = Files.readString(plans().get(0));
        assertFalse(plan.contains("\nmachine\t"), plan);
    }

    @Test
    void theVariantTheMachineRunsIsLoadedAndItsPlanIsReplayedOnlyOnTheSameMachine() throws Exception {
        List<Path> jars = List.of(jar(null, 0), jar("v2", 4096));
        Run first = run(jars, ADD_V2);
        assertEquals(0, first.status(), first.output());
        assertTrue(first.loaded().contains("/fast-1.0-linux-x86_64-v2-"), first.loaded());
        assertArrayEquals(library(4096), Files.readAllBytes(Paths.get(first.loaded())));
        assertEquals(1, plans().size());
        String plan = Files.readString(plans().get(0));
        assertTrue(plan.contains("\nmachine\t") && plan.contains("x86_64 :: level :: v2"), plan);

        assertTrue(plan.matches("(?s).*\nmachine\t[^\t\n]+\t[0-9a-f]{16}\n.*"), "no machine stamp:\n" + plan);

        // Same boot, same driver files, same settings: the plan's signature holds and nothing is detected.
        Run again = run(jars, ADD_V2);
        assertFalse(again.fullPath(), again.output());
        assertEquals(first.loaded(), again.loaded());
        assertTrue(again.output().contains(" dev.nativelib.loader.hardware.MachineStamp "), again.output());
        assertFalse(again.output().contains(" dev.nativelib.loader.hardware.HardwareDetector "), again.output());

        // Another stamp (another boot, or a machine sharing the cache) and no record of this machine: detected again;
        // the same signature replays, and the plan is stamped anew, so the next start detects nothing again.
        String otherStamp = plan.replaceFirst("(\nmachine\t[^\t\n]+\t)[0-9a-f]{16}\n", "$10000000000000000\n");
        Files.writeString(plans().get(0), otherStamp);
        deleteRecords();
        Run elsewhere = run(jars, ADD_V2);
        assertFalse(elsewhere.fullPath(), elsewhere.output());
        assertEquals(first.loaded(), elsewhere.loaded());
        assertTrue(elsewhere.output().contains(" dev.nativelib.loader.hardware.HardwareDetector "),
                elsewhere.output());
        assertEquals(plan, Files.readString(plans().get(0)));
        Run afterwards = run(jars, ADD_V2);
        assertFalse(afterwards.fullPath(), afterwards.output());
        assertFalse(afterwards.output().contains(" dev.nativelib.loader.hardware.HardwareDetector "),
                afterwards.output());

        // With the machine recorded by an earlier JVM of this boot (here the last one), the record answers.
        Files.writeString(plans().get(0), otherStamp);
        Run recorded = run(jars, ADD_V2);
        assertFalse(recorded.fullPath(), recorded.output());
        assertFalse(recorded.output().contains(" dev.nativelib.loader.hardware.HardwareDetector "),
                recorded.output());
        assertEquals(plan, Files.readString(plans().get(0)));

        // The hardware settings are not part of the plan's key: the same plan is found, and its machine differs.
        Run masked = run(jars, ADD_V2, MASK_V2);
        assertEquals(0, masked.status(), masked.output());
        assertTrue(masked.fullPath(), masked.output());
        assertEquals(1, plans().size());
        assertArrayEquals(library(0), Files.readAllBytes(Paths.get(masked.loaded())));
        String replanned = Files.readString(plans().get(0));
        assertTrue(replanned.contains("\nmachine\t") && !replanned.contains("x86_64 :: level :: v2"), replanned);

        Run maskedAgain = run(jars, MASK_V2);
        assertFalse(maskedAgain.fullPath(), maskedAgain.output());
        assertEquals(masked.loaded(), maskedAgain.loaded());
    }

    @Test
    void withoutAPlanTheMachineIsDetectedOnceAndThenReadFromItsRecord() throws Exception {
        List<Path> jars = List.of(jar(null, 0), jar("v2", 4096));
        Run first = run(jars, ADD_V2, "-Dnativelib.plan=off");
        assertEquals(0, first.status(), first.output());
        assertTrue(first.output().contains(" dev.nativelib.loader.hardware.HardwareDetector "), first.output());
        Path records = tmp.resolve("cache").resolve(".machines");
        try (Stream<Path> s = Files.list(records)) {
            assertEquals(1, s.count());
        }

        Run second = run(jars, ADD_V2, "-Dnativelib.plan=off");
        assertEquals(0, second.status(), second.output());
        assertTrue(second.fullPath(), second.output());
        assertEquals(first.loaded(), second.loaded());
        assertFalse(second.output().contains(" dev.nativelib.loader.hardware.HardwareDetector "), second.output());

        // Other settings are another stamp: detected, and chosen by what they make of the machine.
        Run masked = run(jars, ADD_V2, MASK_V2, "-Dnativelib.plan=off");
        assertEquals(0, masked.status(), masked.output());
        assertTrue(masked.output().contains(" dev.nativelib.loader.hardware.HardwareDetector "), masked.output());
        assertArrayEquals(library(0), Files.readAllBytes(Paths.get(masked.loaded())));
    }

    @Test
    void whenNoVariantFitsTheLoadFailsNamingThemAndTheOverrides() throws Exception {
        Run run = run(List.of(jar("v2", 0)), MASK_V2);
        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("""
                No variant of dev.example:fast:1.0 [linux-x86_64] (requested) fits this machine:
                  linux-x86_64-v2 (x86_64 :: level :: v2): out: this machine lacks x86_64 :: level :: v2
                This machine has: """), run.output());
        assertTrue(run.output().contains("add it with -Dnativelib.hardware.add='namespace :: feature :: value'"),
                run.output());
    }
}
