package dev.nativelib.loader.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheDirectoryTest {

    private static final Map<String, String> LINUX = Map.of("os.name", "Linux", "user.home", "/home/u");

    @Test
    void linuxUsesXdgCacheHomeOrDotCache() {
        assertEquals(Paths.get("/home/u/.cache/nativelib"), CacheDirectory.locate(LINUX, Map.of()));
        assertEquals(Paths.get("/xdg/nativelib"), CacheDirectory.locate(LINUX, Map.of("XDG_CACHE_HOME", "/xdg")));
        // The XDG spec says relative values are invalid and must be ignored.
        assertEquals(Paths.get("/home/u/.cache/nativelib"),
                CacheDirectory.locate(LINUX, Map.of("XDG_CACHE_HOME", "relative")));
    }

    @Test
    void macOsUsesLibraryCaches() {
        assertEquals(Paths.get("/Users/u/Library/Caches/nativelib"),
                CacheDirectory.locate(Map.of("os.name", "Mac OS X", "user.home", "/Users/u"), Map.of()));
    }

    @Test
    void windowsUsesLocalAppData() {
        Map<String, String> windows = Map.of("os.name", "Windows 11", "user.home", "/c/Users/u");
        assertEquals(Paths.get("/c/Users/u/AppData/Local/nativelib/cache"), CacheDirectory.locate(windows, Map.of()));
        assertEquals(Paths.get("/lad/nativelib/cache"),
                CacheDirectory.locate(windows, Map.of("LOCALAPPDATA", "/lad")));
    }

    @Test
    void propertyBeatsEnvironmentBeatsConvention() {
        Map<String, String> props = Map.of("os.name", "Linux", "user.home", "/home/u",
                CacheDirectory.PROPERTY, "/from/property");
        Map<String, String> env = Map.of(CacheDirectory.ENVIRONMENT, "/from/env", "XDG_CACHE_HOME", "/xdg");
        assertEquals(Paths.get("/from/property"), CacheDirectory.locate(props, env));
        assertEquals(Paths.get("/from/env"), CacheDirectory.locate(LINUX, env));
    }
}
