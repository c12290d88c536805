package dev.nativelib.loader.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/** Recognises a binary's format from its first bytes and reads it with the matching reader. */
public final class BinaryReader {

    private BinaryReader() {
    }

    /**
     * @param file a shared library
     * @return its facts, one entry per architecture (several only for a fat Mach-O file)
     * @throws MalformedBinaryException if it is no ELF, Mach-O or PE file, or is truncated or inconsistent
     * @throws IOException              if reading fails
     */
    public static List<BinaryInfo> read(Path file) throws IOException {
        try (BinaryInput in = BinaryInput.open(file)) {
            return read(in);
        }
    }

    /**
     * @param in a shared library
     * @return its facts, one entry per architecture
     * @throws MalformedBinaryException if it is no ELF, Mach-O or PE file, or is truncated or inconsistent
     * @throws IOException              if reading fails
     */
    public static List<BinaryInfo> read(BinaryInput in) throws IOException {
        ByteBuffer head = in.read(0, Math.min(8, in.size()), "file header");
        byte[] magic = new byte[head.remaining()];
        head.get(magic);
        if (ElfReader.matches(magic)) {
            return List.of(ElfReader.info(ElfReader.read(in)));
        }
        if (MachOReader.matches(magic)) {
            return MachOReader.read(in).stream().map(MachOReader::info).toList();
        }
        if (PeReader.matches(magic)) {
            return List.of(PeReader.info(PeReader.read(in)));
        }
        throw in.malformed("file header", 0, "not an ELF, Mach-O or PE file (starts with "
                + java.util.HexFormat.ofDelimiter(" ").formatHex(magic) + ")");
    }
}
