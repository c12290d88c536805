package dev.nativelib.plugin.packaging;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Writes a JAR whose bytes depend only on its entries: entries sorted by name, parent directories added, one fixed
 * timestamp (written as a local date-time so the build machine's time zone cannot change it), no extra fields. The
 * file appears under its final name only once it is complete.
 *
 * <p>Entries, and large files in {@link #CHUNK}s, are compressed on a pool of threads, each into its own buffer (or,
 * beyond {@link #DEFAULT_MAX_MEMORY}, a file beside the JAR), and copied into the JAR one after the other in the fixed
 * order; so the bytes are the same whatever the number of threads and whichever finishes first. Only a few parts are
 * compressed ahead of the one being copied, which bounds both memory and the temporary files. The records around
 * the data are those {@code java.util.zip.ZipOutputStream} writes (see {@link ZipRecords}), and entries up to
 * {@link #CHUNK} are compressed as it compresses them, byte for byte.
 */
final class ReproducibleJarWriter {

    /** Compressed data beyond this size goes to a temporary file instead of memory. */
    static final int DEFAULT_MAX_MEMORY = 1 << 20;

    /**
     * Files larger than this are compressed in pieces of this size on several threads at once. Each piece is primed
     * with the 32 KiB of the file before it (the deflate window) and ends on a byte boundary, so the pieces join
     * into one deflate stream that compresses about as well as a single one; the pieces depend on the file alone,
     * never on the threads. Smaller entries are compressed exactly as {@code ZipOutputStream} compresses them.
     */
    static final long CHUNK = 4 << 20;

    private static final String META_INF = "META-INF/";
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private final Map<String, Source> entries = new TreeMap<>();
    private final Map<String, Path> stored = new HashMap<>();
    /** The file each entry comes from, for error messages. */
    private final Map<String, Path> files = new HashMap<>();
    /** Entries that are a file copied as it is, which can be read in pieces. */
    private final Map<String, Path> plainFiles = new HashMap<>();
    private final LocalDateTime time;
    private final int maxMemory;

    ReproducibleJarWriter(Instant timestamp) {
        this(timestamp, DEFAULT_MAX_MEMORY);
    }

    ReproducibleJarWriter(Instant timestamp, int maxMemory) {
        this.time = LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC);
        this.maxMemory = maxMemory;
    }

    void add(String name, byte[] content) {
        put(name, out -> out.write(content));
    }

    void add(String name, Path file) {
        put(name, out -> Files.copy(file, out));
        files.put(name, file);
        plainFiles.put(name, file);
    }

    /** Adds a file without compression (method STORED), which makes its extraction a plain copy. */
    void addStored(String name, Path file) {
        add(name, file);
        stored.put(name, file);
    }

    /** Adds an entry whose data {@code source} writes; {@code file} names it in errors. */
    void add(String name, Path file, Source source) {
        put(name, source);
        files.put(name, file);
    }

    private void put(String name, Source source) {
        if (entries.putIfAbsent(name, source) != null) {
            throw new IllegalArgumentException("duplicate JAR entry " + name);
        }
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            entries.putIfAbsent(name.substring(0, slash + 1), null);
        }
    }

    /** Writes the JAR, compressing on as many threads as there are processors. */
    void write(Path jar) throws IOException {
        write(jar, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param jar     the file to write; replaced only once the new one is complete
     * @param threads how many entries to compress at once; 1 compresses on the calling thread
     * @throws IOException if a source cannot be read (the message names it) or the JAR cannot be written
     */
    void write(Path jar, int threads) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        Path tmp = ArtifactFiles.temporarySibling(jar);
        // Compressed data too large for memory waits here, on the JAR's file system, until its turn to be copied.
        Path spill = tmp.resolveSibling(tmp.getFileName() + ".parts");
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, new Workers());
        Compressors compressors = new Compressors();
        try {
            Files.createDirectory(spill);
            List<Part> parts = plan(order(), spill, compressors);
            try (OutputStream file = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE); Counting out = new Counting(new BufferedOutputStream(file, 1 << 16))) {
                // Enough parts ahead to keep every thread busy while one is copied; each holds at most maxMemory.
                writeEntries(out, parts, pool, 2 * threads + 2);
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (Throwable failure) {
            try {
                cleanUp(pool, compressors, spill, tmp);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
        cleanUp(pool, compressors, spill, tmp);
    }

    /** Nothing of a write stays behind, whether it succeeded or not: no worker, no spilled data, no partial JAR. */
    private static void cleanUp(ExecutorService pool, Compressors compressors, Path spill, Path tmp)
            throws IOException {
        if (pool != null) {
            stop(pool);
        }
        // Only now that no worker runs can their native zlib memory be freed.
        compressors.close();
        deleteTree(spill);
        Files.deleteIfExists(tmp);
    }

    /**
     * Deflaters for the workers, reused from one part to the next (as {@code ZipOutputStream} reuses its one): a JAR
     * of many small headers would otherwise pay for a fresh zlib state per entry. At most one per thread exists,
     * since a part takes an idle one and makes one only when all are busy.
     */
    private static final class Compressors {

        private final Queue<CompressedEntry.Compressor> idle = new ConcurrentLinkedQueue<>();
        private final Queue<CompressedEntry.Compressor> created = new ConcurrentLinkedQueue<>();

        CompressedEntry deflate(Source source, Path spill, int maxMemory) throws IOException {
            CompressedEntry.Compressor c = borrow();
            try {
                return c.deflate(source, spill, maxMemory);
            } finally {
                idle.add(c);
            }
        }

        CompressedEntry deflateChunk(Path file, long offset, long length, boolean last, Path spill, int maxMemory)
                throws IOException {
            CompressedEntry.Compressor c = borrow();
            try {
                return c.deflateChunk(file, offset, length, last, spill, maxMemory);
            } finally {
                idle.add(c);
            }
        }

        private CompressedEntry.Compressor borrow() {
            CompressedEntry.Compressor c = idle.poll();
            if (c == null) {
                c = new CompressedEntry.Compressor();
                created.add(c);
            }
            return c;
        }

        void close() {
            created.forEach(CompressedEntry.Compressor::close);
        }
    }

    /** The manifest goes first, as java.util.jar.JarInputStream expects; then the rest by name. */
    private List<String> order() {
        List<String> names = new ArrayList<>();
        names.add(META_INF);
        if (entries.get(MANIFEST) != null) {
            names.add(MANIFEST);
        }
        for (Map.Entry<String, Source> e : entries.entrySet()) {
            String name = e.getKey();
            if (!name.equals(META_INF) && !name.equals(MANIFEST) && (e.getValue() != null || name.endsWith("/"))) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * One unit of work: a whole entry, or for a large file, its CRC-32 and then each {@link #CHUNK} of it, so that one
     * large library keeps every thread busy rather than one.
     */
    private record Part(String entry, int count, Callable<CompressedEntry> work) {
    }

    /** The parts of every entry, in the order they go into the JAR. */
    private List<Part> plan(List<String> names, Path spillDirectory, Compressors compressors) throws IOException {
        List<Part> parts = new ArrayList<>();
        for (String name : names) {
            Path file = plainFiles.get(name);
            Path storedFile = stored.get(name);
            long size = 0;
            if (file != null && storedFile == null) {
                try {
                    size = Files.size(file);
                } catch (IOException e) {
                    throw cannotRead(file, name, e);
                }
            }
            if (size <= CHUNK) {
                Source source = entries.get(name);
                Path spill = spillDirectory.resolve(parts.size() + ".deflated");
                parts.add(new Part(name, 1, storedFile != null ? () -> CompressedEntry.stored(storedFile)
                        : () -> compressors.deflate(source == null ? out -> { } : source, spill, maxMemory)));
                continue;
            }
            long chunks = (size + CHUNK - 1) / CHUNK;
            // The first part reads the whole file for its CRC-32, which is fast next to compressing it.
            parts.add(new Part(name, (int) chunks + 1, () -> CompressedEntry.stored(file)));
            for (long i = 0; i < chunks; i++) {
                long offset = i * CHUNK;
                long length = Math.min(CHUNK, size - offset);
                boolean last = i == chunks - 1;
                Path spill = spillDirectory.resolve(parts.size() + ".deflated");
                parts.add(new Part(name, 0,
                        () -> compressors.deflateChunk(file, offset, length, last, spill, maxMemory)));
            }
        }
        return parts;
    }

    private void writeEntries(Counting out, List<Part> parts, ExecutorService pool, int ahead) throws IOException {
        int dosTime = ZipRecords.dosTime(time);
        List<ZipRecords.Entry> written = new ArrayList<>();
        Pipeline pipeline = new Pipeline(parts, pool, ahead);
        for (int taken = 0; taken < parts.size(); taken += parts.get(taken).count()) {
            Part part = parts.get(taken);
            String name = part.entry();
            long offset = out.count;
            ZipRecords.Entry header;
            if (part.count() == 1) {
                CompressedEntry data = pipeline.take();
                header = data.header(name, offset);
                out.write(ZipRecords.localHeader(header, dosTime));
                data.copyTo(out);
                data.delete();
            } else {
                CompressedEntry whole = pipeline.take();
                // Deflated, so the sizes and CRC-32 follow the data and the header can go first.
                out.write(ZipRecords.localHeader(new ZipRecords.Entry(name, ZipEntry.DEFLATED, 0, 0, 0, offset),
                        dosTime));
                long size = 0;
                long compressed = 0;
                for (int i = 1; i < part.count(); i++) {
                    // Copied as they come, so that only the few chunks compressed ahead wait on disk.
                    CompressedEntry chunk = pipeline.take();
                    chunk.copyTo(out);
                    chunk.delete();
                    size += chunk.size();
                    compressed += chunk.compressedSize();
                }
                if (size != whole.size()) {
                    throw changed(plainFiles.get(name));
                }
                header = new ZipRecords.Entry(name, ZipEntry.DEFLATED, whole.crc(), size, compressed, offset);
            }
            if (header.method() == ZipEntry.DEFLATED) {
                out.write(ZipRecords.dataDescriptor(header));
            }
            written.add(header);
        }
        long directory = out.count;
        for (ZipRecords.Entry header : written) {
            out.write(ZipRecords.centralHeader(header, dosTime));
        }
        out.write(ZipRecords.end(written.size(), directory, out.count - directory));
    }

    /** Hands the parts to the workers a few ahead of the one being copied, and gives back their results in order. */
    private final class Pipeline {

        private final List<Part> parts;
        private final ExecutorService pool;
        private final int ahead;
        private final Deque<FutureTask<CompressedEntry>> pending = new ArrayDeque<>();
        private int next;

        Pipeline(List<Part> parts, ExecutorService pool, int ahead) {
            this.parts = parts;
            this.pool = pool;
            this.ahead = ahead;
        }

        CompressedEntry take() throws IOException {
            while (next < parts.size() && pending.size() < ahead) {
                FutureTask<CompressedEntry> task = task(parts.get(next++));
                pending.add(task);
                if (pool == null) {
                    task.run();
                } else {
                    pool.execute(task);
                }
            }
            return result(pending.remove());
        }
    }

    static IOException changed(Path file) {
        return new IOException(file + " changed while it was being packaged; package again once nothing writes to"
                + " it");
    }

    private FutureTask<CompressedEntry> task(Part part) {
        String name = part.entry();
        Path file = files.get(name);
        return new FutureTask<>(() -> {
            try {
                return part.work().call();
            } catch (CompressedEntry.SpillException e) {
                throw e;
            } catch (IOException e) {
                throw file == null ? e : cannotRead(file, name, e);
            }
        });
    }

    private static IOException cannotRead(Path file, String name, IOException e) {
        return new IOException("Cannot read " + file + " (JAR entry " + name + "): " + reason(e), e);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }

    private static CompressedEntry result(FutureTask<CompressedEntry> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the JAR");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * Stops the workers and waits for them, so that none writes a spill file after the directory is deleted. An
     * interrupted worker stops reading at once (file channels are interruptible).
     */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Writes an entry's uncompressed bytes. */
    @FunctionalInterface
    interface Source {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Counts what is written, for the offsets of the central directory. */
    private static final class Counting extends FilterOutputStream {

        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Daemon threads with a name that says what they do in a thread dump. */
    private static final class Workers implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "nativelib-jar-deflate-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
