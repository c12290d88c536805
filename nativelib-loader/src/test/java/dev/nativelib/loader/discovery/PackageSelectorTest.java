package dev.nativelib.loader.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.TestPackages;
import dev.nativelib.loader.hardware.MachineProperties;
import dev.nativelib.loader.platform.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageSelectorTest {

    private static final Platform LINUX = Platform.parse("linux-x86_64");

    private static FoundPackage pkg(String artifactId, String version, String platform, String... libraries) {
        TestPackages t = TestPackages.of("dev.example", artifactId, version, platform);
        for (String l : libraries) {
            t.library("lib/lib" + l + ".so", l);
        }
        return new FoundPackage(t.descriptor(), "jar:file:/repo/" + artifactId + "-" + version + "-" + platform
                + ".jar!/META-INF/nativelib/dev.example/" + artifactId + "/" + platform + "/", "0".repeat(64));
    }

    @Test
    void selectsByLibraryNameOrArtifactIdOnThisPlatform() {
        FoundPackage mac = pkg("greet-native", "1.0", "osx-aarch_64", "greet", "greetjni");
        FoundPackage linux = pkg("greet-native", "1.0", "linux-x86_64", "greet", "greetjni");
        List<FoundPackage> all = List.of(mac, linux);
        assertSame(linux, PackageSelector.select("greetjni", LINUX, all));
        assertSame(linux, PackageSelector.select("greet-native", LINUX, all));
    }

    @Test
    void glibcAndMuslPackagesAreKeptApart() {
        FoundPackage glibc = pkg("greet", "1.0", "linux-x86_64", "greet");
        FoundPackage musl = pkg("greet", "1.0", "linux-x86_64-musl", "greet");
        List<FoundPackage> all = List.of(musl, glibc);
        assertSame(glibc, PackageSelector.select("greet", LINUX, all));
        assertSame(musl, PackageSelector.select("greet", Platform.parse("linux-x86_64-musl"), all));
    }

    @Test
    void onlyTheMuslPackageOnAGlibcJvmSaysWhy() {
        List<FoundPackage> all = List.of(pkg("greet", "1.0", "linux-x86_64-musl", "greet"),
                pkg("greet", "1.0", "linux-aarch_64", "greet"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> PackageSelector.select("greet", LINUX, all));
        assertEquals("""
                No native package for platform linux-x86_64 provides 'greet'.
                Found on the class path for other platforms:
                  dev.example:greet:1.0 [linux-x86_64-musl] in /repo/greet-1.0-linux-x86_64-musl.jar, libraries: greet
                  dev.example:greet:1.0 [linux-aarch_64] in /repo/greet-1.0-linux-aarch_64.jar, libraries: greet
                Found linux-x86_64-musl, but this JVM runs on glibc (linux-x86_64): libraries built for musl do not\
                 load with glibc.
                Add the package for this platform to your dependencies:
                  <dependency>
                    <groupId>dev.example</groupId>
                    <artifactId>greet</artifactId>
                    <version>1.0</version>
                    <classifier>linux-x86_64</classifier>
                  </dependency>
                If the platform was detected wrongly, set -Dnativelib.platform=<platform>.""", e.getMessage());
    }

    @Test
    void onlyTheGlibcPackageOnAMuslJvmSaysWhy() {
        List<FoundPackage> all = List.of(pkg("greet", "1.0", "linux-x86_64", "greet"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> PackageSelector.select("greet",
                Platform.parse("linux-x86_64-musl"), all));
        assertEquals("""
                No native package for platform linux-x86_64-musl provides 'greet'.
                Found on the class path for other platforms:
                  dev.example:greet:1.0 [linux-x86_64] in /repo/greet-1.0-linux-x86_64.jar, libraries: greet
                Found linux-x86_64, but this JVM runs on musl (linux-x86_64-musl): libraries built for glibc do not\
                 load with musl.
                Add the package for this platform to your dependencies:
                  <dependency>
                    <groupId>dev.example</groupId>
                    <artifactId>greet</artifactId>
                    <version>1.0</version>
                    <classifier>linux-x86_64-musl</classifier>
                  </dependency>
                If the platform was detected wrongly, set -Dnativelib.platform=<platform>.""", e.getMessage());
    }

    @Test
    void twoVersionsOfOnePackageAreNamed() {
        List<FoundPackage> all = List.of(pkg("greet", "1.0", "linux-x86_64", "greet"),
                pkg("greet", "2.0", "linux-x86_64", "greet"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> PackageSelector.select("greet", LINUX, all));
        assertEquals("""
                More than one native package for platform linux-x86_64 provides 'greet':
                  dev.example:greet:1.0 [linux-x86_64] in /repo/greet-1.0-linux-x86_64.jar, libraries: greet
                  dev.example:greet:2.0 [linux-x86_64] in /repo/greet-2.0-linux-x86_64.jar, libraries: greet
                Keep exactly one of them on the class path (check `mvn dependency:tree` for two versions of the same\
                 package).""", e.getMessage());
    }

    @Test
    void emptyClassPathSaysSo() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> PackageSelector.select("zstd", LINUX,
                List.of()));
        assertEquals("""
                No native package provides 'zstd' for platform linux-x86_64 (no package has that artifactId and none\
                 holds a library of that name).
                There are no native packages on the class path.
                Add the JAR of the package that ships 'zstd' to your dependencies, with\
                 <classifier>linux-x86_64</classifier>.
                If the platform was detected wrongly, set -Dnativelib.platform=<platform>.""", e.getMessage());
    }

    @Test
    void variantsOfOnePackageAreOnePackageAndTheChooserPicks() {
        FoundPackage base = VariantChooserTest.pkg("fast", "1.0", null);
        FoundPackage v3 = VariantChooserTest.pkg("fast", "1.0", "v3", "x86_64 :: level :: v3");
        FoundPackage v4 = VariantChooserTest.pkg("fast", "1.0", "v4", "x86_64 :: level :: v4");
        List<FoundPackage> all = List.of(base, v4, v3);
        MachineProperties v3Machine = VariantChooserTest.machine("x86_64 :: level :: v1", "x86_64 :: level :: v2",
                "x86_64 :: level :: v3");
        assertSame(v3, PackageSelector.select("fast", LINUX, all, new VariantChooser(() -> v3Machine)));
        assertSame(base, PackageSelector.select("fast", LINUX, all,
                new VariantChooser(() -> VariantChooserTest.machine("x86_64 :: level :: v1"))));
    }

    @Test
    void twoBaselinesOfOneVersionAreStillTwoPackages() {
        List<FoundPackage> all = List.of(VariantChooserTest.pkg("fast", "1.0", null),
                VariantChooserTest.pkg("fast", "1.0", "v3", "x86_64 :: level :: v3"),
                VariantChooserTest.pkg("fast", "1.0", null));
        RuntimeException e = assertThrows(PackageSelector.SelectionException.class,
                () -> PackageSelector.select("fast", LINUX, all, new VariantChooser(() -> {
                    throw new AssertionError("no choice to make");
                })));
        assertEquals("""
                More than one native package for platform linux-x86_64 provides 'fast':
                  dev.example:fast:1.0 [linux-x86_64] in /repo/fast-1.0-linux-x86_64.jar, libraries: fast
                  dev.example:fast:1.0 [linux-x86_64-v3] in /repo/fast-1.0-linux-x86_64-v3.jar, libraries: fast
                  dev.example:fast:1.0 [linux-x86_64] in /repo/fast-1.0-linux-x86_64.jar, libraries: fast
                Keep exactly one of them on the class path (check `mvn dependency:tree` for two versions of the same\
                 package).""", e.getMessage());
    }
}
