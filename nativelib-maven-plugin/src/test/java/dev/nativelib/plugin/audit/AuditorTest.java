package dev.nativelib.plugin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.binary.BinaryFormat;
import dev.nativelib.loader.binary.BinaryInfo;
import dev.nativelib.loader.platform.Platform;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditorTest {

    private static final Platform LINUX = Platform.parse("linux-x86_64");

    private static AuditedLibrary elf(String path, String soname, List<String> needed, List<String> runPaths,
                                      String glibc) {
        return new AuditedLibrary(path, List.of(new BinaryInfo(BinaryFormat.ELF, "x86_64", soname, needed, runPaths,
                Map.of(), glibc, null)));
    }

    private static List<String> audit(Auditor auditor, AuditedLibrary... libraries) {
        return auditor.audit(List.of(libraries), Set.of("libfoo.so")).findings().stream().map(Finding::toString)
                .toList();
    }

    private static Auditor auditor(Platform platform, Map<AuditRule, Severity> severities, String glibcFloor,
                                   Set<String> dependencyNames) {
        Map<String, String> deps = new java.util.TreeMap<>();
        dependencyNames.forEach(n -> deps.put(n, "org.example:dep:1.0"));
        return new Auditor(platform, AuditPolicies.resolve(platform, null, glibcFloor), severities, deps);
    }

    private static Auditor linux() {
        return auditor(LINUX, Map.of(), "2.17", Set.of("libdep.so.3"));
    }

    @Test
    void cleanPackagePasses() {
        assertEquals(List.of(), audit(linux(),
                elf("lib/libfoo.so.1", "libfoo.so.1", List.of("libc.so.6", "libstdc++.so.6"), List.of("$ORIGIN"),
                        "2.14"),
                elf("lib/libbar.so", "libbar.so", List.of("libfoo.so.1", "libfoo.so", "libdep.so.3"),
                        List.of("$ORIGIN/../lib"), null)));
    }

    @Test
    void absoluteRunPathSaysHowToFixIt() {
        assertEquals(List.of("[absolute-runpath] lib/libfoo.so.1: run path /home/ci/build/lib is an absolute path on the"
                + " build machine; it does not exist where the package is used, and could load something else if it"
                + " does. Fix: build with -DCMAKE_INSTALL_RPATH='$ORIGIN' (or a $ORIGIN-relative path), or set"
                + " <rewriteRunPaths>true</rewriteRunPaths> to rewrite it while packaging."),
                audit(linux(), elf("lib/libfoo.so.1", "libfoo.so.1", List.of(), List.of("/home/ci/build/lib"),
                        null)));
    }

    @Test
    void runPathsThatLeaveThePackageOrIgnoreOrigin() {
        assertEquals(List.of("[escaping-runpath] lib/libfoo.so.1: run path $ORIGIN/../.. leaves the package, so it"
                + " points at whatever happens to be beside the extracted package. Fix: keep run paths inside the"
                + " package (e.g. $ORIGIN or $ORIGIN/../lib), and ship or declare what it was meant to find.",
                "[escaping-runpath] lib/libfoo.so.1: run path lib is relative to the process's working directory (or"
                + " the executable), not to the library. Fix: make it relative to the library, e.g. $ORIGIN or"
                + " $ORIGIN/../lib."),
                audit(linux(), elf("lib/libfoo.so.1", "libfoo.so.1", List.of(), List.of("$ORIGIN/../..", "lib",
                        "${ORIGIN}/../lib"), null)));
    }

    @Test
    void unresolvedDependencyNamesTheFix() {
        assertEquals(List.of("[unresolved-dependency] lib/libfoo.so.1: needs libssl.so.3, which neither this package,"
                + " a declared native dependency, nor the linux base system provides. Fix: ship libssl.so.3 in this"
                + " package (install it into the prefix), or add the native package that provides it as a Maven"
                + " dependency with <classifier>linux-x86_64</classifier>."),
                audit(linux(), elf("lib/libfoo.so.1", "libfoo.so.1", List.of("libc.so.6", "libssl.so.3"), List.of(),
                        null)));
    }

    @Test
    void missingSonameAndNewGlibc() {
        assertEquals(List.of("[missing-soname] lib/libfoo.so: has no SONAME, so a library that needs it cannot be"
                + " matched against the copy nativelib preloads. Fix: link it with -Wl,-soname,libfoo.so (CMake sets"
                + " it for SHARED libraries; MODULE libraries have none).",
                "[glibc-too-new] lib/libfoo.so: requires GLIBC_2.34 (the newest symbol version it uses), newer than"
                + " the floor 2.17; it will not load on systems with an older glibc. Fix: build on a system (or in a"
                + " container) whose glibc is 2.17 or older, or raise <glibcFloor>."),
                audit(linux(), elf("lib/libfoo.so", null, List.of(), List.of(), "2.34")));
    }

    @Test
    void libraryOfTheOtherLibcIsWrongLibcNotUnresolved() {
        Platform musl = Platform.parse("linux-x86_64-musl");
        Auditor forMusl = auditor(musl, Map.of(), null, Set.of());
        assertEquals(List.of("[wrong-libc] lib/libfoo.so.1: needs libm.so.6, which is part of glibc, but the"
                + " package's platform linux-x86_64-musl is for musl; it will not load on musl systems. Fix: build it"
                + " with musl (musl-gcc, or on a musl distribution such as Alpine), or package it as linux-x86_64"
                + " (set <platform>).",
                "[wrong-libc] lib/libfoo.so.1: needs libc.so.6, which is part of glibc, but the package's platform"
                + " linux-x86_64-musl is for musl; it will not load on musl systems. Fix: build it with musl"
                + " (musl-gcc, or on a musl distribution such as Alpine), or package it as linux-x86_64 (set"
                + " <platform>)."),
                audit(forMusl, elf("lib/libfoo.so.1", "libfoo.so.1", List.of("libm.so.6", "libc.so.6"), List.of(),
                        "2.2.5")));
        assertEquals(List.of("[wrong-libc] lib/libfoo.so.1: needs ld-musl-x86_64.so.1, which is part of musl, but"
                + " the package's platform linux-x86_64 is for glibc; it will not load on glibc systems. Fix: build it"
                + " against glibc (gcc on a glibc distribution), or package it as linux-x86_64-musl (set"
                + " <platform>)."),
                audit(linux(), elf("lib/libfoo.so.1", "libfoo.so.1", List.of("ld-musl-x86_64.so.1"), List.of(),
                        null)));
        assertEquals(List.of(), audit(forMusl, elf("lib/libfoo.so.1", "libfoo.so.1", List.of("libc.so"), List.of(),
                null)));
        assertEquals(List.of(), audit(auditor(LINUX, Map.of(AuditRule.WRONG_LIBC, Severity.IGNORE), null,
                Set.of()), elf("lib/libfoo.so.1", "libfoo.so.1", List.of("libc.so"), List.of(), null)),
                "an ignored wrong-libc is not reported as an unresolved dependency either");
        // Only glibc and musl are libcs; a suffix from os-maven-plugin's classifierWithLikes is not checked.
        assertEquals(List.of(), audit(auditor(Platform.parse("linux-x86_64-fedora"), Map.of(), null,
                Set.of("libc.so.6")), elf("lib/libfoo.so.1", "libfoo.so.1", List.of("libc.so.6"), List.of(), null)));
    }

    @Test
    void wrongArchitectureAndWrongFormat() {
        AuditedLibrary arm = new AuditedLibrary("lib/libfoo.so", List.of(new BinaryInfo(BinaryFormat.ELF, "aarch_64",
                "libfoo.so", List.of(), List.of(), Map.of(), null, null)));
        AuditedLibrary dll = new AuditedLibrary("bin/foo.dll", List.of(new BinaryInfo(BinaryFormat.PE, "x86_64",
                "foo.dll", List.of(), List.of(), Map.of(), null, null)));
        assertEquals(List.of("[architecture] lib/libfoo.so: contains code for aarch_64, but the package's platform"
                + " linux-x86_64 needs x86_64. Fix: build it for x86_64 (check the compiler / CMAKE_OSX_ARCHITECTURES),"
                + " or package it under the classifier it was built for (set <platform>).",
                "[architecture] bin/foo.dll: is a PE file, but the package's platform linux-x86_64 needs ELF. Fix:"
                + " package it under the classifier of the platform it was built for (set <platform>), or build it"
                + " for linux-x86_64."), audit(linux(), arm, dll));
    }

    @Test
    void severitiesAreConfigurable() {
        Auditor relaxed = auditor(LINUX, Map.of(AuditRule.ABSOLUTE_RUNPATH, Severity.WARN,
                AuditRule.UNRESOLVED_DEPENDENCY, Severity.IGNORE), null, Set.of());
        List<Finding> findings = relaxed.audit(List.of(elf("lib/libfoo.so.1", "libfoo.so.1", List.of("libssl.so.3"),
                List.of("/opt/x"), "2.40")), Set.of()).findings();
        assertEquals(1, findings.size());
        assertEquals(Severity.WARN, findings.get(0).severity());
        assertEquals(AuditRule.ABSOLUTE_RUNPATH, findings.get(0).rule());
    }

    @Test
    void macOsUniversalBinaryMatchesEitherSlice() {
        Platform mac = Platform.parse("osx-aarch_64");
        BinaryInfo x86 = new BinaryInfo(BinaryFormat.MACH_O, "x86_64", "@rpath/libfoo.dylib",
                List.of("/usr/lib/libSystem.B.dylib", "@rpath/libbar.1.dylib"), List.of("@loader_path"), Map.of(),
                null, "10.15");
        BinaryInfo arm = new BinaryInfo(BinaryFormat.MACH_O, "aarch_64", "@rpath/libfoo.dylib",
                List.of("/usr/lib/libSystem.B.dylib", "@rpath/libbar.1.dylib"), List.of("@loader_path"), Map.of(),
                null, "11.0");
        AuditedLibrary bar = new AuditedLibrary("lib/libbar.1.dylib", List.of(new BinaryInfo(BinaryFormat.MACH_O,
                "aarch_64", "@rpath/libbar.1.dylib", List.of(), List.of(), Map.of(), null, "11.0")));
        assertEquals(List.of(), auditor(mac, Map.of(), null, Set.of()).audit(List.of(
                new AuditedLibrary("lib/libfoo.dylib", List.of(x86, arm)), bar), Set.of()).findings().stream()
                .map(Finding::toString).toList());
    }

    @Test
    void macOsAbsoluteInstallNameAndRpath() {
        Platform mac = Platform.parse("osx-x86_64");
        AuditedLibrary old = new AuditedLibrary("lib/libold.dylib", List.of(new BinaryInfo(BinaryFormat.MACH_O,
                "x86_64", "/usr/local/lib/libold.dylib", List.of("/usr/lib/libSystem.B.dylib"),
                List.of("/opt/build/lib"), Map.of(), null, "10.12")));
        assertEquals(List.of("[absolute-runpath] lib/libold.dylib: has the absolute install name"
                + " /usr/local/lib/libold.dylib, a path on the build machine that libraries linked against it will"
                + " look for. Fix: build with -DCMAKE_INSTALL_NAME_DIR=@rpath (or install_name_tool -id"
                + " @rpath/libold.dylib).",
                "[absolute-runpath] lib/libold.dylib: LC_RPATH /opt/build/lib is an absolute path on the build"
                + " machine; it does not exist where the package is used, and could load something else if it does."
                + " Fix: build with -DCMAKE_INSTALL_RPATH=@loader_path (or install_name_tool -rpath /opt/build/lib"
                + " @loader_path)."),
                auditor(mac, Map.of(), null, Set.of()).audit(List.of(old), Set.of()).findings().stream()
                        .map(Finding::toString).toList());
    }

    @Test
    void windowsSystemDllsAreBaseButMingwRuntimeIsNot() {
        Platform win = Platform.parse("windows-x86_64");
        AuditedLibrary dll = new AuditedLibrary("bin/foo.dll", List.of(new BinaryInfo(BinaryFormat.PE, "x86_64",
                "foo.dll", List.of("KERNEL32.dll", "msvcrt.dll", "api-ms-win-crt-runtime-l1-1-0.dll",
                "VCRUNTIME140.dll", "libwinpthread-1.dll"), List.of(), Map.of(), null, null)));
        List<String> findings = auditor(win, Map.of(), null, Set.of()).audit(List.of(dll), Set.of()).findings().stream()
                .map(Finding::toString).toList();
        assertEquals(1, findings.size());
        assertEquals(true, findings.get(0).startsWith("[unresolved-dependency] bin/foo.dll: needs libwinpthread-1.dll,"),
                findings.get(0));
    }

    @Test
    void neededByPathIsFlagged() {
        List<String> elf = audit(linux(), elf("lib/libfoo.so.1", "libfoo.so.1", List.of("/opt/x/libdep.so.3"),
                List.of(), null));
        assertEquals(List.of("[absolute-runpath] lib/libfoo.so.1: needs /opt/x/libdep.so.3 by absolute path, so the"
                + " dynamic loader looks for that path instead of matching the copy nativelib preloads. Fix: link it"
                + " by SONAME: give the library a SONAME (-Wl,-soname) and link with -l or the file name, not a"
                + " path."), elf);
        Platform mac = Platform.parse("osx-aarch_64");
        AuditedLibrary brew = new AuditedLibrary("lib/libfoo.dylib", List.of(new BinaryInfo(BinaryFormat.MACH_O,
                "aarch_64", "@rpath/libfoo.dylib", List.of("/opt/homebrew/lib/libzstd.1.dylib"), List.of("@rpath/../lib"),
                Map.of(), null, "11.0")));
        List<String> findings = auditor(mac, Map.of(), null, Set.of("libzstd.1.dylib")).audit(List.of(brew),
                Set.of()).findings().stream().map(Finding::toString).toList();
        assertEquals(2, findings.size(), findings.toString());
        // A library's findings come in the rules' order (AuditRule), absolute-runpath before escaping-runpath.
        assertTrue(findings.get(0).startsWith("[absolute-runpath] lib/libfoo.dylib: needs"
                + " /opt/homebrew/lib/libzstd.1.dylib by absolute path"), findings.get(0));
        assertTrue(findings.get(1).startsWith("[escaping-runpath] lib/libfoo.dylib: LC_RPATH @rpath/../lib is"
                + " relative to the process's working directory"), findings.get(1));
    }

    @Test
    void seenSystemLibrariesAreBase() {
        AuditedLibrary dll = new AuditedLibrary("bin/libvips-42.dll", List.of(new BinaryInfo(BinaryFormat.PE,
                "x86_64", "libvips-42.dll", List.of("bcryptprimitives.dll"), List.of(), Map.of(), null, null)));
        assertEquals(List.of(), auditor(Platform.parse("windows-x86_64"), Map.of(), null, Set.of())
                .audit(List.of(dll), Set.of()).findings());
        assertEquals(List.of(), auditor(Platform.parse("linux-x86_64-musl"), Map.of(), null, Set.of())
                .audit(List.of(elf("lib/libvips-cpp.so.8.18.8", "libvips-cpp.so.8.18.8",
                        List.of("libc.musl-x86_64.so.1"), List.of(), null)), Set.of()).findings());
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    @Test
    void cxxLibraryNeedingNewerLibstdcxxThanTheFloorFails() throws java.io.IOException {
        // Seen: a prebuilt C++ library needing GLIBCXX_3.4.22 passed <glibcFloor>2.17</glibcFloor>, whose libstdc++
        // (manylinux_2_17's) ends at GLIBCXX_3.4.19. std::uncaught_exceptions() is GLIBCXX_3.4.22 (GCC 6).
        java.nio.file.Path lib = dev.nativelib.plugin.Gcc.shared("g++", tmp.resolve("libcxx22.so"),
                "#include <exception>\nextern \"C\" int cxx22() { return std::uncaught_exceptions(); }\n",
                "-Wl,-soname,libcxx22.so.1");
        List<AuditedLibrary> libs = List.of(new AuditedLibrary("lib/libcxx22.so",
                dev.nativelib.loader.binary.BinaryReader.read(lib)));
        assertEquals(List.of("[symbol-version-too-new] lib/libcxx22.so: needs GLIBCXX_3.4.22 from libstdc++.so.6, but"
                + " the libstdc++.so.6 of glibc 2.17 systems (as manylinux_2_17 defines them) has only up to"
                + " GLIBCXX_3.4.19; it will not load on such systems. Fix: build with a compiler whose runtime is that"
                + " old (e.g. in the manylinux_2_17 container of pypa/manylinux), link the runtime statically"
                + " (-static-libstdc++ -static-libgcc), or raise <glibcFloor>."),
                linux().audit(libs, Set.of()).findings().stream().map(Finding::toString).toList());
        assertEquals(List.of("[symbol-version-too-new] lib/libcxx22.so: needs GLIBCXX_3.4.22 from libstdc++.so.6, but"
                + " the libstdc++.so.6 of manylinux_2_17 has only up to GLIBCXX_3.4.19; it will not load on such"
                + " systems. Fix: build with a compiler whose runtime is that old (e.g. in the manylinux_2_17"
                + " container of pypa/manylinux), link the runtime statically (-static-libstdc++ -static-libgcc), or"
                + " choose a newer <auditPolicy>."), new Auditor(LINUX, AuditPolicies.resolve(LINUX, "manylinux2014",
                null), Map.of(), Map.of()).audit(libs, Set.of()).findings().stream().map(Finding::toString).toList());
        // manylinux_2_24 (Debian 9, GCC 6) has GLIBCXX_3.4.22.
        assertEquals(List.of(), new Auditor(LINUX, AuditPolicies.resolve(LINUX, "manylinux_2_24", null), Map.of(),
                Map.of()).audit(libs, Set.of()).findings());
    }

    @Test
    void unknownRuleOrSeverityIsExplained() {
        assertEquals("'runpath' is not an audit rule; known rules: architecture, missing-soname, absolute-runpath,"
                + " escaping-runpath, wrong-libc, unresolved-dependency, glibc-too-new, symbol-version-too-new,"
                + " variant-architecture",
                assertThrows(IllegalArgumentException.class, () -> AuditRule.byId("runpath")).getMessage());
        assertEquals("'error' is not a severity; use fail, warn or ignore",
                assertThrows(IllegalArgumentException.class, () -> Severity.parse("error")).getMessage());
    }
}
