package dev.nativelib.plugin.cmake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.descriptor.AliasEntry;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.platform.Platform;
import dev.nativelib.plugin.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CMakePackageWriterTest {

    private static final String H = "0".repeat(64);

    @TempDir
    Path tmp;

    private static PackageDescriptor linux(String version, String platform) {
        return new PackageDescriptor("dev.example", "greet", version, Platform.parse(platform),
                List.of(new LibraryEntry("lib/libgreet.so.1.2.0", "greet", 1, H, "libgreet.so.1", "x86_64",
                                List.of("libc.so.6", "libbase.so.3"), List.of(), null, null),
                        new LibraryEntry("lib/libgreetjni.so", "greetjni", 1, H, null, "x86_64",
                                List.of("libgreet.so.1"), List.of(), null, null)),
                List.of(new AliasEntry("lib/libgreet.so", "libgreet.so.1.2.0")));
    }

    private static CMakeSettings settings(Compatibility c) {
        return new CMakeSettings("Greet", "Acme", c, List.of("include"), List.of("GREET_SHARED"));
    }

    private static String text(Map<String, byte[]> files, String path) {
        return new String(files.get(path), StandardCharsets.UTF_8);
    }

    @Test
    void writesTheFourFilesWithRelocatableTargets() {
        Map<String, byte[]> files = CMakePackageWriter.write(linux("1.2.0", "linux-x86_64"),
                settings(Compatibility.SameMajorVersion), List.of("include"), List.of(), List.of(),
                List.of(new CMakePackageWriter.Dependency("Base", "Base", "3.0.1", Map.of("libbase.so.3", "base"))));
        assertEquals(List.of("lib/cmake/Greet/GreetConfig.cmake", "lib/cmake/Greet/GreetConfigVersion.cmake",
                "lib/cmake/Greet/GreetTargets.cmake", "cmake/FindGreet.cmake"), new ArrayList<>(files.keySet()));
        String targets = text(files, "lib/cmake/Greet/GreetTargets.cmake");
        assertTrue(targets.contains("""
                if(NOT TARGET Acme::greet)
                  add_library(Acme::greet SHARED IMPORTED)
                  set_target_properties(Acme::greet PROPERTIES
                    IMPORTED_LOCATION "${_nativelib_prefix}/lib/libgreet.so.1.2.0"
                    IMPORTED_SONAME "libgreet.so.1"
                    INTERFACE_INCLUDE_DIRECTORIES "${_nativelib_prefix}/include"
                    INTERFACE_COMPILE_DEFINITIONS "GREET_SHARED"
                    INTERFACE_LINK_LIBRARIES "Base::base"
                  )
                endif()
                """), targets);
        assertTrue(targets.contains("""
                    IMPORTED_NO_SONAME TRUE
                """), targets);
        assertTrue(targets.contains("INTERFACE_LINK_LIBRARIES \"Acme::greet\""), targets);
        assertTrue(!targets.contains("/tmp") && !targets.contains("/home"), "no absolute paths");
        String config = text(files, "lib/cmake/Greet/GreetConfig.cmake");
        assertTrue(config.contains("include(CMakeFindDependencyMacro)\nfind_dependency(Base 3.0.1)\n"), config);
        assertTrue(config.contains("set(Greet_LIBRARIES Acme::greet Acme::greetjni)\n"), config);
    }

    @Test
    void staticArchivesGetStaticTargetsLinkingTheirTwinsNeeds() {
        String targets = text(CMakePackageWriter.write(linux("1.2.0", "linux-x86_64"),
                settings(Compatibility.SameMajorVersion), List.of("include"), List.of(),
                List.of("lib/libgreet.a", "lib/libgreetjni.a"),
                List.of(new CMakePackageWriter.Dependency("Base", "Base", "3.0.1", Map.of("libbase.so.3", "base")))),
                "lib/cmake/Greet/GreetTargets.cmake");
        assertTrue(targets.contains("""
                if(NOT TARGET Acme::greet_static)
                  add_library(Acme::greet_static STATIC IMPORTED)
                  set_target_properties(Acme::greet_static PROPERTIES
                    IMPORTED_LOCATION "${_nativelib_prefix}/lib/libgreet.a"
                    INTERFACE_INCLUDE_DIRECTORIES "${_nativelib_prefix}/include"
                    INTERFACE_LINK_LIBRARIES "Base::base"
                  )
                endif()

                if(NOT TARGET Acme::greetjni_static)
                  add_library(Acme::greetjni_static STATIC IMPORTED)
                  set_target_properties(Acme::greetjni_static PROPERTIES
                    IMPORTED_LOCATION "${_nativelib_prefix}/lib/libgreetjni.a"
                    INTERFACE_INCLUDE_DIRECTORIES "${_nativelib_prefix}/include"
                    INTERFACE_LINK_LIBRARIES "Acme::greet_static"
                  )
                endif()
                """), targets);
        assertTrue(targets.contains("    INTERFACE_LINK_LIBRARIES \"Acme::greet\"\n"), "the shared one links shared");
    }

    @Test
    void windowsTargetsPointAtTheDllAndItsImportLibrary() {
        PackageDescriptor win = new PackageDescriptor("dev.example", "greet", "1.0", Platform.parse("windows-x86_64"),
                List.of(new LibraryEntry("bin/greet.dll", "greet", 1, H, "greet.dll", "x86_64", List.of(), List.of(),
                        null, null)), List.of());
        String targets = text(CMakePackageWriter.write(win, settings(Compatibility.AnyNewerVersion), List.of(),
                List.of("lib/greet.lib"), List.of(), List.of()), "lib/cmake/Greet/GreetTargets.cmake");
        assertTrue(targets.contains("    IMPORTED_LOCATION \"${_nativelib_prefix}/bin/greet.dll\"\n"
                + "    IMPORTED_IMPLIB \"${_nativelib_prefix}/lib/greet.lib\"\n"), targets);
    }

    @Test
    void cmakeVersionIsTheNumericPrefix() {
        assertEquals("1.2.0", CMakePackageWriter.cmakeVersion("1.2.0-SNAPSHOT"));
        assertEquals("3", CMakePackageWriter.cmakeVersion("3-beta"));
        assertEquals("0", CMakePackageWriter.cmakeVersion("latest"));
    }

    @Test
    void badNamesAreRejected() {
        assertEquals("CMake package name 'my pkg' must be letters, digits and _ . + -",
                assertThrows(IllegalArgumentException.class, () -> new CMakeSettings("my pkg", "x",
                        Compatibility.ExactVersion, List.of(), List.of())).getMessage());
        assertEquals("'SameMajor' is not a CMake version compatibility; use one of AnyNewerVersion, SameMajorVersion,"
                + " SameMinorVersion, ExactVersion",
                assertThrows(IllegalArgumentException.class, () -> Compatibility.parse("SameMajor")).getMessage());
    }

    /**
     * Runs the generated version file in real CMake, the way find_package would. As in CMake's own version files,
     * missing components count as zero: a request for 1.2 is an exact match for 1.2.0.
     */
    @ParameterizedTest
    @CsvSource({
        "SameMajorVersion, linux-x86_64, 1.0,       8, 'compatible=TRUE exact= unsuitable='",
        "SameMajorVersion, linux-x86_64, 1.2.0,     8, 'compatible=TRUE exact=TRUE unsuitable='",
        "SameMajorVersion, linux-x86_64, 1.3,       8, 'compatible=FALSE exact= unsuitable='",
        "SameMajorVersion, linux-x86_64, 2.0,       8, 'compatible=FALSE exact= unsuitable='",
        "SameMajorVersion, linux-x86_64, 0.9,       8, 'compatible=FALSE exact= unsuitable='",
        "SameMinorVersion, linux-x86_64, 1.2,       8, 'compatible=TRUE exact=TRUE unsuitable='",
        "SameMinorVersion, linux-x86_64, 1.1,       8, 'compatible=FALSE exact= unsuitable='",
        "AnyNewerVersion,  linux-x86_64, 0.5,       8, 'compatible=TRUE exact= unsuitable='",
        "ExactVersion,     linux-x86_64, 1.2,       8, 'compatible=TRUE exact=TRUE unsuitable='",
        "ExactVersion,     linux-x86_64, 1.2.1,     8, 'compatible=FALSE exact= unsuitable='",
        "ExactVersion,     linux-x86_64, 1.2.0,     8, 'compatible=TRUE exact=TRUE unsuitable='",
        "SameMajorVersion, linux-x86_64, 1.0...2.0, 8, 'compatible=TRUE exact= unsuitable='",
        "SameMajorVersion, linux-x86_64, 1.3...<2,  8, 'compatible=FALSE exact= unsuitable='",
        "SameMajorVersion, linux-x86_64, 1.0,       4, 'compatible=TRUE exact= unsuitable=TRUE'",
        "SameMajorVersion, linux-x86_32, 1.0,       8, 'compatible=TRUE exact= unsuitable=TRUE'",
    })
    void versionFileBehavesLikeCMakesOwn(String policy, String platform, String wanted, String pointer,
                                         String expected) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(policy + wanted.replace('.', '_').replace('<', 'l') + pointer));
        Map<String, byte[]> files = CMakePackageWriter.write(linux("1.2.0", platform),
                settings(Compatibility.parse(policy)), List.of(), List.of(), List.of(), List.of());
        Files.write(dir.resolve("version.cmake"), files.get("lib/cmake/Greet/GreetConfigVersion.cmake"));
        String range = wanted.contains("...") ? """
                set(PACKAGE_FIND_VERSION_RANGE TRUE)
                string(REPLACE "..." ";" _parts "%s")
                list(GET _parts 0 PACKAGE_FIND_VERSION_MIN)
                list(GET _parts 1 PACKAGE_FIND_VERSION_MAX)
                set(PACKAGE_FIND_VERSION_RANGE_MIN INCLUDE)
                set(PACKAGE_FIND_VERSION_RANGE_MAX INCLUDE)
                if(PACKAGE_FIND_VERSION_MAX MATCHES "^<")
                  string(SUBSTRING "${PACKAGE_FIND_VERSION_MAX}" 1 -1 PACKAGE_FIND_VERSION_MAX)
                  set(PACKAGE_FIND_VERSION_RANGE_MAX EXCLUDE)
                endif()
                set(PACKAGE_FIND_VERSION "${PACKAGE_FIND_VERSION_MIN}")
                """.formatted(wanted) : "set(PACKAGE_FIND_VERSION \"" + wanted + "\")\n";
        Files.writeString(dir.resolve("probe.cmake"), range + "set(CMAKE_SIZEOF_VOID_P " + pointer + ")\n"
                + "include(\"${CMAKE_CURRENT_LIST_DIR}/version.cmake\")\n"
                + "message(\"compatible=${PACKAGE_VERSION_COMPATIBLE} exact=${PACKAGE_VERSION_EXACT}"
                + " unsuitable=${PACKAGE_VERSION_UNSUITABLE}\")\n");
        StringBuilder out = new StringBuilder();
        int exit = ProcessRunner.run(List.of("cmake", "-P", dir.resolve("probe.cmake").toString()), dir.toFile(),
                line -> out.append(line));
        assertEquals(0, exit, out.toString());
        assertEquals(expected, out.toString());
    }
}
