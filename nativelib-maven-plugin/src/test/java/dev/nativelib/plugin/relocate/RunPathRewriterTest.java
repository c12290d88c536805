package dev.nativelib.plugin.relocate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.binary.BinaryInput;
import dev.nativelib.loader.binary.ElfFile;
import dev.nativelib.loader.binary.ElfReader;
import dev.nativelib.plugin.Gcc;
import dev.nativelib.plugin.packaging.PackagingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPathRewriterTest {

    @TempDir
    Path tmp;

    @Test
    void plansOriginRelativeEntriesAndDropsForeignOnes() {
        Path prefix = Paths.get("/build/prefix");
        assertEquals(new RunPathRewriter.Plan("$ORIGIN", List.of()),
                RunPathRewriter.plan("/build/prefix/lib", "lib/libfoo.so", prefix));
        assertEquals(new RunPathRewriter.Plan("$ORIGIN/../lib:$ORIGIN", List.of("/usr/local/lib")),
                RunPathRewriter.plan("/build/prefix/lib:/usr/local/lib:$ORIGIN", "bin/libfoo.so", prefix));
        assertEquals(new RunPathRewriter.Plan("$ORIGIN/sub", List.of()),
                RunPathRewriter.plan("/build/prefix/lib/sub/", "lib/libfoo.so", prefix));
    }

    @Test
    void rewritesARealLibraryInPlaceAndItStillLoads() throws IOException, PackagingException {
        Path prefix = tmp.resolve("prefix");
        Path lib = Gcc.shared(prefix.resolve("lib/libfoo.so"), "int foo(void) { return 7; }",
                "-Wl,-soname,libfoo.so", "-Wl,--enable-new-dtags", "-Wl,-rpath," + prefix.resolve("lib")
                        + ":/opt/elsewhere/lib");
        long size = Files.size(lib);
        List<String> changes = RunPathRewriter.rewrite(lib, "lib/libfoo.so", prefix);
        assertEquals(List.of("lib/libfoo.so: RUNPATH '" + prefix.resolve("lib") + ":/opt/elsewhere/lib' -> '$ORIGIN'"
                + " (dropped /opt/elsewhere/lib: outside the install prefix)"), changes);
        assertEquals(size, Files.size(lib));
        try (BinaryInput in = BinaryInput.open(lib)) {
            ElfFile elf = ElfReader.read(in);
            assertEquals(List.of("$ORIGIN"), elf.runpath());
            assertEquals("libfoo.so", elf.soname());
        }
        System.load(lib.toAbsolutePath().toString());
    }

    @Test
    void runPathsLongerThanFourKilobytesAreRead() throws IOException, PackagingException {
        Path prefix = tmp.resolve("prefix");
        String padded = "/" + "p".repeat(5000) + "/lib";
        Path lib = Gcc.shared(prefix.resolve("lib/libpad.so"), "int pad(void) { return 1; }", "-Wl,-rpath," + padded);
        try (BinaryInput in = BinaryInput.open(lib)) {
            assertEquals(List.of(padded), ElfReader.read(in).runpath());
        }
        assertEquals(List.of("lib/libpad.so: RUNPATH '" + padded + "' -> '' (dropped " + padded + ": outside the"
                + " install prefix)"), RunPathRewriter.rewrite(lib, "lib/libpad.so", prefix));
    }

    @Test
    void rewriteThatDoesNotFitIsRefused() throws IOException {
        // A short absolute entry whose $ORIGIN-relative form is longer: "/p/lib" seen from bin/ is "$ORIGIN/../lib".
        Path prefix = Paths.get("/p");
        Path lib = Gcc.shared(tmp.resolve("bin/libfoo.so"), "int foo(void) { return 7; }", "-Wl,-rpath,/p/lib");
        byte[] before = Files.readAllBytes(lib);
        PackagingException e = assertThrows(PackagingException.class,
                () -> RunPathRewriter.rewrite(lib, "bin/libfoo.so", prefix));
        assertEquals("bin/libfoo.so: cannot rewrite RUNPATH '/p/lib' to '$ORIGIN/../lib': the new value needs 14 bytes"
                + " but the original has 6. Relink it with -DCMAKE_INSTALL_RPATH='$ORIGIN/../lib' instead.",
                e.getMessage());
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(Files.readAllBytes(lib)),
                "the file must be left untouched");
    }
}
