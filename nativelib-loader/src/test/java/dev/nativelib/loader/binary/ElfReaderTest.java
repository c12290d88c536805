package dev.nativelib.loader.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElfReaderTest {

    @TempDir
    Path tmp;

    private static ElfFile elf(String fixture) throws IOException {
        try (BinaryInput in = BinaryInput.open(Fixtures.path(fixture))) {
            return ElfReader.read(in);
        }
    }

    @Test
    void readsSonameAndGlibcVersionNeeds() throws IOException {
        ElfFile base = elf("elf/libbase.so.1");
        assertEquals(64, base.bits());
        assertEquals(ByteOrder.LITTLE_ENDIAN, base.order());
        assertEquals(3, base.type());
        assertEquals("libbase.so.1", base.soname());
        assertEquals(List.of("libc.so.6"), base.needed());
        assertEquals(Map.of("libc.so.6", List.of("GLIBC_2.2.5", "GLIBC_2.14")), base.versionNeeds());
        assertEquals("2.14", base.minimumGlibc());
    }

    @Test
    void separatesRpathFromRunpath() throws IOException {
        ElfFile rpath = elf("elf/libtop-rpath.so");
        assertEquals("libtop.so.2", rpath.soname());
        assertEquals(List.of("libbase.so.1"), rpath.needed());
        assertEquals(List.of("$ORIGIN/../lib", "/opt/build/lib"), rpath.rpath());
        assertEquals(List.of(), rpath.runpath());

        ElfFile runpath = elf("elf/libtop-runpath.so");
        assertEquals(List.of(), runpath.rpath());
        assertEquals(List.of("/home/builder/project/install/lib"), runpath.runpath());
    }

    @Test
    void recordsWhereEachRunPathStringLies() throws IOException {
        ElfFile rpath = elf("elf/libtop-rpath.so");
        ElfFile.DynamicString s = rpath.strings().stream().filter(d -> d.tag() == ElfFile.DT_RPATH).findFirst()
                .orElseThrow();
        byte[] bytes = Files.readAllBytes(Fixtures.path("elf/libtop-rpath.so"));
        assertEquals("$ORIGIN/../lib:/opt/build/lib",
                new String(bytes, (int) s.fileOffset(), s.capacity(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, bytes[(int) s.fileOffset() + s.capacity()]);
    }

    @Test
    void libraryWithoutSonameHasNone() throws IOException {
        assertNull(elf("elf/libnosoname.so").soname());
    }

    @Test
    void readsGlibcxxNeedsOfCppLibraries() throws IOException {
        ElfFile cxx = elf("elf/libcxx.so");
        assertEquals("3.4.21", cxx.newest("GLIBCXX_"));
        assertEquals("1.3", cxx.newest("CXXABI_"));
        assertTrue(cxx.needed().containsAll(List.of("libstdc++.so.6", "libc.so.6")), cxx.needed().toString());
    }

    @Test
    void versionNeedsArePerNeededFileInFileOrder() throws IOException {
        ElfFile cxx = elf("elf/libcxx.so");
        assertEquals(List.of("libgcc_s.so.1", "libc.so.6", "libstdc++.so.6"), List.copyOf(cxx.versionNeeds().keySet()));
        assertEquals(List.of("CXXABI_1.3", "GLIBCXX_3.4", "GLIBCXX_3.4.21"), cxx.versionNeeds().get("libstdc++.so.6"));
        assertEquals(List.of("GCC_3.0"), cxx.versionNeeds().get("libgcc_s.so.1"));
        BinaryInfo info = ElfReader.info(cxx);
        assertEquals(List.copyOf(cxx.versionNeeds().keySet()), List.copyOf(info.versionNeeds().keySet()),
                "BinaryInfo keeps the file order");
    }

    /** libbase.so.1's version-needs table: one entry (libc.so.6) at 0x3f8 with two aux entries after it. */
    private static final int VERNEED = 0x3f8;

    private MalformedBinaryException malformedVerneed(int at, byte[] patch) throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.path("elf/libbase.so.1"));
        System.arraycopy(patch, 0, bytes, at, patch.length);
        Path bad = tmp.resolve("libbad.so");
        Files.write(bad, bytes);
        return assertThrows(MalformedBinaryException.class, () -> BinaryReader.read(bad));
    }

    @Test
    void unknownVersionNeedsRevisionIsRefused() throws IOException {
        MalformedBinaryException e = malformedVerneed(VERNEED, new byte[] {2, 0});
        assertEquals(tmp.resolve("libbad.so") + ": malformed ELF version-needs entry 0 at offset 0x3f8: vn_version is"
                + " 2, expected 1 (VER_NEED_CURRENT)", e.getMessage());
    }

    @Test
    void versionNeedsPointersOutsideTheFileAreReported() throws IOException {
        // vn_aux (offset 8) far past the end of the file
        MalformedBinaryException aux = malformedVerneed(VERNEED + 8, new byte[] {0, 0, 0, 0x7f});
        assertEquals("ELF version-needs aux entry 0 of libc.so.6", aux.structure());
        assertEquals(VERNEED + 0x7f000000L, aux.offset());
        // vn_file (offset 4) beyond the dynamic string table
        MalformedBinaryException file = malformedVerneed(VERNEED + 4, new byte[] {(byte) 0xff, (byte) 0xff, 0, 0});
        assertEquals("ELF version-needs entry 0 (vn_file)", file.structure());
        // vna_next (offset 12 of the first aux entry) pointing back into the entry
        MalformedBinaryException next = malformedVerneed(VERNEED + 16 + 12, new byte[] {8, 0, 0, 0});
        assertEquals(tmp.resolve("libbad.so") + ": malformed ELF version-needs aux entry 0 of libc.so.6 at offset"
                + " 0x408: vna_next 8 overlaps the 16-byte entry", next.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "elf/libbase.so.1,    64, LITTLE_ENDIAN, x86_64,   libbase.so.1",
        "elf/lib-i386.so,     32, LITTLE_ENDIAN, x86_32,   libi386.so.1",
        "elf/lib-aarch64.so,  64, LITTLE_ENDIAN, aarch_64, libaarch64.so.1",
        "elf/lib-armv7.so,    32, LITTLE_ENDIAN, arm_32,   libarmv7.so.1",
        "elf/lib-ppc64be.so,  64, BIG_ENDIAN,    ppc_64,   libppc64be.so.1",
        "elf/lib-mipsbe.so,   32, BIG_ENDIAN,    mips_32,  libmipsbe.so.1",
    })
    void readsEveryClassAndByteOrder(String fixture, int bits, String order, String arch, String soname)
            throws IOException {
        ElfFile elf = elf(fixture);
        assertEquals(bits, elf.bits());
        assertEquals(order, elf.order().toString());
        assertEquals(soname, elf.soname());
        assertEquals(arch, ElfReader.info(elf).architecture());
    }

    @Test
    void truncatedFileNamesStructureAndOffset() throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.path("elf/libbase.so.1"));
        Path cut = tmp.resolve("cut.so");
        Files.write(cut, java.util.Arrays.copyOf(bytes, 40));
        MalformedBinaryException e = assertThrows(MalformedBinaryException.class, () -> BinaryReader.read(cut));
        assertEquals(cut + ": malformed ELF header at offset 0x0: needs 64 bytes but the file has 40 left (size 40)",
                e.getMessage());
        assertEquals("ELF header", e.structure());
        assertEquals(0, e.offset());
    }

    @Test
    void badClassByteIsReported() throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.path("elf/libbase.so.1"));
        bytes[4] = 9;
        Path bad = tmp.resolve("bad.so");
        Files.write(bad, bytes);
        MalformedBinaryException e = assertThrows(MalformedBinaryException.class, () -> BinaryReader.read(bad));
        assertEquals(bad + ": malformed ELF identification at offset 0x4: EI_CLASS is 9, expected 1 (32-bit) or 2"
                + " (64-bit)", e.getMessage());
    }

    @Test
    void notABinaryAtAll() throws IOException {
        Path text = tmp.resolve("libfake.so");
        Files.writeString(text, "INPUT(libreal.so.1)\n");
        MalformedBinaryException e = assertThrows(MalformedBinaryException.class, () -> BinaryReader.read(text));
        assertEquals(text + ": malformed file header at offset 0x0: not an ELF, Mach-O or PE file (starts with"
                + " 49 4e 50 55 54 28 6c 69)", e.getMessage());
    }
}
