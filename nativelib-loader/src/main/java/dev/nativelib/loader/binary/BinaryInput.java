package dev.nativelib.loader.binary;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Bounds-checked, positioned reads from a binary file. Readers ask only for the headers and tables they need, so a
 * 1 GB library costs a few kilobytes of I/O; every request is checked against the file size and against
 * {@link #MAX_TABLE} before any memory is allocated, so hostile sizes give a {@link MalformedBinaryException} rather
 * than an out-of-memory error.
 */
public final class BinaryInput implements Closeable {

    /** The largest single structure or table a reader may request (16 MiB). */
    public static final int MAX_TABLE = 16 << 20;

    /** The longest string a reader accepts (64 KiB): far beyond any real SONAME, path or version name. */
    public static final int MAX_STRING = 64 << 10;

    private final SeekableByteChannel channel;
    private final String name;
    private final long base;
    private final long size;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    private BinaryInput(SeekableByteChannel channel, String name, long base, long size) {
        this.channel = channel;
        this.name = name;
        this.base = base;
        this.size = size;
    }

    /**
     * @param file a file
     * @return an input over the whole file
     * @throws IOException if it cannot be opened
     */
    public static BinaryInput open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new BinaryInput(channel, file.toString(), 0, channel.size());
    }

    /**
     * @param channel a channel; closed when this input is closed
     * @param name    the name to use in error messages
     * @return an input over the whole channel
     * @throws IOException if its size cannot be read
     */
    public static BinaryInput of(SeekableByteChannel channel, String name) throws IOException {
        return new BinaryInput(channel, name, 0, channel.size());
    }

    /**
     * A view of part of this input (a slice of a fat Mach-O file), sharing the channel. Offsets in the view start at
     * zero; messages report offsets within the whole file.
     *
     * @param offset    where the slice starts
     * @param length    how long it is
     * @param structure what the slice is, for error messages
     * @return the view
     * @throws MalformedBinaryException if the slice does not lie within this input
     */
    public BinaryInput slice(long offset, long length, String structure) throws MalformedBinaryException {
        check(offset, length, structure);
        return new BinaryInput(channel, name, base + offset, length);
    }

    /** @return the file name used in messages */
    public String name() {
        return name;
    }

    /** @return the size of this input in bytes */
    public long size() {
        return size;
    }

    /** @param order byte order for subsequent reads */
    public void order(ByteOrder order) {
        this.order = order;
    }

    /** @return the byte order reads currently use */
    public ByteOrder order() {
        return order;
    }

    /**
     * Reads {@code length} bytes at {@code offset} in the current byte order.
     *
     * @param offset    where to read
     * @param length    how many bytes
     * @param structure what is being read, for error messages
     * @return a buffer positioned at 0 holding exactly those bytes
     * @throws MalformedBinaryException if the range is outside the file or larger than {@link #MAX_TABLE}
     * @throws IOException              if reading fails
     */
    public ByteBuffer read(long offset, long length, String structure) throws IOException {
        check(offset, length, structure);
        if (length > MAX_TABLE) {
            throw malformed(structure, offset, "size " + length + " exceeds the " + MAX_TABLE + "-byte limit for one"
                    + " table");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) length);
        long position = base + offset;
        while (buffer.hasRemaining()) {
            channel.position(position + buffer.position());
            if (channel.read(buffer) < 0) {
                throw malformed(structure, offset, "file ends early");
            }
        }
        return buffer.flip().order(order);
    }

    /**
     * Reads a NUL-terminated string that must end before {@code limit}.
     *
     * @param offset    where the string starts
     * @param limit     offset the string's NUL must come before (end of its table)
     * @param structure what is being read
     * @return the string, decoded as UTF-8
     * @throws MalformedBinaryException if the string is unterminated or outside the file
     * @throws IOException              if reading fails
     */
    public String string(long offset, long limit, String structure) throws IOException {
        return new String(rawString(offset, limit, structure), StandardCharsets.UTF_8);
    }

    /**
     * Reads the bytes of a NUL-terminated string that must end before {@code limit}, in chunks, so a long string
     * (a padded build prefix) reads fine and a missing terminator costs at most {@link #MAX_STRING} bytes.
     *
     * @param offset    where the string starts
     * @param limit     offset the string's NUL must come before (end of its table)
     * @param structure what is being read
     * @return the string's bytes, without the NUL
     * @throws MalformedBinaryException if the string is unterminated or outside the file
     * @throws IOException              if reading fails
     */
    public byte[] rawString(long offset, long limit, String structure) throws IOException {
        if (offset < 0 || offset >= limit || limit > size) {
            throw malformed(structure, offset, "string offset outside its table (which ends at 0x"
                    + Long.toHexString(limit) + ")");
        }
        long max = Math.min(limit - offset, MAX_STRING);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (long at = offset; at < offset + max; at += 4096) {
            ByteBuffer chunk = read(at, Math.min(4096, offset + max - at), structure);
            for (int i = 0; i < chunk.limit(); i++) {
                if (chunk.get(i) == 0) {
                    out.write(chunk.array(), 0, i);
                    return out.toByteArray();
                }
            }
            out.write(chunk.array(), 0, chunk.limit());
        }
        throw malformed(structure, offset, "string is not NUL-terminated within " + max + " bytes");
    }

    /**
     * @param structure what was being read
     * @param offset    where
     * @param problem   what is wrong
     * @return an exception naming the file, the structure and the absolute offset
     */
    public MalformedBinaryException malformed(String structure, long offset, String problem) {
        return new MalformedBinaryException(name, structure, base + offset, problem);
    }

    private void check(long offset, long length, String structure) throws MalformedBinaryException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw malformed(structure, offset, "needs " + length + " bytes but the file has "
                    + Math.max(0, size - Math.max(0, offset)) + " left (size " + size + ")");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
