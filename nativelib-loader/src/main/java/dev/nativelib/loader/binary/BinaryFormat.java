package dev.nativelib.loader.binary;

/** The binary formats nativelib reads. */
public enum BinaryFormat {
    /** ELF: Linux and other Unix systems. */
    ELF,
    /** Mach-O, thin or one slice of a fat file: macOS. */
    MACH_O,
    /** PE/COFF: Windows. */
    PE
}
