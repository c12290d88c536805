package dev.nativelib.plugin.packaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;

/**
 * One JAR entry made ready on a worker thread: its data as it goes into the archive, with the CRC-32 and sizes its
 * headers need. Deflated data stays in memory up to a limit and beyond it goes to a file (a 1 GB install prefix
 * must not be held in memory); a stored entry's data is its source file, read again when it is copied.
 */
final class CompressedEntry {

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

    /**
     * Deflates {@code source} as {@code java.util.zip.ZipOutputStream} would (default level, raw deflate, the input
     * handed over in the same pieces, no flush before the end), so the compressed bytes are the same as that
     * stream's.
     *
     * @param compressor a compressor no other thread uses meanwhile
     * @param spill      the file to move the compressed data to once it exceeds {@code maxMemory}; created only then
     * @param maxMemory  how many compressed bytes may be held in memory
     */
    static CompressedEntry deflate(Compressor compressor, ReproducibleJarWriter.Source source, Path spill,
            int maxMemory) throws IOException {
        Deflater deflater = compressor.deflater;
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
                    deflater.setInput(b, off, len);
                    while (!deflater.needsInput()) {
                        compressor.drain(sink);
                    }
                }
            });
            deflater.finish();
            while (!deflater.finished()) {
                compressor.drain(sink);
            }
            return new CompressedEntry(ZipEntry.DEFLATED, crc.getValue(), deflater.getBytesRead(),
                    deflater.getBytesWritten(), sink.memory(), sink.file());
        }
    }

    /**
     * A deflater and its output buffer, used for one entry after another (as {@code ZipOutputStream} reuses its
     * deflater): a JAR of many small headers would otherwise pay for a fresh zlib state and buffer per entry.
     */
    static final class Compressor implements AutoCloseable {

        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final byte[] buffer = new byte[1 << 16];

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

    long compressedSize() {
        return compressedSize;
    }

    /** The file the data is read from when it is not in memory: the spill file, or a stored entry's source. */
    Path file() {
        return file;
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
                throw new IOException(file + " changed while it was being packaged; package again once nothing"
                        + " writes to it");
            }
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

        byte[] memory() {
            return memory == null ? null : memory.toByteArray();
        }

        Path file() {
            return memory == null ? spill : null;
        }
    }
}
