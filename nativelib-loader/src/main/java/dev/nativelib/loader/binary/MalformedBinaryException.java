package dev.nativelib.loader.binary;

import java.io.IOException;

/**
 * A binary that is truncated or inconsistent. The message names the file, the structure being read, and the byte
 * offset where reading went wrong, so that the report can be checked with a hex dump.
 */
public class MalformedBinaryException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file being read. */
    private final String file;
    /** The structure being read when the problem was found. */
    private final String structure;
    /** Byte offset of that structure in the file. */
    private final long offset;

    /**
     * @param file      the file being read
     * @param structure the structure being read, e.g. {@code ELF program header 3}
     * @param offset    byte offset of that structure in the file
     * @param problem   what is wrong with it
     */
    public MalformedBinaryException(String file, String structure, long offset, String problem) {
        super(file + ": malformed " + structure + " at offset 0x" + Long.toHexString(offset) + ": " + problem);
        this.file = file;
        this.structure = structure;
        this.offset = offset;
    }

    /** @return the file being read */
    public String file() {
        return file;
    }

    /** @return the structure being read */
    public String structure() {
        return structure;
    }

    /** @return byte offset of the structure in the file */
    public long offset() {
        return offset;
    }
}
