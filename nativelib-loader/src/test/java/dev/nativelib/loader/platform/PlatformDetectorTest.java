package dev.nativelib.loader.platform;

import dev.nativelib.loader.settings.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformDetectorTest {

    @AfterEach
    void clearOverride() {
        System.clearProperty(Settings.PLATFORM.property());
    }

    @ParameterizedTest
    @CsvSource({
        "Linux, amd64, linux-x86_64",
        "Linux, x86_64, linux-x86_64",
        "Linux, aarch64, linux-aarch_64",
        "Linux, ppc64le, linux-ppcle_64",
        "Linux, s390x, linux-s390_64",
        "Linux, riscv64, linux-riscv64",
        "Linux, i686, linux-x86_32",
        "Linux, arm, linux-arm_32",
        "Linux, loongarch64, linux-loongarch_64",
        "Mac OS X, aarch64, osx-aarch_64",
        "Mac OS X, x86_64, osx-x86_64",
        "Darwin, x86_64, unknown-x86_64",
        "Linux, riscv32, linux-riscv",
        "Windows 11, amd64, windows-x86_64",
        "Windows Server 2022, aarch64, windows-aarch_64",
        "FreeBSD, amd64, freebsd-x86_64",
        "SunOS, sparcv9, sunos-sparc_64",
        "AIX, ppc64, aix-ppc_64",
        "Plan 9, mips, unknown-mips_32",
        "Linux, vax, linux-unknown",
    })
    void normalisesLikeOsMavenPlugin(String osName, String osArch, String expected) {
        assertEquals(expected, PlatformDetector.detect(osName, osArch).name());
    }

    @Test
    void muslAddsTheVariantAndGlibcKeepsThePlainName() {
        Platform linux = PlatformDetector.detect("Linux", "aarch64");
        assertEquals("linux-aarch_64-musl", PlatformDetector.withLibc(linux,
                new Libc("musl", "/proc/self/maps maps /lib/ld-musl-aarch64.so.1")).name());
        assertEquals("linux-aarch_64", PlatformDetector.withLibc(linux,
                new Libc(null, "/proc/self/maps maps /usr/lib/aarch64-linux-gnu/libc.so.6")).name());
    }

    @Test
    void hostOfThisJvmIsTheDetectedOsAndArchWithItsLibc() {
        System.setProperty(Settings.PLATFORM.property(), "windows-x86_64");
        Platform host = PlatformDetector.host();
        Platform base = PlatformDetector.detect(System.getProperty("os.name"), System.getProperty("os.arch"));
        assertEquals(base.os() + "-" + base.arch(), host.os() + "-" + host.arch(), "the override is not the host");
        if (base.os().equals("linux")) {
            assertEquals(LibcDetector.current().variant(), host.variant());
        }
    }

    @Test
    void overridePropertyWins() {
        System.setProperty(Settings.PLATFORM.property(), "linux-x86_64-musl");
        Platform p = PlatformDetector.current();
        assertEquals("linux", p.os());
        assertEquals("x86_64", p.arch());
        assertEquals("musl", p.variant());
    }

    @Test
    void parsesNamesWithAndWithoutVariant() {
        assertNull(Platform.parse("osx-aarch_64").variant());
        assertEquals(Platform.parse("linux-x86_64-musl"), Platform.of("linux", "x86_64", "musl"));
    }

    @Test
    void rejectsMalformedNamesWithAnExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Platform.parse("Linux_x64"));
        assertEquals("'Linux_x64' is not a platform name; expected <os>-<arch> or <os>-<arch>-<libc> in lower case,"
                + " e.g. linux-x86_64, osx-aarch_64, windows-x86_64, linux-x86_64-musl", e.getMessage());
    }
}
