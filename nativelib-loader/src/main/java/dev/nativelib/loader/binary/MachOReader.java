package dev.nativelib.loader.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Mach-O headers and load commands, thin or fat (universal): install name, linked libraries, run paths and
 * minimum macOS version per architecture.
 */
public final class MachOReader {

    private static final int MH_MAGIC = 0xfeedface;
    private static final int MH_MAGIC_64 = 0xfeedfacf;
    private static final int FAT_MAGIC = 0xcafebabe;
    private static final int FAT_MAGIC_64 = 0xcafebabf;
    /** Java class files share 0xcafebabe; their next word is a class-file version far above any slice count. */
    private static final int MAX_FAT_ARCHS = 30;

    private static final int LC_REQ_DYLD = 0x80000000;
    private static final int LC_LOAD_DYLIB = 0xc;
    private static final int LC_ID_DYLIB = 0xd;
    private static final int LC_LOAD_WEAK_DYLIB = 0x18 | LC_REQ_DYLD;
    private static final int LC_RPATH = 0x1c | LC_REQ_DYLD;
    private static final int LC_REEXPORT_DYLIB = 0x1f | LC_REQ_DYLD;
    private static final int LC_LAZY_LOAD_DYLIB = 0x20;
    private static final int LC_LOAD_UPWARD_DYLIB = 0x23 | LC_REQ_DYLD;
    private static final int LC_VERSION_MIN_MACOSX = 0x24;
    private static final int LC_BUILD_VERSION = 0x32;
    private static final int PLATFORM_MACOS = 1;

    private MachOReader() {
    }

    /**
     * @param header the first bytes of a file
     * @return whether they start like a thin or fat Mach-O file
     */
    public static boolean matches(byte[] header) {
        if (header.length < 8) {
            return false;
        }
        int be = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN).getInt(0);
        int le = Integer.reverseBytes(be);
        if (be == FAT_MAGIC || be == FAT_MAGIC_64) {
            int count = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN).getInt(4);
            return count > 0 && count <= MAX_FAT_ARCHS;
        }
        return be == MH_MAGIC || be == MH_MAGIC_64 || le == MH_MAGIC || le == MH_MAGIC_64;
    }

    /**
     * @param in the file
     * @return one slice per architecture
     * @throws dev.nativelib.loader.binary.MalformedBinaryException if it is truncated or inconsistent
     * @throws IOException                                          if reading fails
     */
    public static List<MachOSlice> read(BinaryInput in) throws IOException {
        in.order(ByteOrder.BIG_ENDIAN);
        ByteBuffer head = in.read(0, 8, "Mach-O header");
        int magic = head.getInt(0);
        if (magic != FAT_MAGIC && magic != FAT_MAGIC_64) {
            return List.of(readThin(in));
        }
        boolean wide = magic == FAT_MAGIC_64;
        int count = head.getInt(4);
        if (count <= 0 || count > MAX_FAT_ARCHS) {
            throw in.malformed("Mach-O fat header", 4, "nfat_arch is " + Integer.toUnsignedString(count)
                    + ", expected 1 to " + MAX_FAT_ARCHS);
        }
        int entry = wide ? 32 : 20;
        ByteBuffer archs = in.read(8, (long) entry * count, "Mach-O fat_arch table");
        List<MachOSlice> slices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int p = i * entry;
            long offset = wide ? archs.getLong(p + 8) : Integer.toUnsignedLong(archs.getInt(p + 8));
            long size = wide ? archs.getLong(p + 16) : Integer.toUnsignedLong(archs.getInt(p + 12));
            BinaryInput slice = in.slice(offset, size, "Mach-O fat slice " + i);
            MachOSlice s = readThin(slice);
            int declared = archs.getInt(p);
            if (declared != s.cpuType()) {
                throw in.malformed("Mach-O fat_arch " + i, 8 + p, "declares cputype 0x" + Integer.toHexString(declared)
                        + " but its slice is 0x" + Integer.toHexString(s.cpuType()));
            }
            slices.add(s);
        }
        return slices;
    }

    private static MachOSlice readThin(BinaryInput in) throws IOException {
        in.order(ByteOrder.BIG_ENDIAN);
        int magic = in.read(0, 4, "Mach-O header").getInt(0);
        if (magic == MH_MAGIC || magic == MH_MAGIC_64) {
            in.order(ByteOrder.BIG_ENDIAN);
        } else if (Integer.reverseBytes(magic) == MH_MAGIC || Integer.reverseBytes(magic) == MH_MAGIC_64) {
            in.order(ByteOrder.LITTLE_ENDIAN);
            magic = Integer.reverseBytes(magic);
        } else {
            throw in.malformed("Mach-O header", 0, "no Mach-O magic number (0x" + Integer.toHexString(magic) + ")");
        }
        int bits = magic == MH_MAGIC_64 ? 64 : 32;
        int headerSize = bits == 64 ? 32 : 28;
        ByteBuffer h = in.read(0, headerSize, "Mach-O header");
        int cpuType = h.getInt(4);
        int cpuSubtype = h.getInt(8);
        int fileType = h.getInt(12);
        long ncmds = Integer.toUnsignedLong(h.getInt(16));
        long sizeofcmds = Integer.toUnsignedLong(h.getInt(20));
        ByteBuffer cmds = in.read(headerSize, sizeofcmds, "Mach-O load commands");
        if (ncmds > sizeofcmds / 8) {
            throw in.malformed("Mach-O header", 16, "ncmds " + ncmds + " cannot fit in sizeofcmds " + sizeofcmds);
        }
        String installName = null;
        List<MachOSlice.Dylib> dylibs = new ArrayList<>();
        List<String> rpaths = new ArrayList<>();
        String minOs = null;
        int p = 0;
        for (long i = 0; i < ncmds; i++) {
            String structure = "Mach-O load command " + i;
            if (p + 8 > cmds.limit()) {
                throw in.malformed(structure, headerSize + p, "runs past sizeofcmds " + sizeofcmds);
            }
            int cmd = cmds.getInt(p);
            long cmdsize = Integer.toUnsignedLong(cmds.getInt(p + 4));
            if (cmdsize < 8 || cmdsize > cmds.limit() - p) {
                throw in.malformed(structure, headerSize + p, "cmdsize " + cmdsize + " is below 8 or runs past"
                        + " sizeofcmds " + sizeofcmds);
            }
            int size = (int) cmdsize;
            switch (cmd) {
                case LC_ID_DYLIB -> installName = lcString(in, cmds, p, size, 8, structure + " (LC_ID_DYLIB)",
                        headerSize);
                case LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB, LC_LAZY_LOAD_DYLIB, LC_LOAD_UPWARD_DYLIB ->
                        dylibs.add(new MachOSlice.Dylib(kind(cmd),
                                lcString(in, cmds, p, size, 8, structure + " (" + kind(cmd) + " dylib)", headerSize)));
                case LC_RPATH -> rpaths.add(lcString(in, cmds, p, size, 8, structure + " (LC_RPATH)", headerSize));
                case LC_BUILD_VERSION -> {
                    requireSize(in, structure + " (LC_BUILD_VERSION)", headerSize + p, size, 24);
                    if (cmds.getInt(p + 8) == PLATFORM_MACOS) {
                        minOs = version(cmds.getInt(p + 12));
                    }
                }
                case LC_VERSION_MIN_MACOSX -> {
                    requireSize(in, structure + " (LC_VERSION_MIN_MACOSX)", headerSize + p, size, 16);
                    minOs = version(cmds.getInt(p + 8));
                }
                default -> {
                    // not needed for loading decisions
                }
            }
            p += size;
        }
        return new MachOSlice(cpuType, cpuSubtype, bits, fileType, installName, dylibs, rpaths, minOs);
    }

    private static void requireSize(BinaryInput in, String structure, long at, int size, int needed)
            throws IOException {
        if (size < needed) {
            throw in.malformed(structure, at, "cmdsize " + size + " is smaller than the " + needed
                    + " bytes this command needs");
        }
    }

    /** Reads an {@code lc_str}: an offset, relative to the command, to a NUL-terminated string inside it. */
    private static String lcString(BinaryInput in, ByteBuffer cmds, int p, int size, int field, String structure,
                                   int headerSize) throws IOException {
        requireSize(in, structure, headerSize + p, size, field + 4);
        long offset = Integer.toUnsignedLong(cmds.getInt(p + field));
        if (offset < field + 4 || offset >= size) {
            throw in.malformed(structure, headerSize + p, "string offset " + offset + " is outside the command's "
                    + size + " bytes");
        }
        return in.string(headerSize + p + offset, headerSize + p + size, structure);
    }

    private static MachOSlice.LinkKind kind(int cmd) {
        return switch (cmd) {
            case LC_LOAD_WEAK_DYLIB -> MachOSlice.LinkKind.WEAK;
            case LC_REEXPORT_DYLIB -> MachOSlice.LinkKind.REEXPORT;
            case LC_LAZY_LOAD_DYLIB -> MachOSlice.LinkKind.LAZY;
            case LC_LOAD_UPWARD_DYLIB -> MachOSlice.LinkKind.UPWARD;
            default -> MachOSlice.LinkKind.LOAD;
        };
    }

    /** Decodes {@code xxxx.yy.zz} packed in nibbles, dropping a zero patch level: 0x000b0000 is {@code 11.0}. */
    static String version(int packed) {
        int major = packed >>> 16;
        int minor = (packed >>> 8) & 0xff;
        int patch = packed & 0xff;
        return major + "." + minor + (patch == 0 ? "" : "." + patch);
    }

    /**
     * @param slice a parsed slice
     * @return its facts in format-neutral terms
     */
    public static BinaryInfo info(MachOSlice slice) {
        return new BinaryInfo(BinaryFormat.MACH_O, architecture(slice.cpuType()), slice.installName(),
                slice.dylibs().stream().map(MachOSlice.Dylib::name).toList(), slice.rpaths(), Map.of(), null,
                slice.minimumOs());
    }

    /**
     * @param cpuType a Mach-O {@code cputype}
     * @return os-maven-plugin's name for that architecture, or {@code unknown}
     */
    public static String architecture(int cpuType) {
        return switch (cpuType) {
            case 7 -> "x86_32";
            case 0x01000007 -> "x86_64";
            case 12 -> "arm_32";
            case 0x0100000c -> "aarch_64";
            case 18 -> "ppc_32";
            case 0x01000012 -> "ppc_64";
            default -> "unknown";
        };
    }
}
