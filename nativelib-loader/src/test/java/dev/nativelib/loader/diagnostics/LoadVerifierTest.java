package dev.nativelib.loader.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nativelib.loader.binary.Fixtures;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadVerifierTest {

    @Test
    void parsesMapsLinesIncludingSpacesAndDeletedFiles() {
        assertEquals(Set.of(Paths.get("/usr/lib/x86_64-linux-gnu/libc.so.6"), Paths.get("/tmp/my dir/libx.so"),
                Paths.get("/cache/libgone.so.1")), MappedFiles.parse(List.of(
                "7f00-7f10 r--p 00000000 08:01 123 /usr/lib/x86_64-linux-gnu/libc.so.6",
                "7f10-7f20 r-xp 00001000 08:01 123 /usr/lib/x86_64-linux-gnu/libc.so.6",
                "7f20-7f30 r--p 00000000 08:01 456 /tmp/my dir/libx.so",
                "7f30-7f40 r--p 00000000 08:01 789 /cache/libgone.so.1 (deleted)",
                "7f40-7f50 rw-p 00000000 00:00 0 [heap]",
                "7f50-7f60 r--p 00000000 08:01 42 /usr/lib/jvm/lib/modules",
                "7f60-7f70 rw-p 00000000 00:00 0")));
    }

    @Test
    void reportsASonameThatAnotherFileClaimedFirst() {
        Path first = Fixtures.path("elf/dup-a/libdup.so.1").toAbsolutePath();
        Path ours = Fixtures.path("elf/dup-b/libdup.so.1.0").toAbsolutePath();
        System.load(first.toString());
        Set<Path> before = MappedFiles.read();
        assertTrue(before.contains(first), "the first copy should be mapped: " + before);
        System.load(ours.toString());
        assertEquals(List.of("libdup.so.1: " + first + " was loaded before nativelib's copy " + ours + " and has the"
                + " same SONAME, so libraries that need libdup.so.1 use " + first + ", not the packaged copy. Find"
                + " what loaded it first (a system library, LD_PRELOAD, LD_LIBRARY_PATH, or another loader), or let"
                + " that copy serve deliberately with -Dnativelib.verify=off."),
                LoadVerifier.conflicts(List.of("libdup.so.1"), List.of(ours), before));
        // The same file loaded again, or a different SONAME, is no conflict.
        assertEquals(List.of(), LoadVerifier.conflicts(List.of("libdup.so.1"), List.of(first),
                before));
        assertEquals(List.of(), LoadVerifier.conflicts(List.of("libother.so.1"), List.of(ours),
                before));
    }
}
