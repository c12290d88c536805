package dev.nativelib.loader.binary;

import java.util.List;

/**
 * One architecture's image in a Mach-O file (the only one, for a thin file).
 *
 * @param cpuType     {@code cputype}, e.g. {@code 0x0100000c} for arm64
 * @param cpuSubtype  {@code cpusubtype}
 * @param bits        32 or 64
 * @param fileType    {@code filetype}: 6 is {@code MH_DYLIB}, 8 {@code MH_BUNDLE}
 * @param installName the {@code LC_ID_DYLIB} name, or {@code null}
 * @param dylibs      the libraries it links, from {@code LC_LOAD_DYLIB} and its weak, re-export, lazy and upward
 *                    variants, in file order
 * @param rpaths      {@code LC_RPATH} entries in file order
 * @param minimumOs   minimum macOS version from {@code LC_BUILD_VERSION} or {@code LC_VERSION_MIN_MACOSX}, e.g.
 *                    {@code 11.0}; {@code null} if neither is present
 */
public record MachOSlice(int cpuType, int cpuSubtype, int bits, int fileType, String installName,
                         List<Dylib> dylibs, List<String> rpaths, String minimumOs) {

    /**
     * Copies the lists.
     *
     * @param cpuType     {@code cputype}
     * @param cpuSubtype  {@code cpusubtype}
     * @param bits        32 or 64
     * @param fileType    {@code filetype}
     * @param installName the {@code LC_ID_DYLIB} name, or {@code null}
     * @param dylibs      the libraries it links, in file order
     * @param rpaths      {@code LC_RPATH} entries in file order
     * @param minimumOs   minimum macOS version, or {@code null}
     */
    public MachOSlice {
        dylibs = List.copyOf(dylibs);
        rpaths = List.copyOf(rpaths);
    }

    /** How a library is linked. */
    public enum LinkKind {
        /** {@code LC_LOAD_DYLIB}. */
        LOAD,
        /** {@code LC_LOAD_WEAK_DYLIB}: missing at run time is not an error. */
        WEAK,
        /** {@code LC_REEXPORT_DYLIB}. */
        REEXPORT,
        /** {@code LC_LAZY_LOAD_DYLIB}. */
        LAZY,
        /** {@code LC_LOAD_UPWARD_DYLIB}. */
        UPWARD
    }

    /**
     * A linked library.
     *
     * @param kind how it is linked
     * @param name its install name as recorded, e.g. {@code @rpath/libfoo.1.dylib}
     */
    public record Dylib(LinkKind kind, String name) {
    }
}
