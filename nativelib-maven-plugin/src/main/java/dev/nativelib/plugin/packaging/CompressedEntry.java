package dev.nativelib.plugin.packaging;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;

/**
 * A JAR entry, or a piece of one, made ready on a worker thread: its data as it goes into the archive, with the
 * CRC-32 and sizes its headers need. Deflated data stays in memory up to a limit and beyond it goes to a file (a 1 GB
 * install prefix must not be held in memory); a stored entry's data is its source file, read again when it is copied.
 */
final class CompressedEntry {

    /** What deflate can refer back to: the piece of a file before a chunk primes the chunk's compressor. */
    private static final int WINDOW = 32 << 10;
    /** Input is handed to the deflater in pieces of this size, as {@code Files.copy} handed it before. */
    private static final int INPUT = 8192;

    private final int method;
    private final long crc;
    private final long size;
    private final long compressedSize;
    private final byte[] inMemory;
    private final Path file;

    private CompressedEntry(int method, long crc, long size, long compressedSize, byte[] inMemory, Path file) {
        this.method = method;
        this.crc = crc;
        this.size = size;
        this.compressedSize = compressedSize;
        this.inMemory = inMemory;
        this.file = file;
    }

    /** A file to store as it is: only its CRC-32 and size are computed here, as the local header needs them. */
    static CompressedEntry stored(Path file) throws IOException {
        CRC32 crc = new CRC32();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                crc.update(buffer, 0, n);
            }
        }
        return new CompressedEntry(ZipEntry.STORED, crc.getValue(), size, size, null, file);
    }

    ZipRecords.Entry header(String name, long offset) {
        return new ZipRecords.Entry(name, method, crc, size, compressedSize, offset);
    }

    int method() {
        return method;
    }

    long crc() {
        return crc;
    }

    /** How many uncompressed bytes this covers. */
    long size() {
        return size;
    }

    long compressedSize() {
        return compressedSize;
    }

    /**
     * Copies the data into the archive.
     *
     * @throws IOException if it cannot be read, or a stored entry's source changed after its CRC was computed (the
     *                     headers would not match the data)
     */
    void copyTo(OutputStream out) throws IOException {
        if (inMemory != null) {
            out.write(inMemory);
        } else if (method == ZipEntry.DEFLATED) {
            Files.copy(file, out);
        } else {
            CRC32 check = new CRC32();
            long copied = Files.copy(file, new CheckedOutputStream(out, check));
            if (copied != size || check.getValue() != crc) {
                throw ReproducibleJarWriter.changed(file);
            }
        }
    }

    /** Deletes the compressed data's temporary file, if it has one; a stored entry's source stays. */
    void delete() throws IOException {
        if (method == ZipEntry.DEFLATED && file != null) {
            Files.delete(file);
        }
    }

    /**
     * A deflater and its output buffer, used for one entry after another by one thread at a time (as
     * {@code ZipOutputStream} reuses its deflater).
     */
    static final class Compressor implements AutoCloseable {

        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final byte[] buffer = new byte[1 << 16];

        /**
         * Deflates {@code source} as {@code java.util.zip.ZipOutputStream} would (default level, raw deflate, the
         * input handed over in the same pieces, no flush before the end), so the bytes are the same as that stream's.
         *
         * @param spill     the file to move the compressed data to once it exceeds {@code maxMemory}; created only
         *                  then
         * @param maxMemory how many compressed bytes may be held in memory
         */
        CompressedEntry deflate(ReproducibleJarWriter.Source source, Path spill, int maxMemory) throws IOException {
            deflater.reset();
            CRC32 crc = new CRC32();
            try (SpillingOutputStream sink = new SpillingOutputStream(spill, maxMemory)) {
                source.writeTo(new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        crc.update(b, off, len);
                        feed(b, off, len, sink);
                    }
                });
                finish(sink);
                return new CompressedEntry(ZipEntry.DEFLATED, crc.getValue(), deflater.getBytesRead(),
                        sink.count(), sink.memory(), sink.file());
            }
        }

        /**
         * Deflates {@code length} bytes of {@code file} from {@code offset}, primed with the bytes before them so that
         * it compresses as if it continued the previous chunk. A chunk that is not the last ends with a sync flush
         * (an empty stored block, on a byte boundary), after which the next chunk's blocks follow as they are.
         */
        CompressedEntry deflateChunk(Path file, long offset, long length, boolean last, Path spill, int maxMemory)
                throws IOException {
            deflater.reset();
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                    SpillingOutputStream sink = new SpillingOutputStream(spill, maxMemory)) {
                if (offset > 0) {
                    int primer = (int) Math.min(WINDOW, offset);
                    ByteBuffer dictionary = ByteBuffer.allocate(primer);
                    readFully(in, dictionary, offset - primer);
                    deflater.setDictionary(dictionary.array());
                }
                ByteBuffer piece = ByteBuffer.allocate(INPUT);
                for (long done = 0; done < length; ) {
                    piece.clear().limit((int) Math.min(INPUT, length - done));
                    readFully(in, piece, offset + done);
                    feed(piece.array(), 0, piece.limit(), sink);
                    done += piece.limit();
                }
                if (last) {
                    finish(sink);
                } else {
                    int n;
                    do {
                        n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                        sink.write(buffer, 0, n);
                    } while (n == buffer.length);
                }
                return new CompressedEntry(ZipEntry.DEFLATED, 0, length, sink.count(), sink.memory(), sink.file());
            }
        }

        private static void readFully(FileChannel in, ByteBuffer into, long position) throws IOException {
            while (into.hasRemaining()) {
                if (in.read(into, position + into.position()) < 0) {
                    throw new EOFException("the file ended early; it changed while it was being packaged");
                }
            }
        }

        private void feed(byte[] b, int off, int len, OutputStream sink) throws IOException {
            deflater.setInput(b, off, len);
            while (!deflater.needsInput()) {
                drain(sink);
            }
        }

        private void finish(OutputStream sink) throws IOException {
            deflater.finish();
            while (!deflater.finished()) {
                drain(sink);
            }
        }

        private void drain(OutputStream sink) throws IOException {
            int n = deflater.deflate(buffer, 0, buffer.length);
            if (n > 0) {
                sink.write(buffer, 0, n);
            }
        }

        @Override
        public void close() {
            deflater.end();
        }
    }

    /** A compressed entry could not be written to its temporary file. */
    static final class SpillException extends IOException {

        private static final long serialVersionUID = 1L;

        SpillException(Path spill, IOException cause) {
            super("Cannot write the temporary file " + spill + ": " + cause.getMessage()
                    + " (large JAR entries are compressed to files beside the JAR; check the free space there)",
                    cause);
        }
    }

    /** Keeps what is written in memory until {@code maxMemory} bytes, then moves it all to a file. */
    private static final class SpillingOutputStream extends OutputStream {

        private final Path spill;
        private final int maxMemory;
        private ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private OutputStream file;
        private long count;

        SpillingOutputStream(Path spill, int maxMemory) {
            this.spill = spill;
            this.maxMemory = maxMemory;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                if (file == null && memory.size() + len > maxMemory) {
                    file = Files.newOutputStream(spill, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    memory.writeTo(file);
                    memory = null;
                }
                if (file != null) {
                    file.write(b, off, len);
                } else {
                    memory.write(b, off, len);
                }
                count += len;
            } catch (IOException e) {
                throw new SpillException(spill, e);
            }
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    throw new SpillException(spill, e);
                }
            }
        }

        long count() {
            return count;
        }

        byte[] memory() {
            return memory == null ? null : memory.toByteArray();
        }

        Path file() {
            return memory == null ? spill : null;
        }
    }
}
