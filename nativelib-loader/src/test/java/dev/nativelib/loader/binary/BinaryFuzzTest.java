package dev.nativelib.loader.binary;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutates real binaries (bit flips, overwritten words, truncation, fields set to extremes) and checks that every
 * reader either succeeds or throws {@link MalformedBinaryException} naming the file, and never an index exception, an
 * endless loop or an out-of-memory error. {@code -Dfuzz.iterations=N} (or {@code -Pfuzz}) sets the mutations per
 * fixture; the seed is printed so any failure can be replayed.
 */
class BinaryFuzzTest {

    static List<Path> fixtures() throws IOException {
        return Fixtures.all();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void mutatedBinariesFailCleanly(Path fixture) throws Exception {
        byte[] original = Files.readAllBytes(fixture);
        int iterations = Integer.getInteger("fuzz.iterations", 300);
        long seed = Long.getLong("fuzz.seed", fixture.getFileName().toString().hashCode());
        Random random = new Random(seed);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < iterations; i++) {
                byte[] mutated = mutate(original, random);
                String name = fixture.getFileName() + "#" + i;
                Future<?> run = runner.submit(() -> readOnce(mutated, name));
                try {
                    run.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    run.cancel(true);
                    fail("reader did not finish within 5 s on " + name + " (seed " + seed + ")");
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError("unexpected " + e.getCause() + " on " + name + " (seed " + seed + ")",
                            e.getCause());
                }
            }
        } finally {
            runner.shutdownNow();
        }
    }

    private static Void readOnce(byte[] bytes, String name) throws IOException {
        try (BinaryInput in = BinaryInput.of(new MemoryChannel(bytes), name)) {
            BinaryReader.read(in);
        } catch (MalformedBinaryException e) {
            assertTrue(e.getMessage().startsWith(name + ": malformed "), e.getMessage());
        }
        return null;
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits; e++) {
            // Headers and tables sit near the start; bias edits there so most mutations hit parsed bytes.
            int span = random.nextBoolean() ? Math.min(b.length, 4096) : b.length;
            int at = random.nextInt(span);
            switch (random.nextInt(5)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> {
                    int value = switch (random.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> -1;
                        case 2 -> Integer.MAX_VALUE;
                        default -> random.nextInt();
                    };
                    for (int k = 0; k < 4 && at + k < b.length; k++) {
                        b[at + k] = (byte) (value >>> (8 * k));
                    }
                }
                case 3 -> {
                    int from = random.nextInt(b.length);
                    System.arraycopy(b, from, b, at, Math.min(8, Math.min(b.length - from, b.length - at)));
                }
                default -> {
                    return java.util.Arrays.copyOf(b, random.nextInt(b.length));
                }
            }
        }
        return b;
    }

    /** A read-only channel over a byte array, so fuzzing does not touch the disk. */
    private static final class MemoryChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private long position;
        private boolean open = true;

        MemoryChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
