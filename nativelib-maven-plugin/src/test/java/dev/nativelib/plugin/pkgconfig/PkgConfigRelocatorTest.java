package dev.nativelib.plugin.pkgconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkgConfigRelocatorTest {

    @TempDir
    Path tmp;

    @Test
    void aDebianFileGetsItsPrefixFromItsOwnDirectory() {
        // As libglib2.0-dev ships it, with prefix=/usr and the multiarch library directory.
        String shipped = """
                prefix=/usr
                libdir=${prefix}/lib/x86_64-linux-gnu
                includedir=${prefix}/include

                bindir=${prefix}/bin
                glib_genmarshal=${bindir}/glib-genmarshal

                Name: GLib
                Description: C Utility Library
                Version: 2.74.6
                Requires.private: libpcre2-8 >= 10.32
                Libs: -L${libdir} -lglib-2.0
                Libs.private: -pthread -lm
                Cflags: -I${includedir}/glib-2.0 -I${libdir}/glib-2.0/include
                """;
        PkgConfigRelocator.Relocated r = PkgConfigRelocator.relocate("lib/x86_64-linux-gnu/pkgconfig/glib-2.0.pc",
                shipped, List.of("/tmp/glib/usr"));
        assertEquals(shipped.replace("prefix=/usr\n", "prefix=${pcfiledir}/../../..\n"), r.text());
        assertEquals(List.of("lib/x86_64-linux-gnu/pkgconfig/glib-2.0.pc: prefix '/usr' -> '${pcfiledir}/../../..'"),
                r.changes());
    }

    @Test
    void absolutePathsUnderTheOldPrefixOrTheInstallPrefixMoveUnderPrefix() {
        // As a CMake build that wrote its install prefix into every variable, with Windows line ends.
        String shipped = "prefix=/home/ci/build/install\r\n"
                + "libdir=/home/ci/build/install/lib\r\n"
                + "includedir=/tmp/x/prefix/include\r\n"
                + "sysconfdir=/etc\r\n"
                + "\r\n"
                + "Name: foo\r\n"
                + "Description: url=https://example.org/ (a field: the colon comes first)\r\n"
                + "Version: 1.0\r\n"
                + "Libs: -L${libdir} -lfoo -Wl,-rpath,/home/ci/build/install/lib\r\n"
                + "Cflags: -I${includedir} -isystem \"/home/ci/build/install/include/foo\"\r\n";
        PkgConfigRelocator.Relocated r = PkgConfigRelocator.relocate("share/pkgconfig/foo.pc", shipped,
                List.of("/tmp/x/prefix"));
        assertEquals("prefix=${pcfiledir}/../..\r\n"
                + "libdir=${prefix}/lib\r\n"
                + "includedir=${prefix}/include\r\n"
                + "sysconfdir=/etc\r\n"
                + "\r\n"
                + "Name: foo\r\n"
                + "Description: url=https://example.org/ (a field: the colon comes first)\r\n"
                + "Version: 1.0\r\n"
                + "Libs: -L${libdir} -lfoo -Wl,-rpath,${prefix}/lib\r\n"
                + "Cflags: -I${includedir} -isystem \"${prefix}/include/foo\"\r\n", r.text());
        assertEquals(List.of("share/pkgconfig/foo.pc: prefix '/home/ci/build/install' -> '${pcfiledir}/../..'",
                "share/pkgconfig/foo.pc: 4 lines with absolute paths under the old prefix -> '${prefix}/...'",
                "share/pkgconfig/foo.pc: kept sysconfdir '/etc' (an absolute path, but no Cflags or Libs use it)"),
                r.changes());
    }

    @Test
    void anAlreadyRelocatableFileIsLeftAsItIs() {
        String shipped = "prefix=${pcfiledir}/../..\nlibdir=${prefix}/lib\n\nName: m\nVersion: 1\nLibs: -lm\n";
        PkgConfigRelocator.Relocated r = PkgConfigRelocator.relocate("lib/pkgconfig/m.pc", shipped, List.of("/p"));
        assertEquals(shipped, r.text());
        assertEquals(List.of(), r.changes());
    }

    @Test
    void anAbsolutePathOutsideBothPrefixesInTheFlagsIsRefused() {
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                () -> PkgConfigRelocator.relocate("lib/pkgconfig/foo.pc", "prefix=/usr/local\nlibdir=${prefix}/lib\n"
                        + "Name: foo\nVersion: 1\nLibs: -L${libdir} -L/opt/vendor/lib -lfoo\n", List.of("/p")));
        assertEquals("lib/pkgconfig/foo.pc line 5 (Libs: -L${libdir} -L/opt/vendor/lib -lfoo) names the absolute"
                + " path /opt/vendor/lib, outside the install prefix", direct.getMessage());
        IllegalArgumentException variable = assertThrows(IllegalArgumentException.class,
                () -> PkgConfigRelocator.relocate("lib/pkgconfig/foo.pc", "prefix=/usr/local\n"
                        + "vendordir=/opt/vendor/include\ninc=${vendordir}/foo\n"
                        + "Name: foo\nVersion: 1\nCflags: -I${inc}\n", List.of("/p")));
        assertEquals("lib/pkgconfig/foo.pc line 2 (vendordir=/opt/vendor/include) names the absolute path"
                + " /opt/vendor/include, outside the install prefix, and the flags consumers get use ${vendordir}",
                variable.getMessage());
    }

    @Test
    void includeDirectoriesAreResolvedRelativeToThePackageRoot() {
        String text = "prefix=${pcfiledir}/../..\nlibdir=${prefix}/lib\nincludedir=${prefix}/include\n"
                + "Cflags: -I${includedir}/glib-2.0 -I ${libdir}/glib-2.0/include -isystem${prefix}/../outside"
                + " -I${undefined}/x -DFOO\n";
        assertEquals(List.of("include/glib-2.0", "lib/glib-2.0/include"),
                PkgConfigRelocator.includeDirectories("lib/pkgconfig/glib-2.0.pc", text));
    }
}
