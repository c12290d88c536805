package dev.nativelib.loader.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nativelib.loader.binary.MachOSlice.Dylib;
import dev.nativelib.loader.binary.MachOSlice.LinkKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachOReaderTest {

    @TempDir
    Path tmp;

    private static List<MachOSlice> macho(Path file) throws IOException {
        try (BinaryInput in = BinaryInput.open(file)) {
            return MachOReader.read(in);
        }
    }

    @Test
    void readsInstallNameLinkedLibrariesRunPathsAndMinimumOs() throws IOException {
        List<MachOSlice> slices = macho(Fixtures.path("macho/libtop.dylib"));
        assertEquals(1, slices.size());
        MachOSlice top = slices.get(0);
        assertEquals(0x0100000c, top.cpuType());
        assertEquals(64, top.bits());
        assertEquals(6, top.fileType());
        assertEquals("@rpath/libtop.dylib", top.installName());
        assertEquals(List.of(new Dylib(LinkKind.LOAD, "/usr/lib/libSystem.B.dylib"),
                new Dylib(LinkKind.LOAD, "@rpath/libbase.1.dylib"),
                new Dylib(LinkKind.WEAK, "@rpath/libextra.dylib"),
                new Dylib(LinkKind.REEXPORT, "@rpath/libextra.dylib")), top.dylibs());
        assertEquals(List.of("@loader_path", "/opt/build/lib"), top.rpaths());
        assertEquals("11.0", top.minimumOs());
        assertEquals("aarch_64", MachOReader.info(top).architecture());
    }

    @Test
    void readsOldVersionMinCommandAndX86() throws IOException {
        MachOSlice old = macho(Fixtures.path("macho/libold-x86_64.dylib")).get(0);
        assertEquals("/usr/local/lib/libold.dylib", old.installName());
        assertEquals("10.12", old.minimumOs());
        assertEquals("x86_64", MachOReader.info(old).architecture());
    }

    @Test
    void bundleHasNoInstallName() throws IOException {
        MachOSlice bundle = macho(Fixtures.path("macho/bundle.so")).get(0);
        assertEquals(8, bundle.fileType());
        assertNull(bundle.installName());
    }

    @Test
    void readsEverySliceOfAFatFile() throws IOException {
        Path fat = fat(tmp.resolve("libbase-universal.dylib"), Fixtures.path("macho/libbase-x86_64.dylib"),
                Fixtures.path("macho/libbase.dylib"));
        List<BinaryInfo> infos = BinaryReader.read(fat);
        assertEquals(List.of("x86_64", "aarch_64"), infos.stream().map(BinaryInfo::architecture).toList());
        assertEquals(List.of("@rpath/libbase.1.dylib", "@rpath/libbase.1.dylib"),
                infos.stream().map(BinaryInfo::identity).toList());
        assertEquals(List.of("10.15", "11.0"), infos.stream().map(BinaryInfo::minimumOs).toList());
    }

    @Test
    void fatSliceOutsideTheFileIsReported() throws IOException {
        Path fat = fat(tmp.resolve("fat.dylib"), Fixtures.path("macho/libbase.dylib"));
        byte[] bytes = Files.readAllBytes(fat);
        ByteBuffer.wrap(bytes).putInt(8 + 8, 0x7fff0000); // first fat_arch's offset
        Files.write(fat, bytes);
        MalformedBinaryException e = assertThrows(MalformedBinaryException.class, () -> BinaryReader.read(fat));
        assertEquals(fat + ": malformed Mach-O fat slice 0 at offset 0x7fff0000: needs "
                + Files.size(Fixtures.path("macho/libbase.dylib")) + " bytes but the file has 0 left (size "
                + bytes.length + ")", e.getMessage());
    }

    @Test
    void loadCommandSizeBeyondTheTableIsReported() throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.path("macho/libbase.dylib"));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(32 + 4, 0x10000); // cmdsize of load command 0
        Path bad = tmp.resolve("bad.dylib");
        Files.write(bad, bytes);
        MalformedBinaryException e = assertThrows(MalformedBinaryException.class, () -> BinaryReader.read(bad));
        assertEquals(bad + ": malformed Mach-O load command 0 at offset 0x20: cmdsize 65536 is below 8 or runs past"
                + " sizeofcmds " + b.getInt(20), e.getMessage());
    }

    @Test
    void javaClassFilesAreNotMistakenForFatBinaries() {
        byte[] classFile = {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61};
        assertEquals(false, MachOReader.matches(classFile));
    }

    /** Assembles a universal binary the way lipo does: big-endian fat header, slices aligned to 2^14. */
    static Path fat(Path out, Path... slices) throws IOException {
        int align = 14;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(8 + 20 * slices.length);
        header.putInt(0xcafebabe).putInt(slices.length);
        long offset = 1 << align;
        for (Path slice : slices) {
            byte[] bytes = Files.readAllBytes(slice);
            ByteBuffer mh = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            header.putInt(mh.getInt(4)).putInt(mh.getInt(8)).putInt((int) offset).putInt(bytes.length).putInt(align);
            while (8 + 20L * slices.length + body.size() < offset) {
                body.write(0);
            }
            body.write(bytes);
            offset = ((8 + 20L * slices.length + body.size() + (1 << align) - 1) >> align) << align;
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(header.array());
        file.write(body.toByteArray());
        Files.write(out, file.toByteArray());
        return out;
    }
}
