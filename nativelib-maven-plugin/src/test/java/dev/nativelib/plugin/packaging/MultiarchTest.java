package dev.nativelib.plugin.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nativelib.loader.platform.Platform;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultiarchTest {

    /** Debian's tuples (https://wiki.debian.org/Multiarch/Tuples) for the platforms that have one. */
    @ParameterizedTest
    @CsvSource({
        "linux-x86_64,       x86_64-linux-gnu",
        "linux-aarch_64,     aarch64-linux-gnu",
        "linux-x86_32,       i386-linux-gnu",
        "linux-arm_32,       arm-linux-gnueabihf",
        "linux-ppcle_64,     powerpc64le-linux-gnu",
        "linux-s390_64,      s390x-linux-gnu",
        "linux-riscv64,      riscv64-linux-gnu",
        "linux-x86_64-musl,  x86_64-linux-musl",
        "linux-aarch_64-musl, aarch64-linux-musl",
        "osx-aarch_64,",
        "windows-x86_64,",
    })
    void tupleOfPlatform(String platform, String tuple) {
        assertEquals(tuple, Multiarch.tuple(Platform.parse(platform)));
    }
}
