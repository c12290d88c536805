package dev.nativelib.loader.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.platform.PlatformDetector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Detection in a fresh JVM, as a load does it: the real files and settings, and what it costs in classes. */
class HardwareColdStartTest {

    private static String run(Map<String, String> environment, String... options) throws Exception {
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xshare:auto", "-Xlog:class+load=info"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DetectHardware.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("NATIVELIB_HARDWARE_ADD");
        builder.environment().remove("NATIVELIB_HARDWARE_MASK");
        builder.environment().putAll(environment);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private static String signature(String out) {
        return out.lines().filter(l -> l.startsWith("signature=")).findFirst().orElseThrow().substring(10);
    }

    @Test
    void aFreshJvmDetectsWhatTheProbeFindsWithoutCostlyClasses() throws Exception {
        String out = run(Map.of());
        MachineProperties here = HardwareDetector.system().probe(
                PlatformDetector.detect(System.getProperty("os.name"), System.getProperty("os.arch")));
        assertEquals(here.signature(), signature(out));
        String sinceDetector = out.substring(out.indexOf(" dev.nativelib.loader.hardware.HardwareDetector "));
        for (String costly : List.of(" java.util.regex.Pattern ", " java.lang.invoke.LambdaMetafactory ",
                " java.lang.invoke.StringConcatFactory ", " java.util.logging.LogManager ", " java.util.Formatter ",
                " java.nio.channels.FileChannel ", " java.nio.file.Files ")) {
            assertFalse(sinceDetector.contains(costly), "detection loaded" + costly + ":\n" + sinceDetector);
        }
        assertFalse(out.contains(" dev.nativelib.loader.hardware.HardwareOverrides "), "no setting, no override"
                + " parser:\n" + sinceDetector);
    }

    @Test
    void theSettingsFromTheCommandLineAndTheEnvironment() throws Exception {
        String masked = signature(run(Map.of("NATIVELIB_HARDWARE_ADD", "cuda :: runtime :: 12"),
                "-Dnativelib.hardware.mask=x86_64 :: level :: v2, aarch64 :: sve"));
        assertTrue(masked.equals("cuda :: runtime :: 12, x86_64 :: level :: v1")
                || masked.equals("cuda :: runtime :: 12"), masked);
    }
}
