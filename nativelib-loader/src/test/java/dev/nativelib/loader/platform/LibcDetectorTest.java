package dev.nativelib.loader.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LibcDetectorTest {

    /** A JVM on Debian 12 (glibc 2.36), abridged. */
    private static final String GLIBC_MAPS = """
            55d0c6a4e000-55d0c6a4f000 r--p 00000000 fe:00 1842       /usr/lib/jvm/java-17-openjdk-amd64/bin/java
            7f3a1c000000-7f3a1c021000 rw-p 00000000 00:00 0
            7f3a2e3b2000-7f3a2e3d8000 r--p 00000000 fe:00 339380     /usr/lib/x86_64-linux-gnu/libc.so.6
            7f3a2e3d8000-7f3a2e52e000 r-xp 00026000 fe:00 339380     /usr/lib/x86_64-linux-gnu/libc.so.6
            7f3a2e600000-7f3a2f2f0000 r-xp 00000000 fe:00 1901       /usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so
            7f3a2f5c1000-7f3a2f5c2000 r--p 00000000 fe:00 338944     /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
            7ffc70475000-7ffc70496000 rw-p 00000000 00:00 0          [stack]
            """;

    /** A JVM on CentOS 7 (glibc 2.17), where the file is still named after the version. */
    private static final String OLD_GLIBC_MAPS = """
            7f1b0b3e1000-7f1b0b5a5000 r-xp 00000000 fd:00 50331778   /usr/lib64/libc-2.17.so
            7f1b0b9d0000-7f1b0b9f2000 r-xp 00000000 fd:00 50331771   /usr/lib64/ld-2.17.so
            """;

    /** A JVM on Alpine 3.19: musl's C library and dynamic loader are one file, named as the loader. */
    private static final String ALPINE_MAPS = """
            5588a0b0a000-5588a0b0b000 r--p 00000000 00:2e 1049214    /usr/lib/jvm/java-17-openjdk/bin/java
            7f6c1d4a7000-7f6c1e1b4000 r-xp 00000000 00:2e 1049322    /usr/lib/jvm/java-17-openjdk/lib/server/libjvm.so
            7f6c1e5ee000-7f6c1e603000 r--p 00000000 00:2e 1048702    /lib/ld-musl-x86_64.so.1
            7f6c1e603000-7f6c1e64e000 r-xp 00015000 00:2e 1048702    /lib/ld-musl-x86_64.so.1
            7ffd3b8a1000-7ffd3b8c2000 rw-p 00000000 00:00 0          [stack]
            """;

    /** A process on Debian's musl (musl-tools), where ld-musl-x86_64.so.1 is a link to libc.so. */
    private static final String DEBIAN_MUSL_MAPS = """
            564557371000-564557372000 r--p 00000000 fe:00 2147198    /tmp/build dir/maps (deleted)
            7fe981d35000-7fe981d37000 r-xp 00000000 00:00 0          [vdso]
            7fe981d37000-7fe981d4c000 r--p 00000000 fe:00 13402115   /usr/lib/x86_64-linux-musl/libc.so
            7fe981d4c000-7fe981daf000 r-xp 00015000 fe:00 13402115   /usr/lib/x86_64-linux-musl/libc.so
            """;

    @Test
    void glibcFromTheMappedCLibrary() {
        assertEquals(new Libc(null, "/proc/self/maps maps /usr/lib/x86_64-linux-gnu/libc.so.6"),
                LibcDetector.fromMaps(GLIBC_MAPS));
        assertEquals(new Libc(null, "/proc/self/maps maps /usr/lib64/libc-2.17.so"),
                LibcDetector.fromMaps(OLD_GLIBC_MAPS));
        assertEquals("glibc", LibcDetector.fromMaps(GLIBC_MAPS).name());
    }

    @Test
    void muslFromTheMappedCLibrary() {
        assertEquals(new Libc("musl", "/proc/self/maps maps /lib/ld-musl-x86_64.so.1"),
                LibcDetector.fromMaps(ALPINE_MAPS));
        assertEquals(new Libc("musl", "/proc/self/maps maps /usr/lib/x86_64-linux-musl/libc.so"),
                LibcDetector.fromMaps(DEBIAN_MUSL_MAPS));
    }

    @Test
    void mapsWithNeitherOrBothLeaveItToTheInterpreter() {
        assertNull(LibcDetector.fromMaps("7ffc70475000-7ffc70496000 rw-p 00000000 00:00 0 [stack]\n"));
        assertNull(LibcDetector.fromMaps(GLIBC_MAPS + ALPINE_MAPS));
        // A library merely named like one, in a path with spaces, is still matched by its file name only.
        assertNull(LibcDetector.fromMaps("7f00-7f01 r--p 00000000 fe:00 1 /opt/my libc.so.6.d/libfoo.so\n"));
        assertEquals(new Libc("musl", "interpreter /lib/ld-musl-aarch64.so.1 of /proc/self/exe"),
                LibcDetector.detect(GLIBC_MAPS + ALPINE_MAPS, executable(true, ByteOrder.LITTLE_ENDIAN,
                        "/lib/ld-musl-aarch64.so.1")));
    }

    @Test
    void interpreterOf64And32BitExecutablesInEitherByteOrder() {
        assertEquals("/lib64/ld-linux-x86-64.so.2", LibcDetector.interpreter(
                executable(true, ByteOrder.LITTLE_ENDIAN, "/lib64/ld-linux-x86-64.so.2")));
        assertEquals("/lib/ld-musl-s390x.so.1", LibcDetector.interpreter(
                executable(true, ByteOrder.BIG_ENDIAN, "/lib/ld-musl-s390x.so.1")));
        assertEquals("/lib/ld-linux-armhf.so.3", LibcDetector.interpreter(
                executable(false, ByteOrder.LITTLE_ENDIAN, "/lib/ld-linux-armhf.so.3")));
        assertEquals("/lib/ld.so.1", LibcDetector.interpreter(executable(false, ByteOrder.BIG_ENDIAN,
                "/lib/ld.so.1")));
    }

    @Test
    void interpreterNamesTheLibc() {
        assertEquals(new Libc("musl", "interpreter /lib/ld-musl-x86_64.so.1 of /proc/self/exe"),
                LibcDetector.fromInterpreter("/lib/ld-musl-x86_64.so.1"));
        for (String glibc : new String[] {"/lib64/ld-linux-x86-64.so.2", "/lib/ld-linux-aarch64.so.1",
            "/lib64/ld64.so.2", "/lib/ld-linux-riscv64-lp64d.so.1"}) {
            assertEquals(new Libc(null, "interpreter " + glibc + " of /proc/self/exe"),
                    LibcDetector.fromInterpreter(glibc));
        }
        assertNull(LibcDetector.fromInterpreter("/system/bin/linker64"));
        assertNull(LibcDetector.fromInterpreter(null));
    }

    @Test
    void noEvidenceMeansGlibcAndSaysSo() {
        Libc assumed = new Libc(null, "no C library recognised in /proc/self/maps or in the interpreter of"
                + " /proc/self/exe; assuming glibc");
        assertEquals(assumed, LibcDetector.detect(null, null));
        // A static executable has no PT_INTERP; truncated or foreign bytes are no evidence either.
        assertEquals(assumed, LibcDetector.detect("", executable(true, ByteOrder.LITTLE_ENDIAN, null)));
        byte[] truncated = executable(true, ByteOrder.LITTLE_ENDIAN, "/lib/ld-musl-x86_64.so.1");
        assertEquals(assumed, LibcDetector.detect(null, java.util.Arrays.copyOf(truncated, 180)));
        assertEquals(assumed, LibcDetector.detect(null, "#!/bin/sh\necho not an ELF file at all\n".repeat(4)
                .getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void mapsAndInterpreterOfThisJvmAgree() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Paths.get("/proc/self/maps")), "needs Linux /proc");
        Libc fromMaps = LibcDetector.fromMaps(Files.readString(Paths.get("/proc/self/maps"),
                StandardCharsets.ISO_8859_1));
        byte[] head;
        try (InputStream in = Files.newInputStream(Paths.get("/proc/self/exe"))) {
            head = in.readNBytes(LibcDetector.EXECUTABLE_HEAD);
        }
        Libc fromInterpreter = LibcDetector.fromInterpreter(LibcDetector.interpreter(head));
        assertEquals(fromInterpreter.variant(), fromMaps.variant(), fromMaps + " vs " + fromInterpreter);
        assertEquals(fromMaps, LibcDetector.current());
    }

    /**
     * An ELF executable's first bytes: header, a PT_PHDR and a PT_INTERP program header (none when {@code interp}
     * is null, as in a static executable), then the interpreter path.
     */
    static byte[] executable(boolean wide, ByteOrder order, String interp) {
        int header = wide ? 64 : 52;
        int entry = wide ? 56 : 32;
        byte[] path = interp == null ? new byte[0] : (interp + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(header + 2 * entry + path.length).order(order);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (wide ? 2 : 1), (byte) (order == ByteOrder.LITTLE_ENDIAN
                ? 1 : 2), 1});
        b.putShort(16, (short) 2);
        int phnum = interp == null ? 1 : 2;
        if (wide) {
            b.putLong(32, header);
            b.putShort(54, (short) entry);
            b.putShort(56, (short) phnum);
        } else {
            b.putInt(28, header);
            b.putShort(42, (short) entry);
            b.putShort(44, (short) phnum);
        }
        b.putInt(header, 6);
        if (interp != null) {
            int p = header + entry;
            int at = header + 2 * entry;
            b.putInt(p, 3);
            if (wide) {
                b.putLong(p + 8, at);
                b.putLong(p + 32, path.length);
            } else {
                b.putInt(p + 4, at);
                b.putInt(p + 16, path.length);
            }
            b.put(at, path);
        }
        return b.array();
    }
}
