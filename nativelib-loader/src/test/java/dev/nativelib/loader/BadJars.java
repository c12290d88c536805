package dev.nativelib.loader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Damaged and hostile variants of the JARs {@link TestPackages} writes. */
public final class BadJars {

    /** The size of an inflated "bomb" entry: 400 MiB of spaces, which deflate to under 2 MB. */
    public static final long BOMB_SIZE = 400L << 20;

    private BadJars() {
    }

    /**
     * Copies {@code jar} to {@code out}, with the entry {@code name} keeping its bytes but padded with spaces to
     * {@link #BOMB_SIZE} bytes (deflated, so the JAR stays small).
     */
    public static Path withBomb(Path jar, String name, Path out) throws IOException {
        boolean found = false;
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream o = Files.newOutputStream(out);
             ZipOutputStream zip = new ZipOutputStream(o)) {
            zip.setLevel(Deflater.BEST_SPEED);
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] bytes;
                try (InputStream s = in.getInputStream(e)) {
                    bytes = s.readAllBytes();
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                if (e.getName().equals(name)) {
                    found = true;
                    byte[] spaces = new byte[1 << 20];
                    Arrays.fill(spaces, (byte) ' ');
                    for (long n = bytes.length; n < BOMB_SIZE; n += spaces.length) {
                        zip.write(spaces, 0, (int) Math.min(spaces.length, BOMB_SIZE - n));
                    }
                }
                zip.closeEntry();
            }
        }
        if (!found) {
            throw new IllegalArgumentException(jar + " has no entry " + name);
        }
        return out;
    }

    /** Copies the first {@code length} bytes of {@code jar} to {@code out}, as an interrupted download leaves it. */
    public static Path truncated(Path jar, long length, Path out) throws IOException {
        Files.write(out, Arrays.copyOf(Files.readAllBytes(jar), (int) length));
        return out;
    }

    /** @return the offset of the central directory of {@code jar}, read from its end-of-central-directory record */
    public static long centralDirectoryOffset(Path jar) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = bytes.length - 22; i >= 0; i--) {
            if (b.getInt(i) == 0x06054b50) {
                return b.getInt(i + 16) & 0xffffffffL;
            }
        }
        throw new IOException(jar + " has no end-of-central-directory record");
    }

    /**
     * Copies {@code jar} to {@code out} with the deflated data of entry {@code name} overwritten by 0xFF bytes, which
     * no inflater accepts ("invalid block type"), as a corrupted download or disk leaves it; the JAR's directory
     * stays intact, so it opens.
     */
    public static Path corrupted(Path jar, String name, Path out) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        long offset;
        long size;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(name);
            if (e == null || e.getMethod() != ZipEntry.DEFLATED) {
                throw new IllegalArgumentException(jar + " has no deflated entry " + name);
            }
            size = e.getCompressedSize();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        offset = -1;
        for (int i = 0; i + 30 + nameBytes.length <= bytes.length && offset < 0; i++) {
            if (b.getInt(i) == 0x04034b50 && (b.getShort(i + 26) & 0xffff) == nameBytes.length
                    && Arrays.equals(Arrays.copyOfRange(bytes, i + 30, i + 30 + nameBytes.length), nameBytes)) {
                offset = i + 30 + nameBytes.length + (b.getShort(i + 28) & 0xffff);
            }
        }
        Arrays.fill(bytes, (int) offset, (int) (offset + size), (byte) 0xff);
        Files.write(out, bytes);
        return out;
    }

    /** @return {@code text}'s UTF-8 bytes */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
