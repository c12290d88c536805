package dev.nativelib.loader.override;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.binary.Fixtures;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesTest {

    private static final Platform LINUX = Platform.parse("linux-x86_64");

    @TempDir
    Path tmp;

    @Test
    void nothingSetMeansPackaged() {
        assertEquals(new Overrides.Decision(null, false, null),
                new Overrides(Map.of(), Map.of()).forPackage("greet-native"));
    }

    @Test
    void perPackageBeatsGlobalAndPropertyBeatsEnvironment() {
        Overrides o = new Overrides(Map.of("nativelib.preferSystem", "yes", "nativelib.greet.preferSystem", "OFF"),
                Map.of("NATIVELIB_GREET_PREFER_SYSTEM", "true", "NATIVELIB_OTHER_NATIVE_PREFER_SYSTEM", "0"));
        assertEquals(new Overrides.Decision(null, false, "-Dnativelib.greet.preferSystem"), o.forPackage("greet"));
        assertEquals(new Overrides.Decision(null, false, "NATIVELIB_OTHER_NATIVE_PREFER_SYSTEM"),
                o.forPackage("other-native"));
        assertEquals(new Overrides.Decision(null, true, "-Dnativelib.preferSystem"), o.forPackage("third"));
        assertEquals(new Overrides.Decision(Paths.get("/opt/greet/lib"), false, "NATIVELIB_GREET_NATIVE_PATH"),
                new Overrides(Map.of(), Map.of("NATIVELIB_GREET_NATIVE_PATH", "/opt/greet/lib"))
                        .forPackage("greet-native"));
    }

    @Test
    void notABooleanNamesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Overrides(Map.of(), Map.of("NATIVELIB_PREFER_SYSTEM", "maybe")).forPackage("x"));
        assertEquals("NATIVELIB_PREFER_SYSTEM=maybe is not a boolean; use true or false (yes/no, on/off and 1/0 work"
                + " too)", e.getMessage());
        assertEquals("-Dnativelib.x.preferSystem=2 is not a boolean; use true or false (yes/no, on/off and 1/0 work"
                + " too)", assertThrows(IllegalArgumentException.class,
                () -> new Overrides(Map.of("nativelib.x.preferSystem", "2"), Map.of()).forPackage("x"))
                .getMessage());
    }

    @Test
    void systemCopyIsFoundBySonameAndArchitectureOnly() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("syslib"));
        Files.copy(Fixtures.path("elf/libbase.so.1"), dir.resolve("libbase.so.1"));
        Files.copy(Fixtures.path("elf/lib-aarch64.so"), dir.resolve("libaarch64.so.1"));
        Files.copy(Fixtures.path("elf/libtop-rpath.so"), dir.resolve("libwrongname.so.1"));
        SystemLibraries system = new SystemLibraries(LINUX, List.of(tmp.resolve("missing"), dir));
        assertEquals(dir.resolve("libbase.so.1"), system.find("libbase.so.1"));
        assertEquals(null, system.find("libaarch64.so.1"), "an aarch64 file is no copy for x86_64");
        assertEquals(null, system.find("libwrongname.so.1"), "its SONAME is libtop.so.2");
        assertEquals(null, system.find("libnothere.so.1"));
    }

    @Test
    void searchPathFollowsLdLibraryPathAndLdSoConf() {
        SystemLibraries s = SystemLibraries.forPlatform(LINUX, Map.of("LD_LIBRARY_PATH", "/first:/second"));
        assertEquals(List.of(Paths.get("/first"), Paths.get("/second")), s.searchPath().subList(0, 2));
        assertEquals(true, s.searchPath().contains(Paths.get("/usr/lib")));
    }

    @Test
    void choicesSayWhy() throws IOException {
        LibraryEntry lib = new LibraryEntry("lib/libbase.so.1.0.0", "base", 1, "0".repeat(64), "libbase.so.1",
                "x86_64", List.of(), List.of(), null, null);
        Path packaged = tmp.resolve("cache/lib/libbase.so.1.0.0");
        Path sys = Files.createDirectories(tmp.resolve("sys"));
        Files.copy(Fixtures.path("elf/libbase.so.1"), sys.resolve("libbase.so.1"));
        SystemLibraries system = new SystemLibraries(LINUX, List.of(sys));
        assertEquals(new LibrarySource.Choice(packaged, "packaged"), LibrarySource.choose(lib, packaged,
                new Overrides.Decision(null, false, null), system));
        assertEquals(new LibrarySource.Choice(sys.resolve("libbase.so.1"), "system copy of libbase.so.1"
                + " (-Dnativelib.preferSystem)"), LibrarySource.choose(lib, packaged,
                new Overrides.Decision(null, true, "-Dnativelib.preferSystem"), system));
        assertEquals(new LibrarySource.Choice(packaged, "packaged: the system has no libbase.so.1"
                + " (-Dnativelib.preferSystem prefers the system's)"), LibrarySource.choose(lib, packaged,
                new Overrides.Decision(null, true, "-Dnativelib.preferSystem"), new SystemLibraries(LINUX,
                        List.of())));
        Path own = Files.createDirectories(tmp.resolve("own"));
        Files.writeString(own.resolve("libbase.so.1"), "x");
        assertEquals(new LibrarySource.Choice(own.resolve("libbase.so.1"), "from " + own
                + " (-Dnativelib.base.path)"), LibrarySource.choose(lib, packaged,
                new Overrides.Decision(own, false, "-Dnativelib.base.path"), system));
        assertEquals(new LibrarySource.Choice(packaged, "packaged: " + tmp + " has no libbase.so.1.0.0"
                + " (-Dnativelib.base.path)"), LibrarySource.choose(lib, packaged,
                new Overrides.Decision(tmp, false, "-Dnativelib.base.path"), system));
    }
}
