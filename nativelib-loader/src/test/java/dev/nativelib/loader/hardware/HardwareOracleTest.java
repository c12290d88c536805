package dev.nativelib.loader.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nativelib.loader.platform.PlatformDetector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * glibc's dynamic loader knows which x86-64 levels this machine supports (it picks {@code glibc-hwcaps/x86-64-vN}
 * subdirectories by them, from CPUID): {@code ld.so --help} lists them. The detector, reading {@code /proc/cpuinfo},
 * must agree on this machine.
 */
class HardwareOracleTest {

    private static final Path LD_SO = Paths.get("/lib64/ld-linux-x86-64.so.2");

    @Test
    void theX86LevelAgreesWithGlibcsDynamicLoader() throws Exception {
        Assumptions.assumeTrue(PlatformDetector.detect(System.getProperty("os.name"), System.getProperty("os.arch"))
                .name().equals("linux-x86_64"), "only on Linux x86-64");
        Assumptions.assumeTrue(Files.isExecutable(LD_SO), "no glibc dynamic loader at " + LD_SO);
        Process p = new ProcessBuilder(LD_SO.toString(), "--help").redirectErrorStream(true).start();
        String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Assumptions.assumeTrue(help.contains("Subdirectories of glibc-hwcaps directories"),
                "this glibc (before 2.33) lists no glibc-hwcaps levels:\n" + help);
        int supported = 1;
        for (String line : help.lines().toList()) {
            String l = line.trim();
            if (l.startsWith("x86-64-v") && l.contains("(supported")) {
                supported = Math.max(supported, Integer.parseInt(l.substring(8, l.indexOf(' '))));
            }
        }
        MachineProperties machine = HardwareDetector.system().probe(
                PlatformDetector.detect(System.getProperty("os.name"), System.getProperty("os.arch")));
        assertEquals("v" + supported, machine.values("x86_64", "level").get(machine.values("x86_64", "level").size()
                - 1), "ld.so --help says:\n" + help + "\nthe detector: " + machine.evidence());
    }
}
