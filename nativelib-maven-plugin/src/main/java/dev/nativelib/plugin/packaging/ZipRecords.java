package dev.nativelib.plugin.packaging;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.zip.ZipEntry;

/**
 * The ZIP records around entry data, laid out field for field as {@code java.util.zip.ZipOutputStream} lays them out
 * for entries with a local date-time and no extra fields. Entries compressed apart from the archive (on other
 * threads) therefore give the same bytes as the single-stream writer that nativelib used before, so a JAR does not
 * change with the way it was written. Layout from the ZIP application note (APPNOTE.TXT, sections 4.3 and 4.5).
 */
final class ZipRecords {

    /** A 32-bit size or offset field holding this means "see the ZIP64 extra field". */
    static final long MAGIC = 0xFFFFFFFFL;
    /** A 16-bit entry count holding this means "see the ZIP64 end record". */
    static final int MAGIC_COUNT = 0xFFFF;

    private static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int DESCRIPTOR_SIGNATURE = 0x08074b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final int ZIP64_VERSION = 45;
    /** General purpose flag bits: sizes and CRC follow the data; the name is UTF-8. */
    private static final int FLAG_DESCRIPTOR = 0x08;
    private static final int FLAG_UTF8 = 0x800;

    private ZipRecords() {
    }

    /**
     * What the headers of one entry say about it.
     *
     * @param name           the entry name
     * @param method         {@link ZipEntry#DEFLATED} or {@link ZipEntry#STORED}
     * @param crc            CRC-32 of the uncompressed bytes
     * @param size           uncompressed size
     * @param compressedSize size of the data as it is in the archive
     * @param offset         where its local header starts in the archive
     */
    record Entry(String name, int method, long crc, long size, long compressedSize, long offset) {

        byte[] nameBytes() {
            return name.getBytes(StandardCharsets.UTF_8);
        }

        /** A deflated entry's sizes follow its data, since they are known only once it is compressed. */
        int flag() {
            return method == ZipEntry.DEFLATED ? FLAG_DESCRIPTOR | FLAG_UTF8 : FLAG_UTF8;
        }

        int version() {
            return method == ZipEntry.DEFLATED ? 20 : 10;
        }

        boolean bigSizes() {
            return size >= MAGIC || compressedSize >= MAGIC;
        }
    }

    /** MS-DOS date and time: two-second resolution, years from 1980. */
    static int dosTime(LocalDateTime t) {
        return (t.getYear() - 1980) << 25 | t.getMonthValue() << 21 | t.getDayOfMonth() << 16 | t.getHour() << 11
                | t.getMinute() << 5 | t.getSecond() >> 1;
    }

    static byte[] localHeader(Entry e, int dosTime) {
        byte[] name = e.nameBytes();
        // A stored entry announces its sizes here; above 4 GiB through a ZIP64 extra field.
        boolean zip64 = e.method() == ZipEntry.STORED && e.bigSizes();
        ByteBuffer b = buffer(30 + name.length + (zip64 ? 20 : 0));
        b.putInt(LOCAL_SIGNATURE);
        b.putShort((short) (zip64 ? ZIP64_VERSION : e.version()));
        b.putShort((short) e.flag());
        b.putShort((short) e.method());
        b.putInt(dosTime);
        if (e.method() == ZipEntry.DEFLATED) {
            b.putInt(0).putInt(0).putInt(0);
        } else {
            b.putInt((int) e.crc());
            b.putInt((int) (zip64 ? MAGIC : e.compressedSize()));
            b.putInt((int) (zip64 ? MAGIC : e.size()));
        }
        b.putShort((short) name.length);
        b.putShort((short) (zip64 ? 20 : 0));
        b.put(name);
        if (zip64) {
            b.putShort((short) ZIP64_EXTRA).putShort((short) 16).putLong(e.size()).putLong(e.compressedSize());
        }
        return b.array();
    }

    /** The data descriptor after a deflated entry's data. */
    static byte[] dataDescriptor(Entry e) {
        boolean big = e.bigSizes();
        ByteBuffer b = buffer(big ? 24 : 16);
        b.putInt(DESCRIPTOR_SIGNATURE);
        b.putInt((int) e.crc());
        if (big) {
            b.putLong(e.compressedSize()).putLong(e.size());
        } else {
            b.putInt((int) e.compressedSize()).putInt((int) e.size());
        }
        return b.array();
    }

    static byte[] centralHeader(Entry e, int dosTime) {
        byte[] name = e.nameBytes();
        boolean bigSize = e.size() >= MAGIC;
        boolean bigCompressed = e.compressedSize() >= MAGIC;
        boolean bigOffset = e.offset() >= MAGIC;
        int zip64Length = (bigSize ? 8 : 0) + (bigCompressed ? 8 : 0) + (bigOffset ? 8 : 0);
        int extra = zip64Length == 0 ? 0 : zip64Length + 4;
        ByteBuffer b = buffer(46 + name.length + extra);
        b.putInt(CENTRAL_SIGNATURE);
        int version = zip64Length == 0 ? e.version() : ZIP64_VERSION;
        b.putShort((short) version); // made by
        b.putShort((short) version); // needed to extract
        b.putShort((short) e.flag());
        b.putShort((short) e.method());
        b.putInt(dosTime);
        b.putInt((int) e.crc());
        b.putInt((int) (bigCompressed ? MAGIC : e.compressedSize()));
        b.putInt((int) (bigSize ? MAGIC : e.size()));
        b.putShort((short) name.length);
        b.putShort((short) extra);
        b.putShort((short) 0); // comment length
        b.putShort((short) 0); // disk number
        b.putShort((short) 0); // internal attributes
        b.putInt(0); // external attributes
        b.putInt((int) (bigOffset ? MAGIC : e.offset()));
        b.put(name);
        if (zip64Length > 0) {
            b.putShort((short) ZIP64_EXTRA).putShort((short) zip64Length);
            if (bigSize) {
                b.putLong(e.size());
            }
            if (bigCompressed) {
                b.putLong(e.compressedSize());
            }
            if (bigOffset) {
                b.putLong(e.offset());
            }
        }
        return b.array();
    }

    /**
     * The end of the archive: a ZIP64 end record and its locator when the directory is too large or too far for the
     * 32-bit fields, or holds {@value #MAGIC_COUNT} entries or more, then the classic end record.
     *
     * @param count             number of entries
     * @param directoryOffset   where the central directory starts
     * @param directoryLength   its length
     */
    static byte[] end(int count, long directoryOffset, long directoryLength) {
        boolean zip64 = directoryLength >= MAGIC || directoryOffset >= MAGIC || count >= MAGIC_COUNT;
        ByteBuffer b = buffer((zip64 ? 56 + 20 : 0) + 22);
        if (zip64) {
            long zip64End = directoryOffset + directoryLength;
            b.putInt(ZIP64_END_SIGNATURE);
            b.putLong(44); // size of the rest of this record
            b.putShort((short) ZIP64_VERSION).putShort((short) ZIP64_VERSION);
            b.putInt(0).putInt(0); // disk numbers
            b.putLong(count).putLong(count);
            b.putLong(directoryLength).putLong(directoryOffset);
            b.putInt(ZIP64_LOCATOR_SIGNATURE);
            b.putInt(0);
            b.putLong(zip64End);
            b.putInt(1); // total number of disks
        }
        b.putInt(END_SIGNATURE);
        b.putShort((short) 0).putShort((short) 0); // disk numbers
        short shortCount = (short) (zip64 && count >= MAGIC_COUNT ? MAGIC_COUNT : count);
        b.putShort(shortCount).putShort(shortCount);
        b.putInt((int) Math.min(directoryLength, MAGIC));
        b.putInt((int) Math.min(directoryOffset, MAGIC));
        b.putShort((short) 0); // comment length
        return b.array();
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
