package dev.nativelib.loader.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadOrderTest {

    private static final String H = "0".repeat(64);

    private static LibraryEntry lib(String path, String soname, String... needed) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        return new LibraryEntry(path, LibraryNames.logicalName(file), 1, H, soname, "x86_64", List.of(needed),
                List.of(), null, null);
    }

    private static List<String> paths(List<LibraryEntry> libs) {
        return libs.stream().map(LibraryEntry::path).toList();
    }

    @Test
    void dependenciesComeFirstBySoname() {
        LibraryEntry a = lib("lib/liba.so.1.0", "liba.so.1", "libc.so.6");
        LibraryEntry b = lib("lib/libb.so", "libb.so", "liba.so.1");
        LibraryEntry jni = lib("lib/libajni.so", "libajni.so", "libb.so", "liba.so.1");
        assertEquals(List.of("lib/liba.so.1.0", "lib/libb.so", "lib/libajni.so"),
                paths(LoadOrder.sort(List.of(jni, b, a), List.of(), false)));
    }

    @Test
    void neededNamesMatchAliasesAndInstallNames() {
        LibraryEntry base = lib("lib/libbase.1.dylib", "@rpath/libbase.1.dylib");
        LibraryEntry top = lib("lib/libtop.dylib", "@rpath/libtop.dylib", "@rpath/libbase.1.dylib");
        assertEquals(List.of("lib/libbase.1.dylib", "lib/libtop.dylib"),
                paths(LoadOrder.sort(List.of(top, base), List.of(), false)));
        LibraryEntry real = lib("lib/libz.so.1.3", null);
        LibraryEntry user = lib("lib/libuser.so", "libuser.so", "libz.so.1");
        assertEquals(List.of("lib/libz.so.1.3", "lib/libuser.so"), paths(LoadOrder.sort(List.of(user, real),
                List.of(new AliasEntry("lib/libz.so", "libz.so.1"), new AliasEntry("lib/libz.so.1", "libz.so.1.3")),
                false)));
    }

    @Test
    void windowsNamesIgnoreCase() {
        LibraryEntry base = lib("bin/Base.dll", "Base.dll");
        LibraryEntry top = lib("bin/app.dll", "app.dll", "KERNEL32.dll", "BASE.DLL");
        assertEquals(List.of("bin/Base.dll", "bin/app.dll"), paths(LoadOrder.sort(List.of(top, base), List.of(),
                true)));
        assertEquals(List.of("bin/app.dll", "bin/Base.dll"), paths(LoadOrder.sort(List.of(top, base), List.of(),
                false)));
    }

    @Test
    void independentLibrariesKeepTheirOrder() {
        LibraryEntry x = lib("lib/libx.so", "libx.so");
        LibraryEntry y = lib("lib/liby.so", "liby.so");
        assertEquals(List.of("lib/liby.so", "lib/libx.so"), paths(LoadOrder.sort(List.of(y, x), List.of(), false)));
    }

    @Test
    void cycleIsPrinted() {
        LibraryEntry a = lib("lib/liba.so", "liba.so", "libb.so");
        LibraryEntry b = lib("lib/libb.so", "libb.so", "libc2.so");
        LibraryEntry c = lib("lib/libc2.so", "libc2.so", "liba.so");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoadOrder.sort(List.of(a, b, c), List.of(), false));
        assertEquals("libraries need each other in a cycle: lib/liba.so -> lib/libb.so -> lib/libc2.so -> lib/liba.so;"
                + " break it (a package's libraries must form a dependency order)", e.getMessage());
    }
}
