package dev.nativelib.loader.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PackageLimitsTest {

    @AfterEach
    void tearDown() {
        System.clearProperty("nativelib.maxLibrarySize");
    }

    @Test
    void theDefaultIsFourGibibytes() {
        assertEquals(4L << 30, PackageLimits.maxLibrarySize());
        System.setProperty("nativelib.maxLibrarySize", "  ");
        assertEquals(4L << 30, PackageLimits.maxLibrarySize(), "blank counts as not set");
    }

    @Test
    void sizesAreBytesOrKMGInPowersOf1024() {
        Map<String, Long> cases = Map.of("1048576", 1048576L, "512K", 512L << 10, "100M", 100L << 20, "8G",
                8L << 30, " 8g ", 8L << 30, "1k", 1024L);
        cases.forEach((value, bytes) -> {
            System.setProperty("nativelib.maxLibrarySize", value);
            assertEquals(bytes, PackageLimits.maxLibrarySize(), value);
        });
    }

    @Test
    void anInvalidSizeIsRefusedNamingTheSettingAndTheAcceptedForm() {
        for (String value : List.of("lots", "0", "-1", "1.5G", "8GB", "G", "8T", "9999999999G",
                "99999999999999999999")) {
            System.setProperty("nativelib.maxLibrarySize", value);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, PackageLimits::maxLibrarySize);
            assertEquals("-Dnativelib.maxLibrarySize=" + value + " is not valid; use a positive number of bytes,"
                    + " optionally followed by K, M or G (powers of 1024), e.g. 8G", e.getMessage());
        }
    }
}
