package dev.nativelib.plugin.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleJarWriterTest {

    /** Odd seconds and milliseconds: both are cut by the two-second DOS time, the same way in every writer. */
    private static final Instant TIME = Instant.parse("2026-03-04T05:06:07.891Z");

    @TempDir
    Path tmp;

    /** What a package holds, in small: text, empty, compressible beyond the spill size, random, stored, non-ASCII. */
    private Map<String, Path> files() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Map<String, Path> files = new TreeMap<>();
        files.put("root/include/foo.h", Files.writeString(dir.resolve("foo.h"), "int foo(void);\n"));
        files.put("root/include/empty.h", Files.write(dir.resolve("empty.h"), new byte[0]));
        Random random = new Random(42);
        byte[] text = new byte[3 << 20];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + random.nextInt(16));
        }
        files.put("root/lib/libbig.so", Files.write(dir.resolve("libbig.so"), text));
        byte[] noise = new byte[1 << 20];
        random.nextBytes(noise);
        files.put("root/lib/libnoise.so", Files.write(dir.resolve("libnoise.so"), noise));
        files.put("root/share/d\u00e9j\u00e0-vu.txt", Files.writeString(dir.resolve("deja"), "\u00e9\n"));
        return files;
    }

    private static final byte[] MANIFEST = "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DESCRIPTOR = "name=foo\n".getBytes(StandardCharsets.UTF_8);

    private Path write(Path jar, Map<String, Path> files, String storedName, int threads, int maxMemory)
            throws IOException {
        ReproducibleJarWriter writer = new ReproducibleJarWriter(TIME, maxMemory);
        writer.add("META-INF/MANIFEST.MF", MANIFEST);
        writer.add("root/nativelib.properties", DESCRIPTOR);
        files.forEach((name, file) -> {
            if (name.equals(storedName)) {
                writer.addStored(name, file);
            } else {
                writer.add(name, file);
            }
        });
        writer.write(jar, threads);
        return jar;
    }

    /**
     * The JAR as nativelib wrote it before entries were compressed in parallel: one {@link ZipOutputStream}, the
     * manifest first, then every entry and parent directory sorted by name, stored entries announced with their CRC.
     */
    private Path referenceOfFiles(Path jar, Map<String, Path> files, String storedName) throws IOException {
        Map<String, byte[]> content = new TreeMap<>();
        content.put("META-INF/MANIFEST.MF", MANIFEST);
        content.put("root/nativelib.properties", DESCRIPTOR);
        for (Map.Entry<String, Path> f : files.entrySet()) {
            content.put(f.getKey(), Files.readAllBytes(f.getValue()));
        }
        return reference(jar, content, storedName);
    }

    private static Path reference(Path jar, Map<String, byte[]> content, String storedName) throws IOException {
        Map<String, byte[]> all = new TreeMap<>(content);
        for (String name : content.keySet()) {
            for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                all.putIfAbsent(name.substring(0, slash + 1), null);
            }
        }
        List<String> order = new ArrayList<>(List.of("META-INF/", "META-INF/MANIFEST.MF"));
        all.keySet().stream().filter(n -> !n.equals("META-INF/") && !n.equals("META-INF/MANIFEST.MF"))
                .forEach(order::add);
        Files.createDirectories(jar.getParent());
        // Buffered, unlike the old writer: ZipOutputStream writes its headers a byte at a time.
        try (OutputStream file = new java.io.BufferedOutputStream(Files.newOutputStream(jar));
                ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String name : order) {
                ZipEntry entry = new ZipEntry(name);
                entry.setTimeLocal(LocalDateTime.ofInstant(TIME, ZoneOffset.UTC));
                byte[] data = all.get(name);
                if (name.equals(storedName)) {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(data.length);
                    entry.setCompressedSize(data.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                if (data != null) {
                    // In pieces, as Files.copy handed a file to the old writer.
                    try (InputStream in = new java.io.ByteArrayInputStream(data)) {
                        in.transferTo(zip);
                    }
                }
                zip.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void sameBytesAsTheSingleStreamWriterWhateverTheThreadsAndSpilling() throws Exception {
        Map<String, Path> files = files();
        String stored = "root/lib/libnoise.so";
        byte[] expected = Files.readAllBytes(referenceOfFiles(tmp.resolve("reference.jar"), files, stored));
        for (int threads : new int[] {1, 2, 7}) {
            for (int maxMemory : new int[] {64 << 10, ReproducibleJarWriter.DEFAULT_MAX_MEMORY}) {
                Path jar = write(tmp.resolve("out-" + threads + "-" + maxMemory + "/x.jar"), files, stored, threads,
                        maxMemory);
                assertArrayEquals(expected, Files.readAllBytes(jar), threads + " threads, " + maxMemory + " bytes");
                assertEquals(List.of("x.jar"), List.of(jar.getParent().toFile().list()), "no temporary file is left");
            }
        }
        try (ZipFile zip = new ZipFile(tmp.resolve("out-2-65536/x.jar").toFile())) {
            assertEquals(ZipEntry.STORED, zip.getEntry(stored).getMethod());
            assertArrayEquals(Files.readAllBytes(files.get("root/lib/libbig.so")),
                    zip.getInputStream(zip.getEntry("root/lib/libbig.so")).readAllBytes());
        }
    }

    /**
     * A file larger than {@link ReproducibleJarWriter#CHUNK} is compressed in chunks on several threads: its
     * compressed bytes differ from a single stream's, but not with the number of threads, and everything else about
     * the entry (name, position, method, CRC-32, size, time, content) is as before.
     */
    @Test
    void aLargeFileIsCompressedInChunksWhoseBytesDependOnTheFileAlone() throws Exception {
        Map<String, Path> files = files();
        Random random = new Random(7);
        byte[] text = new byte[(int) (2.5 * ReproducibleJarWriter.CHUNK)];
        for (int i = 0; i < text.length; i++) {
            // Repeats within the deflate window, also across chunk boundaries: found only if each chunk is primed.
            text[i] = i % 40_000 < 20_000 ? (byte) ('a' + random.nextInt(16)) : text[i - 20_000];
        }
        files.put("root/lib/libhuge.so", Files.write(tmp.resolve("in/libhuge.so"), text));
        Path reference = referenceOfFiles(tmp.resolve("reference.jar"), files, null);
        byte[] one = Files.readAllBytes(write(tmp.resolve("one/x.jar"), files, null, 1, 64 << 10));
        for (int threads : new int[] {2, 7}) {
            Path jar = write(tmp.resolve("out-" + threads + "/x.jar"), files, null, threads, 64 << 10);
            assertArrayEquals(one, Files.readAllBytes(jar), threads + " threads");
        }
        try (ZipFile expected = new ZipFile(reference.toFile()); ZipFile actual = new ZipFile(
                tmp.resolve("one/x.jar").toFile())) {
            List<? extends ZipEntry> want = expected.stream().toList();
            List<? extends ZipEntry> got = actual.stream().toList();
            assertEquals(want.stream().map(ZipEntry::getName).toList(), got.stream().map(ZipEntry::getName).toList());
            for (int i = 0; i < want.size(); i++) {
                ZipEntry w = want.get(i);
                ZipEntry g = got.get(i);
                assertEquals(List.of(w.getMethod(), w.getCrc(), w.getSize(), w.getTime()),
                        List.of(g.getMethod(), g.getCrc(), g.getSize(), g.getTime()), w.getName());
                assertArrayEquals(expected.getInputStream(w).readAllBytes(), actual.getInputStream(g).readAllBytes(),
                        w.getName());
                if (w.getName().equals("root/lib/libhuge.so")) {
                    assertEquals(w.getCompressedSize(), g.getCompressedSize(), w.getCompressedSize() / 1000.0,
                            "within 0.1% of one stream");
                } else {
                    assertEquals(w.getCompressedSize(), g.getCompressedSize(), w.getName());
                }
            }
        }
    }

    @Test
    void sixtyFiveThousandEntriesOrMoreGetTheZip64EndRecordAsBefore() throws Exception {
        Map<String, byte[]> content = new TreeMap<>();
        content.put("META-INF/MANIFEST.MF", MANIFEST);
        ReproducibleJarWriter writer = new ReproducibleJarWriter(TIME);
        writer.add("META-INF/MANIFEST.MF", MANIFEST);
        for (int i = 0; i < 70_000; i++) {
            byte[] data = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
            String name = "d" + (i % 10) + "/f" + i;
            content.put(name, data);
            writer.add(name, data);
        }
        Path jar = tmp.resolve("many.jar");
        writer.write(jar, 2);
        assertArrayEquals(Files.readAllBytes(reference(tmp.resolve("reference.jar"), content, null)),
                Files.readAllBytes(jar));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertEquals(70_000 + 1 + 1 + 10, zip.size());
        }
    }

    /**
     * Two entries whose sources each wait for the other to start: they can only both finish if they are compressed
     * at the same time, as the old single-threaded writer never did (with one thread this fails, see below).
     */
    @Test
    void entriesAreCompressedOnSeveralThreadsAtOnce() throws Exception {
        CyclicBarrier bothStarted = new CyclicBarrier(2);
        Path jar = tmp.resolve("parallel.jar");
        waitingForEachOther(bothStarted, 20).write(jar, 2);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertEquals("a", new String(zip.getInputStream(zip.getEntry("a.txt")).readAllBytes(),
                    StandardCharsets.UTF_8));
        }

        IOException e = assertThrows(IOException.class,
                () -> waitingForEachOther(new CyclicBarrier(2), 1).write(tmp.resolve("sequential.jar"), 1));
        assertEquals("Cannot read " + tmp.resolve("a.txt") + " (JAR entry a.txt): the other entry was not"
                + " compressed at the same time", e.getMessage());
        assertEquals(List.of("parallel.jar"), List.of(tmp.toFile().list()), "no temporary file is left");
    }

    private ReproducibleJarWriter waitingForEachOther(CyclicBarrier barrier, int seconds) {
        ReproducibleJarWriter writer = new ReproducibleJarWriter(TIME);
        for (String name : List.of("a.txt", "b.txt")) {
            writer.add(name, tmp.resolve(name), out -> {
                try {
                    barrier.await(seconds, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IOException("the other entry was not compressed at the same time", e);
                }
                out.write(name.substring(0, 1).getBytes(StandardCharsets.UTF_8));
            });
        }
        return writer;
    }

    @Test
    void anUnreadableSourceIsNamedAndLeavesTheOldJarAndNoTemporaryFile() throws Exception {
        Map<String, Path> files = files();
        Path jar = tmp.resolve("out/x.jar");
        write(jar, files, null, 2, 64 << 10);
        byte[] before = Files.readAllBytes(jar);
        Path missing = tmp.resolve("in/libgone.so");
        files.put("root/lib/libzzz.so", missing);
        for (int threads : new int[] {1, 2}) {
            IOException e = assertThrows(IOException.class, () -> write(jar, files, null, threads, 64 << 10));
            assertEquals("Cannot read " + missing + " (JAR entry root/lib/libzzz.so): no such file", e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(jar), "the JAR under its final name is not touched");
            assertEquals(List.of("x.jar"), List.of(jar.getParent().toFile().list()),
                    "neither the partial JAR nor spilled entries are left");
        }
    }
}
