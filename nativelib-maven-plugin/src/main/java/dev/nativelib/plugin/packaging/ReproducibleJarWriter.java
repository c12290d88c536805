package dev.nativelib.plugin.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a JAR whose bytes depend only on its entries: entries sorted by name, parent directories added, one fixed
 * timestamp (written as a local date-time so the build machine's time zone cannot change it), no extra fields. The
 * file appears under its final name only once it is complete.
 */
final class ReproducibleJarWriter {

    private final Map<String, Source> entries = new TreeMap<>();
    private final Map<String, Path> stored = new TreeMap<>();
    private final LocalDateTime time;

    ReproducibleJarWriter(Instant timestamp) {
        this.time = LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC);
    }

    void add(String name, byte[] content) {
        put(name, out -> out.write(content));
    }

    void add(String name, Path file) {
        put(name, out -> Files.copy(file, out));
    }

    /** Adds a file without compression (method STORED), which makes its extraction a plain copy. */
    void addStored(String name, Path file) {
        put(name, out -> Files.copy(file, out));
        stored.put(name, file);
    }

    private void put(String name, Source source) {
        if (entries.putIfAbsent(name, source) != null) {
            throw new IllegalArgumentException("duplicate JAR entry " + name);
        }
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            entries.putIfAbsent(name.substring(0, slash + 1), null);
        }
    }

    void write(Path jar) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        Path tmp = ArtifactFiles.temporarySibling(jar);
        try {
            try (OutputStream file = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE); ZipOutputStream zip = new ZipOutputStream(file)) {
                // The manifest goes first, as java.util.jar.JarInputStream expects.
                writeEntry(zip, "META-INF/", entries.get("META-INF/"));
                writeEntry(zip, "META-INF/MANIFEST.MF", entries.get("META-INF/MANIFEST.MF"));
                for (Map.Entry<String, Source> e : entries.entrySet()) {
                    if (!e.getKey().equals("META-INF/") && !e.getKey().equals("META-INF/MANIFEST.MF")) {
                        writeEntry(zip, e.getKey(), e.getValue());
                    }
                }
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void writeEntry(ZipOutputStream zip, String name, Source source) throws IOException {
        if (source == null && !name.endsWith("/")) {
            return;
        }
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(time);
        Path file = stored.get(name);
        if (file != null) {
            // A STORED entry must announce its size and CRC before its bytes.
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            long size = 0;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; size += n) {
                    crc.update(buffer, 0, n);
                }
            }
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(size);
            entry.setCompressedSize(size);
            entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        if (source != null) {
            source.writeTo(zip);
        }
        zip.closeEntry();
    }

    @FunctionalInterface
    private interface Source {
        void writeTo(OutputStream out) throws IOException;
    }
}
