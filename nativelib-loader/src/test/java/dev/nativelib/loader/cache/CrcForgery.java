package dev.nativelib.loader.cache;

import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Makes a comment line that, appended to one descriptor, gives it the same CRC-32C and CRC-32 as another: both
 * checksums are affine functions of the message bits, so 96 free bits (the low nibbles of 24 letters) and Gaussian
 * elimination over GF(2) reach any pair of values. Shows why a checksum cannot name a package's content.
 */
final class CrcForgery {

    private static final int FREE_BYTES = 24;

    private CrcForgery() {
    }

    /** @return CRC-32C and CRC-32 of {@code bytes}, as one number */
    static long crcs(byte[] bytes) {
        CRC32C c = new CRC32C();
        c.update(bytes);
        CRC32 d = new CRC32();
        d.update(bytes);
        return c.getValue() << 32 | d.getValue();
    }

    /**
     * @param message what the tail is appended to
     * @param target  whose checksums to reach
     * @return {@code "#" + 24 letters from '@' to 'O' + "\n"}, such that {@code message + tail} has the checksums of
     *         {@code target}
     */
    static byte[] tail(byte[] message, byte[] target) {
        int start = message.length + 1;
        byte[] base = new byte[message.length + FREE_BYTES + 2];
        System.arraycopy(message, 0, base, 0, message.length);
        base[message.length] = '#';
        for (int i = 0; i < FREE_BYTES; i++) {
            base[start + i] = '@';
        }
        base[base.length - 1] = '\n';
        long baseCrcs = crcs(base);
        int unknowns = FREE_BYTES * 4;
        // Column j: how flipping free bit j changes the 64 checksum bits (affine, so the difference is linear).
        long[] columns = new long[unknowns];
        for (int j = 0; j < unknowns; j++) {
            byte[] flipped = base.clone();
            flipped[start + j / 4] ^= (byte) (1 << (j % 4));
            columns[j] = crcs(flipped) ^ baseCrcs;
        }
        long want = crcs(target) ^ baseCrcs;
        // Solve sum(x_j * columns[j]) = want: rows are checksum bits, each row a 96-bit mask plus its right side.
        long[] rowsLow = new long[64];
        long[] rowsHigh = new long[64];
        boolean[] rhs = new boolean[64];
        for (int r = 0; r < 64; r++) {
            for (int j = 0; j < unknowns; j++) {
                if ((columns[j] >>> r & 1) != 0) {
                    if (j < 64) {
                        rowsLow[r] |= 1L << j;
                    } else {
                        rowsHigh[r] |= 1L << (j - 64);
                    }
                }
            }
            rhs[r] = (want >>> r & 1) != 0;
        }
        int[] pivotOfRow = new int[64];
        int row = 0;
        for (int j = 0; j < unknowns && row < 64; j++) {
            int found = -1;
            for (int r = row; r < 64; r++) {
                if (bit(rowsLow[r], rowsHigh[r], j)) {
                    found = r;
                    break;
                }
            }
            if (found < 0) {
                continue;
            }
            swap(rowsLow, row, found);
            swap(rowsHigh, row, found);
            boolean t = rhs[row];
            rhs[row] = rhs[found];
            rhs[found] = t;
            for (int r = 0; r < 64; r++) {
                if (r != row && bit(rowsLow[r], rowsHigh[r], j)) {
                    rowsLow[r] ^= rowsLow[row];
                    rowsHigh[r] ^= rowsHigh[row];
                    rhs[r] ^= rhs[row];
                }
            }
            pivotOfRow[row++] = j;
        }
        if (row < 64) {
            throw new IllegalStateException("the free bits do not reach every checksum value (rank " + row + ")");
        }
        byte[] tail = new byte[FREE_BYTES + 2];
        tail[0] = '#';
        for (int i = 0; i < FREE_BYTES; i++) {
            tail[1 + i] = '@';
        }
        tail[tail.length - 1] = '\n';
        for (int r = 0; r < 64; r++) {
            if (rhs[r]) {
                int j = pivotOfRow[r];
                tail[1 + j / 4] ^= (byte) (1 << (j % 4));
            }
        }
        return tail;
    }

    private static boolean bit(long low, long high, int j) {
        return j < 64 ? (low >>> j & 1) != 0 : (high >>> (j - 64) & 1) != 0;
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
