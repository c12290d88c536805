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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Writes a JAR whose bytes depend only on its entries: entries sorted by name, parent directories added, one fixed
 * timestamp (written as a local date-time so the build machine's time zone cannot change it), no extra fields. The
 * file appears under its final name only once it is complete.
 *
 * <p>Entries are compressed on a pool of threads, each into its own buffer (or, when large, a file beside the JAR),
 * and copied into the JAR one after the other in the fixed order; so the bytes are the same whatever the number of
 * threads and whichever finishes first. Only a few entries are compressed ahead of the one being copied, which bounds
 * both memory and the temporary files.
 */
final class ReproducibleJarWriter {

    /** Compressed data beyond this size goes to a temporary file instead of memory. */
    static final int DEFAULT_MAX_MEMORY = 1 << 20;

    private static final String META_INF = "META-INF/";
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private final Map<String, Source> entries = new TreeMap<>();
    private final Map<String, Path> stored = new HashMap<>();
    private final Map<String, Path> files = new HashMap<>();
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
        // Large compressed entries wait here, on the JAR's file system, until their turn to be copied.
        Path parts = tmp.resolveSibling(tmp.getFileName() + ".parts");
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, new Workers());
        // At most one compressor per thread: a task takes an idle one, or makes one if all are busy.
        Queue<CompressedEntry.Compressor> idle = new ConcurrentLinkedQueue<>();
        Queue<CompressedEntry.Compressor> created = new ConcurrentLinkedQueue<>();
        try {
            Files.createDirectory(parts);
            try (OutputStream file = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE); Counting out = new Counting(new BufferedOutputStream(file, 1 << 16))) {
                writeEntries(out, order(), pool, Math.max(4, 4 * threads), parts, idle, created);
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (Throwable failure) {
            try {
                cleanUp(pool, created, parts, tmp);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
        cleanUp(pool, created, parts, tmp);
    }

    /** Nothing of a write stays behind, whether it succeeded or not: no worker, no spilled data, no partial JAR. */
    private static void cleanUp(ExecutorService pool, Queue<CompressedEntry.Compressor> compressors, Path parts,
            Path tmp) throws IOException {
        if (pool != null) {
            stop(pool);
        }
        // Only now that no worker runs can their native zlib memory be freed.
        compressors.forEach(CompressedEntry.Compressor::close);
        deleteTree(parts);
        Files.deleteIfExists(tmp);
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

    private void writeEntries(Counting out, List<String> names, ExecutorService pool, int ahead, Path parts,
            Queue<CompressedEntry.Compressor> idle, Queue<CompressedEntry.Compressor> created) throws IOException {
        int dosTime = ZipRecords.dosTime(time);
        List<ZipRecords.Entry> written = new ArrayList<>();
        Deque<FutureTask<CompressedEntry>> pending = new ArrayDeque<>();
        int next = 0;
        for (String name : names) {
            while (next < names.size() && pending.size() < ahead) {
                FutureTask<CompressedEntry> task = task(names.get(next), parts.resolve(next + ".deflated"), idle,
                        created);
                pending.add(task);
                if (pool == null) {
                    task.run();
                } else {
                    pool.execute(task);
                }
                next++;
            }
            CompressedEntry data = result(pending.remove());
            ZipRecords.Entry header = data.header(name, out.count);
            out.write(ZipRecords.localHeader(header, dosTime));
            data.copyTo(out);
            if (data.method() == java.util.zip.ZipEntry.DEFLATED) {
                out.write(ZipRecords.dataDescriptor(header));
                // A spilled entry's file is no longer needed once it is in the JAR.
                if (data.file() != null) {
                    Files.delete(data.file());
                }
            }
            written.add(header);
        }
        long directory = out.count;
        for (ZipRecords.Entry header : written) {
            out.write(ZipRecords.centralHeader(header, dosTime));
        }
        out.write(ZipRecords.end(written.size(), directory, out.count - directory));
    }

    private FutureTask<CompressedEntry> task(String name, Path spill, Queue<CompressedEntry.Compressor> idle,
            Queue<CompressedEntry.Compressor> created) {
        Source source = entries.get(name);
        Path file = files.get(name);
        Path storedFile = stored.get(name);
        return new FutureTask<>(() -> {
            try {
                if (storedFile != null) {
                    return CompressedEntry.stored(storedFile);
                }
                CompressedEntry.Compressor compressor = idle.poll();
                if (compressor == null) {
                    compressor = new CompressedEntry.Compressor();
                    created.add(compressor);
                }
                try {
                    return CompressedEntry.deflate(compressor, source == null ? out -> { } : source, spill,
                            maxMemory);
                } finally {
                    idle.add(compressor);
                }
            } catch (CompressedEntry.SpillException e) {
                throw e;
            } catch (IOException e) {
                if (file == null) {
                    throw e;
                }
                throw new IOException("Cannot read " + file + " (JAR entry " + name + "): " + reason(e), e);
            }
        });
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
