package dev.nativelib.loader.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a PE/COFF image's headers, section table, and its export, import and delay-import directories: the DLL's
 * own name and the DLLs it needs.
 */
public final class PeReader {

    private static final int PE32 = 0x10b;
    private static final int PE32_PLUS = 0x20b;
    private static final int IMAGE_FILE_DLL = 0x2000;
    private static final int DIR_EXPORT = 0;
    private static final int DIR_IMPORT = 1;
    private static final int DIR_DELAY_IMPORT = 13;
    /** More descriptors than any real image has; bounds the walk over a table with no terminator. */
    private static final int MAX_DESCRIPTORS = 4096;

    private PeReader() {
    }

    /**
     * @param header the first bytes of a file
     * @return whether they start with the DOS {@code MZ} stub every PE image has
     */
    public static boolean matches(byte[] header) {
        return header.length >= 2 && header[0] == 'M' && header[1] == 'Z';
    }

    /**
     * @param in the file
     * @return what it says about loading
     * @throws dev.nativelib.loader.binary.MalformedBinaryException if it is truncated or inconsistent
     * @throws IOException                                          if reading fails
     */
    public static PeFile read(BinaryInput in) throws IOException {
        in.order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer dos = in.read(0, 64, "DOS header");
        if (dos.get(0) != 'M' || dos.get(1) != 'Z') {
            throw in.malformed("DOS header", 0, "no MZ signature");
        }
        long peOffset = Integer.toUnsignedLong(dos.getInt(0x3c));
        ByteBuffer coff = in.read(peOffset, 24, "PE signature and COFF header");
        if (coff.getInt(0) != 0x00004550) {
            throw in.malformed("PE signature", peOffset, "expected \"PE\\0\\0\" (e_lfanew points at 0x"
                    + Long.toHexString(peOffset) + ")");
        }
        int machine = Short.toUnsignedInt(coff.getShort(4));
        int sections = Short.toUnsignedInt(coff.getShort(6));
        int optionalSize = Short.toUnsignedInt(coff.getShort(20));
        int characteristics = Short.toUnsignedInt(coff.getShort(22));
        long optionalAt = peOffset + 24;
        if (optionalSize < 2) {
            throw in.malformed("PE optional header", optionalAt, "SizeOfOptionalHeader is " + optionalSize
                    + "; an image needs one");
        }
        ByteBuffer opt = in.read(optionalAt, optionalSize, "PE optional header");
        int magic = Short.toUnsignedInt(opt.getShort(0));
        boolean plus;
        if (magic == PE32) {
            plus = false;
        } else if (magic == PE32_PLUS) {
            plus = true;
        } else {
            throw in.malformed("PE optional header", optionalAt, "magic 0x" + Integer.toHexString(magic)
                    + ", expected 0x10b (PE32) or 0x20b (PE32+)");
        }
        int countAt = plus ? 108 : 92;
        if (optionalSize < countAt + 4) {
            throw in.malformed("PE optional header", optionalAt, "SizeOfOptionalHeader " + optionalSize
                    + " is too small to hold NumberOfRvaAndSizes");
        }
        long imageBase = plus ? opt.getLong(24) : Integer.toUnsignedLong(opt.getInt(28));
        long dirCount = Integer.toUnsignedLong(opt.getInt(countAt));
        long dirsAt = countAt + 4L;
        dirCount = Math.min(dirCount, (optionalSize - dirsAt) / 8);
        long[][] dirs = new long[16][];
        for (int i = 0; i < Math.min(dirCount, 16); i++) {
            dirs[i] = new long[] {Integer.toUnsignedLong(opt.getInt((int) (dirsAt + 8L * i))),
                Integer.toUnsignedLong(opt.getInt((int) (dirsAt + 8L * i + 4)))};
        }
        Sections table = Sections.read(in, optionalAt + optionalSize, sections);

        String exportName = null;
        if (present(dirs[DIR_EXPORT])) {
            long at = table.offset(in, dirs[DIR_EXPORT][0], "PE export directory");
            ByteBuffer export = in.read(at, 40, "PE export directory");
            long nameRva = Integer.toUnsignedLong(export.getInt(12));
            if (nameRva != 0) {
                exportName = table.string(in, nameRva, "PE export directory name");
            }
        }
        List<String> imports = new ArrayList<>();
        if (present(dirs[DIR_IMPORT])) {
            long at = table.offset(in, dirs[DIR_IMPORT][0], "PE import directory");
            for (int i = 0; ; i++) {
                String structure = "PE import descriptor " + i;
                if (i >= MAX_DESCRIPTORS) {
                    throw in.malformed(structure, at, "no terminating descriptor after " + MAX_DESCRIPTORS);
                }
                ByteBuffer d = in.read(at + 20L * i, 20, structure);
                if (allZero(d)) {
                    break;
                }
                imports.add(table.string(in, Integer.toUnsignedLong(d.getInt(12)), structure + " name"));
            }
        }
        List<String> delayImports = new ArrayList<>();
        if (present(dirs[DIR_DELAY_IMPORT])) {
            long at = table.offset(in, dirs[DIR_DELAY_IMPORT][0], "PE delay-import directory");
            for (int i = 0; ; i++) {
                String structure = "PE delay-import descriptor " + i;
                if (i >= MAX_DESCRIPTORS) {
                    throw in.malformed(structure, at, "no terminating descriptor after " + MAX_DESCRIPTORS);
                }
                ByteBuffer d = in.read(at + 32L * i, 32, structure);
                if (allZero(d)) {
                    break;
                }
                long name = Integer.toUnsignedLong(d.getInt(4));
                // Attribute bit 0 clear marks the old format, which stores virtual addresses instead of RVAs.
                if ((d.getInt(0) & 1) == 0) {
                    name -= imageBase;
                }
                delayImports.add(table.string(in, name, structure + " name"));
            }
        }
        return new PeFile(machine, plus, (characteristics & IMAGE_FILE_DLL) != 0, exportName, imports,
                delayImports);
    }

    private static boolean present(long[] dir) {
        return dir != null && dir[0] != 0 && dir[1] != 0;
    }

    private static boolean allZero(ByteBuffer b) {
        for (int i = 0; i < b.limit(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The section table, which maps relative virtual addresses to file offsets. */
    private record Sections(long[][] entries, long tableAt) {

        static Sections read(BinaryInput in, long at, int count) throws IOException {
            ByteBuffer raw = in.read(at, 40L * count, "PE section table");
            long[][] entries = new long[count][];
            for (int i = 0; i < count; i++) {
                int p = 40 * i;
                long virtualSize = Integer.toUnsignedLong(raw.getInt(p + 8));
                long virtualAddress = Integer.toUnsignedLong(raw.getInt(p + 12));
                long rawSize = Integer.toUnsignedLong(raw.getInt(p + 16));
                long rawPointer = Integer.toUnsignedLong(raw.getInt(p + 20));
                entries[i] = new long[] {virtualAddress, Math.max(virtualSize, rawSize), rawPointer, rawSize};
            }
            return new Sections(entries, at);
        }

        long offset(BinaryInput in, long rva, String structure) throws IOException {
            for (long[] s : entries) {
                if (rva >= s[0] && rva - s[0] < s[1]) {
                    long delta = rva - s[0];
                    if (delta >= s[3]) {
                        throw in.malformed(structure, s[2], "RVA 0x" + Long.toHexString(rva) + " lies in the"
                                + " section's zero-filled tail, which the file does not hold");
                    }
                    return s[2] + delta;
                }
            }
            throw in.malformed(structure, tableAt, "RVA 0x" + Long.toHexString(rva) + " lies in no section");
        }

        String string(BinaryInput in, long rva, String structure) throws IOException {
            long at = offset(in, rva, structure);
            return in.string(at, in.size(), structure);
        }
    }

    /**
     * @param pe a parsed image
     * @return its facts in format-neutral terms
     */
    public static BinaryInfo info(PeFile pe) {
        List<String> needed = new ArrayList<>(pe.imports());
        needed.addAll(pe.delayImports());
        return new BinaryInfo(BinaryFormat.PE, architecture(pe.machine()), pe.exportName(), needed, List.of(),
                Map.of(), null, null);
    }

    /**
     * @param machine COFF {@code Machine}
     * @return os-maven-plugin's name for that architecture, or {@code unknown}
     */
    public static String architecture(int machine) {
        return switch (machine) {
            case 0x14c -> "x86_32";
            case 0x8664 -> "x86_64";
            case 0xaa64, 0xa641 -> "aarch_64";
            case 0x1c0, 0x1c4 -> "arm_32";
            default -> "unknown";
        };
    }
}
