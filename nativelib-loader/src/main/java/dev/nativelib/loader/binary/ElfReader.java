package dev.nativelib.loader.binary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the ELF header, the program headers, the dynamic section and the version-needs table: the only parts that
 * say what a shared library is called, what it needs, and where it looks. Section headers are not needed, so
 * stripped files read the same.
 */
public final class ElfReader {

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final long DT_NULL = 0;
    private static final long DT_STRTAB = 5;
    private static final long DT_STRSZ = 10;
    private static final long DT_VERNEED = 0x6ffffffeL;
    private static final long DT_VERNEEDNUM = 0x6fffffffL;
    private static final int MAX_VERNEED = 1 << 16;

    private ElfReader() {
    }

    /**
     * @param header the first bytes of a file
     * @return whether they start with the ELF magic number
     */
    public static boolean matches(byte[] header) {
        return header.length >= 4 && header[0] == 0x7f && header[1] == 'E' && header[2] == 'L' && header[3] == 'F';
    }

    /**
     * @param in the file
     * @return what it says about loading
     * @throws dev.nativelib.loader.binary.MalformedBinaryException if it is truncated or inconsistent
     * @throws IOException                                          if reading fails
     */
    public static ElfFile read(BinaryInput in) throws IOException {
        ByteBuffer ident = in.read(0, 16, "ELF identification");
        if (!matches(new byte[] {ident.get(0), ident.get(1), ident.get(2), ident.get(3)})) {
            throw in.malformed("ELF identification", 0, "no ELF magic number");
        }
        int bits = switch (ident.get(4)) {
            case 1 -> 32;
            case 2 -> 64;
            default -> throw in.malformed("ELF identification", 4, "EI_CLASS is " + ident.get(4)
                    + ", expected 1 (32-bit) or 2 (64-bit)");
        };
        ByteOrder order = switch (ident.get(5)) {
            case 1 -> ByteOrder.LITTLE_ENDIAN;
            case 2 -> ByteOrder.BIG_ENDIAN;
            default -> throw in.malformed("ELF identification", 5, "EI_DATA is " + ident.get(5)
                    + ", expected 1 (little-endian) or 2 (big-endian)");
        };
        in.order(order);
        boolean wide = bits == 64;
        ByteBuffer h = in.read(0, wide ? 64 : 52, "ELF header");
        int type = Short.toUnsignedInt(h.getShort(16));
        int machine = Short.toUnsignedInt(h.getShort(18));
        long phoff = wide ? h.getLong(32) : Integer.toUnsignedLong(h.getInt(28));
        int phentsize = Short.toUnsignedInt(h.getShort(wide ? 54 : 42));
        int phnum = Short.toUnsignedInt(h.getShort(wide ? 56 : 44));
        if (phnum == 0) {
            return new ElfFile(bits, order, type, machine, List.of(), Map.of());
        }
        int minEntry = wide ? 56 : 32;
        if (phentsize < minEntry) {
            throw in.malformed("ELF header", wide ? 54 : 42, "e_phentsize is " + phentsize + ", less than the "
                    + minEntry + " bytes of a program header");
        }
        if (phnum == 0xffff) {
            throw in.malformed("ELF header", wide ? 56 : 44, "e_phnum is PN_XNUM (65535 or more program headers),"
                    + " which no shared library needs");
        }
        ByteBuffer ph = in.read(phoff, (long) phentsize * phnum, "ELF program header table");
        List<long[]> loads = new ArrayList<>();
        long dynOffset = -1;
        long dynSize = 0;
        for (int i = 0; i < phnum; i++) {
            int p = i * phentsize;
            int pType = ph.getInt(p);
            long offset = wide ? ph.getLong(p + 8) : Integer.toUnsignedLong(ph.getInt(p + 4));
            long vaddr = wide ? ph.getLong(p + 16) : Integer.toUnsignedLong(ph.getInt(p + 8));
            long filesz = wide ? ph.getLong(p + 32) : Integer.toUnsignedLong(ph.getInt(p + 16));
            if (offset < 0 || filesz < 0) {
                throw in.malformed("ELF program header " + i, phoff + p, "offset or size does not fit in 63 bits");
            }
            if (pType == PT_LOAD) {
                loads.add(new long[] {vaddr, offset, filesz});
            } else if (pType == PT_DYNAMIC && dynOffset < 0) {
                dynOffset = offset;
                dynSize = filesz;
            }
        }
        if (dynOffset < 0) {
            return new ElfFile(bits, order, type, machine, List.of(), Map.of());
        }
        int entry = wide ? 16 : 8;
        ByteBuffer dyn = in.read(dynOffset, dynSize - dynSize % entry, "ELF dynamic section");
        List<long[]> stringTags = new ArrayList<>();
        long strtab = -1;
        long strsz = -1;
        long verneed = -1;
        long verneednum = 0;
        for (int p = 0; p + entry <= dyn.limit(); p += entry) {
            long tag = wide ? dyn.getLong(p) : dyn.getInt(p);
            long val = wide ? dyn.getLong(p + 8) : Integer.toUnsignedLong(dyn.getInt(p + 4));
            if (tag == DT_NULL) {
                break;
            }
            if (tag == ElfFile.DT_NEEDED || tag == ElfFile.DT_SONAME || tag == ElfFile.DT_RPATH
                    || tag == ElfFile.DT_RUNPATH) {
                stringTags.add(new long[] {tag, val, dynOffset + p});
            } else if (tag == DT_STRTAB) {
                strtab = val;
            } else if (tag == DT_STRSZ) {
                strsz = val;
            } else if (tag == DT_VERNEED) {
                verneed = val;
            } else if (tag == DT_VERNEEDNUM) {
                verneednum = val;
            }
        }
        if (stringTags.isEmpty() && verneed < 0) {
            return new ElfFile(bits, order, type, machine, List.of(), Map.of());
        }
        if (strtab < 0 || strsz < 0) {
            throw in.malformed("ELF dynamic section", dynOffset, "string entries present but DT_STRTAB or DT_STRSZ"
                    + " missing");
        }
        long strOffset = fileOffset(in, loads, strtab, "ELF dynamic section (DT_STRTAB)", dynOffset);
        if (strsz > in.size() - strOffset) {
            throw in.malformed("ELF dynamic string table", strOffset, "DT_STRSZ " + strsz + " runs past the end of"
                    + " the file (size " + in.size() + ")");
        }
        long strEnd = strOffset + strsz;
        List<ElfFile.DynamicString> strings = new ArrayList<>();
        for (long[] t : stringTags) {
            String structure = "ELF dynamic string (" + tagName(t[0]) + ")";
            if (t[1] >= strsz) {
                throw in.malformed(structure, t[2], "string offset " + t[1] + " is outside DT_STRSZ " + strsz);
            }
            byte[] raw = in.rawString(strOffset + t[1], strEnd, structure);
            strings.add(new ElfFile.DynamicString((int) t[0], new String(raw, StandardCharsets.UTF_8),
                    strOffset + t[1], raw.length));
        }
        Map<String, List<String>> versionNeeds = verneed < 0 ? Map.of()
                : readVerneed(in, fileOffset(in, loads, verneed, "ELF dynamic section (DT_VERNEED)", dynOffset),
                        verneednum, strOffset, strEnd);
        return new ElfFile(bits, order, type, machine, strings, versionNeeds);
    }

    private static Map<String, List<String>> readVerneed(BinaryInput in, long offset, long count, long strOffset,
                                                         long strEnd) throws IOException {
        if (count > MAX_VERNEED) {
            throw in.malformed("ELF version-needs table", offset, "DT_VERNEEDNUM " + count + " is implausibly large");
        }
        Map<String, List<String>> needs = new LinkedHashMap<>();
        long at = offset;
        int auxBudget = MAX_VERNEED;
        long nameBytes = 0;
        for (long i = 0; i < count; i++) {
            String structure = "ELF version-needs entry " + i;
            ByteBuffer vn = in.read(at, 16, structure);
            int version = Short.toUnsignedInt(vn.getShort(0));
            if (version != 1) {
                // glibc's loader refuses the library too ("unsupported version ... of Verneed record").
                throw in.malformed(structure, at, "vn_version is " + version + ", expected 1 (VER_NEED_CURRENT)");
            }
            int cnt = Short.toUnsignedInt(vn.getShort(2));
            long file = Integer.toUnsignedLong(vn.getInt(4));
            long aux = Integer.toUnsignedLong(vn.getInt(8));
            long next = Integer.toUnsignedLong(vn.getInt(12));
            String fileName = in.string(strOffset + file, strEnd, structure + " (vn_file)");
            List<String> names = new ArrayList<>();
            long auxAt = at + aux;
            for (int j = 0; j < cnt; j++) {
                String auxStructure = "ELF version-needs aux entry " + j + " of " + fileName;
                if (--auxBudget < 0) {
                    throw in.malformed(auxStructure, auxAt, "more than " + MAX_VERNEED + " version-needs aux entries"
                            + " in all");
                }
                ByteBuffer vna = in.read(auxAt, 16, auxStructure);
                long name = Integer.toUnsignedLong(vna.getInt(8));
                long auxNext = Integer.toUnsignedLong(vna.getInt(12));
                String versionName = in.string(strOffset + name, strEnd, auxStructure + " (vna_name)");
                nameBytes += versionName.length();
                if (nameBytes > 1 << 20) {
                    throw in.malformed(auxStructure, auxAt, "version names add up to more than 1 MiB");
                }
                names.add(versionName);
                if (auxNext == 0) {
                    break;
                }
                if (auxNext < 16) {
                    throw in.malformed(auxStructure, auxAt, "vna_next " + auxNext + " overlaps the 16-byte entry");
                }
                auxAt += auxNext;
            }
            needs.computeIfAbsent(fileName, k -> new ArrayList<>()).addAll(names);
            if (next == 0) {
                break;
            }
            if (next < 16) {
                throw in.malformed(structure, at, "vn_next " + next + " overlaps the 16-byte entry");
            }
            at += next;
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        needs.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }

    private static long fileOffset(BinaryInput in, List<long[]> loads, long vaddr, String structure, long at)
            throws IOException {
        for (long[] load : loads) {
            if (Long.compareUnsigned(vaddr, load[0]) >= 0 && Long.compareUnsigned(vaddr - load[0], load[2]) < 0) {
                return load[1] + (vaddr - load[0]);
            }
        }
        throw in.malformed(structure, at, "address 0x" + Long.toHexString(vaddr) + " lies in no PT_LOAD segment");
    }

    private static String tagName(long tag) {
        return switch ((int) tag) {
            case ElfFile.DT_NEEDED -> "DT_NEEDED";
            case ElfFile.DT_SONAME -> "DT_SONAME";
            case ElfFile.DT_RPATH -> "DT_RPATH";
            default -> "DT_RUNPATH";
        };
    }

    /**
     * @param elf a parsed file
     * @return its facts in format-neutral terms
     */
    public static BinaryInfo info(ElfFile elf) {
        List<String> runPaths = new ArrayList<>(elf.rpath());
        runPaths.addAll(elf.runpath());
        return new BinaryInfo(BinaryFormat.ELF, architecture(elf.machine(), elf.bits(), elf.order()), elf.soname(),
                elf.needed(), runPaths, elf.versionNeeds(), elf.minimumGlibc(), null);
    }

    /**
     * @param machine {@code e_machine}
     * @param bits    32 or 64
     * @param order   byte order
     * @return os-maven-plugin's name for that architecture, or {@code unknown}
     */
    public static String architecture(int machine, int bits, ByteOrder order) {
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        return switch (machine) {
            case 3 -> "x86_32";
            case 62 -> "x86_64";
            case 183 -> "aarch_64";
            case 40 -> "arm_32";
            case 20 -> little ? "ppcle_32" : "ppc_32";
            case 21 -> little ? "ppcle_64" : "ppc_64";
            case 22 -> bits == 64 ? "s390_64" : "s390_32";
            case 8 -> (little ? "mipsel_" : "mips_") + bits;
            case 243 -> bits == 64 ? "riscv64" : "riscv";
            case 258 -> "loongarch_64";
            case 2 -> "sparc_32";
            case 43 -> "sparc_64";
            case 50 -> "itanium_64";
            default -> "unknown";
        };
    }
}
