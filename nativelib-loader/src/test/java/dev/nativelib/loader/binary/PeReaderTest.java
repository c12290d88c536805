package dev.nativelib.loader.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeReaderTest {

    @TempDir
    Path tmp;

    private static PeFile pe(Path file) throws IOException {
        try (BinaryInput in = BinaryInput.open(file)) {
            return PeReader.read(in);
        }
    }

    @Test
    void readsExportNameAndImportsOfAMingwDll() throws IOException {
        PeFile base = pe(Fixtures.path("pe/base.dll"));
        assertEquals(0x8664, base.machine());
        assertTrue(base.pe32Plus());
        assertTrue(base.dll());
        assertEquals("base.dll", base.exportName());
        assertEquals(List.of("KERNEL32.dll", "msvcrt.dll"), base.imports());
        assertEquals(List.of(), base.delayImports());
    }

    @Test
    void readsDelayLoadImports() throws IOException {
        PeFile top = pe(Fixtures.path("pe/top.dll"));
        assertEquals("top.dll", top.exportName());
        assertEquals(List.of("base.dll"), top.imports());
        assertEquals(List.of("delayed.dll"), top.delayImports());
        assertEquals(List.of("base.dll", "delayed.dll"), PeReader.info(top).needed());
    }

    @Test
    void readsPe32AndArm64() throws IOException {
        PeFile x86 = pe(Fixtures.path("pe/base32.dll"));
        assertEquals(false, x86.pe32Plus());
        assertEquals("x86_32", PeReader.info(x86).architecture());
        assertEquals("base32.dll", x86.exportName());
        assertEquals("aarch_64", PeReader.info(pe(Fixtures.path("pe/base-arm64.dll"))).architecture());
    }

    @Test
    void peHeaderOffsetPastTheEndIsReported() throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.path("pe/base.dll"));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3c, 0x7ffffff0);
        Path bad = tmp.resolve("bad.dll");
        Files.write(bad, bytes);
        MalformedBinaryException e = assertThrows(MalformedBinaryException.class, () -> BinaryReader.read(bad));
        assertEquals(bad + ": malformed PE signature and COFF header at offset 0x7ffffff0: needs 24 bytes but the file"
                + " has 0 left (size " + bytes.length + ")", e.getMessage());
    }

    @Test
    void importTableWithoutTerminatorIsBounded() throws IOException {
        // An import directory pointing into a section of non-zero bytes must end in an error, not run forever.
        byte[] bytes = Files.readAllBytes(Fixtures.path("pe/top.dll"));
        PeFile ok = pe(Fixtures.path("pe/top.dll"));
        assertEquals(1, ok.imports().size());
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int pe = b.getInt(0x3c);
        int importDir = pe + 24 + 112 + 8; // PE32+: data directory 1
        int textRva = sectionRva(b, pe, ".text");
        b.putInt(importDir, textRva);
        Path bad = tmp.resolve("loop.dll");
        Files.write(bad, bytes);
        MalformedBinaryException e = assertThrows(MalformedBinaryException.class, () -> BinaryReader.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": malformed PE import descriptor"), e.getMessage());
    }

    private static int sectionRva(ByteBuffer b, int pe, String name) {
        int sections = Short.toUnsignedInt(b.getShort(pe + 6));
        int optional = Short.toUnsignedInt(b.getShort(pe + 20));
        for (int i = 0; i < sections; i++) {
            int at = pe + 24 + optional + 40 * i;
            byte[] n = new byte[8];
            b.get(at, n);
            if (new String(n, java.nio.charset.StandardCharsets.US_ASCII).trim().startsWith(name)) {
                return b.getInt(at + 12);
            }
        }
        throw new AssertionError("no section " + name);
    }
}
