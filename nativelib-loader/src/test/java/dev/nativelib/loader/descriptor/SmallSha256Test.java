package dev.nativelib.loader.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SmallSha256Test {

    @Test
    void isTheSha256TheJdkComputes() {
        Random random = new Random(42);
        // Every length around the padding boundaries (55/56 bytes: the length field no longer fits in the block),
        // then some larger ones.
        for (int length = 0; length <= 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertEquals(Sha256.of(bytes), SmallSha256.of(bytes), "length " + length);
        }
        for (int length : new int[] {1000, 4096, 65_537}) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertEquals(Sha256.of(bytes), SmallSha256.of(bytes), "length " + length);
        }
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", SmallSha256.of(new byte[0]));
        // Only the first length bytes count, whatever follows them in the buffer.
        byte[] buffer = new byte[300];
        random.nextBytes(buffer);
        assertEquals(Sha256.of(java.util.Arrays.copyOf(buffer, 70)), SmallSha256.of(buffer, 70));
    }
}
