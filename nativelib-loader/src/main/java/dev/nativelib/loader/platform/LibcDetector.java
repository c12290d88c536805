package dev.nativelib.loader.platform;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Pattern;

/**
 * Tells whether this Linux process runs on glibc or on musl.
 *
 * <p>First from {@code /proc/self/maps}: the C library the process really mapped is the one every library loaded
 * into it must be built for. musl's C library is also its dynamic loader, mapped as {@code ld-musl-<arch>.so.1}
 * (Alpine) or as a file named exactly {@code libc.so} (Debian's and Void's musl, where {@code ld-musl-*} is a link
 * to it); glibc's is {@code libc.so.6} (or {@code libc-2.<n>.so} before glibc 2.34), and glibc never maps a file
 * named {@code libc.so} (that name is its linker script). When the maps show neither, or both, the program
 * interpreter ({@code PT_INTERP}) of {@code /proc/self/exe} decides: the launcher was linked for the libc it runs
 * on. When neither says anything, glibc is assumed, as os-maven-plugin does.
 *
 * <p>The parsing is pure ({@link #detect(String, byte[])}); only {@link #current()} reads {@code /proc}, once per
 * process.
 */
public final class LibcDetector {

    private static final System.Logger LOG = System.getLogger("dev.nativelib.loader");

    /** How much of the executable is read: its program headers and interpreter path lie in the first page. */
    static final int EXECUTABLE_HEAD = 16 << 10;

    private static final Pattern MUSL_FILE = Pattern.compile(
            "ld-musl-[a-z0-9_]+\\.so\\.1|libc\\.musl-[a-z0-9_]+\\.so\\.1|libc\\.so");
    private static final Pattern GLIBC_FILE = Pattern.compile("libc\\.so\\.6|libc-2\\.[0-9]+(\\.[0-9]+)?\\.so");
    private static final Pattern MUSL_INTERPRETER = Pattern.compile("ld-musl-[a-z0-9_]+\\.so\\.1");
    private static final Pattern GLIBC_INTERPRETER = Pattern.compile(
            "ld-linux[a-z0-9_.\\-]*\\.so\\.[0-9]+|ld64\\.so\\.[0-9]+|ld\\.so\\.[0-9]+");
    private static final int PT_INTERP = 3;

    private LibcDetector() {
    }

    /** Read once: a process cannot change its C library. */
    private static final class Holder {
        static final Libc CURRENT = detect(text(read("/proc/self/maps", Integer.MAX_VALUE)),
                read("/proc/self/exe", EXECUTABLE_HEAD));

        private static String text(byte[] bytes) {
            // ISO-8859-1 never fails on the odd non-UTF-8 path; the names matched are ASCII.
            return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
        }

        private static byte[] read(String file, int limit) {
            Path path = Paths.get(file);
            try (InputStream in = Files.newInputStream(path)) {
                return in.readNBytes(limit);
            } catch (IOException | SecurityException e) {
                LOG.log(Level.DEBUG, () -> "cannot read " + file + " to detect the C library: " + e);
                return null;
            }
        }
    }

    /**
     * Detects the C library of this process from {@code /proc}. Call only on Linux.
     *
     * @return the C library, with what showed it
     */
    public static Libc current() {
        Libc libc = Holder.CURRENT;
        LOG.log(Level.DEBUG, () -> "C library: " + libc.name() + " (" + libc.evidence() + ")");
        return libc;
    }

    /**
     * @param maps           the text of {@code /proc/self/maps}, or {@code null} if it could not be read
     * @param executableHead the first bytes of {@code /proc/self/exe}, or {@code null} if it could not be read
     * @return the C library the maps show; else the one the executable's interpreter stands for; else glibc
     */
    public static Libc detect(String maps, byte[] executableHead) {
        Libc libc = maps == null ? null : fromMaps(maps);
        if (libc == null && executableHead != null) {
            libc = fromInterpreter(interpreter(executableHead));
        }
        return libc != null ? libc : new Libc(null, "no C library recognised in /proc/self/maps or in the"
                + " interpreter of /proc/self/exe; assuming glibc");
    }

    /**
     * @param maps the text of {@code /proc/self/maps}
     * @return the C library mapped, or {@code null} if the maps show none, or both
     */
    public static Libc fromMaps(String maps) {
        String musl = null;
        String glibc = null;
        for (String line : maps.split("\n")) {
            String path = mappedPath(line);
            if (path == null) {
                continue;
            }
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (musl == null && MUSL_FILE.matcher(file).matches()) {
                musl = path;
            } else if (glibc == null && GLIBC_FILE.matcher(file).matches()) {
                glibc = path;
            }
        }
        if (musl != null && glibc == null) {
            return new Libc(Libc.MUSL, "/proc/self/maps maps " + musl);
        }
        if (glibc != null && musl == null) {
            return new Libc(null, "/proc/self/maps maps " + glibc);
        }
        return null;
    }

    /**
     * @param interpreter the program interpreter of an executable, e.g. {@code /lib/ld-musl-x86_64.so.1}, or
     *                    {@code null}
     * @return the C library that interpreter belongs to, or {@code null} if it is none known
     */
    public static Libc fromInterpreter(String interpreter) {
        if (interpreter == null) {
            return null;
        }
        String file = interpreter.substring(interpreter.lastIndexOf('/') + 1);
        if (MUSL_INTERPRETER.matcher(file).matches()) {
            return new Libc(Libc.MUSL, "interpreter " + interpreter + " of /proc/self/exe");
        }
        if (GLIBC_INTERPRETER.matcher(file).matches()) {
            return new Libc(null, "interpreter " + interpreter + " of /proc/self/exe");
        }
        return null;
    }

    /**
     * Reads the {@code PT_INTERP} path of an ELF executable from its first bytes.
     *
     * @param head the first bytes of the file
     * @return the interpreter path, or {@code null} if the bytes are no ELF file, have no {@code PT_INTERP} (a static
     *         executable), or end before it
     */
    public static String interpreter(byte[] head) {
        if (head.length < 64 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F'
                || (head[4] != 1 && head[4] != 2) || (head[5] != 1 && head[5] != 2)) {
            return null;
        }
        boolean wide = head[4] == 2;
        ByteBuffer b = ByteBuffer.wrap(head).order(head[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long phoff = wide ? b.getLong(32) : Integer.toUnsignedLong(b.getInt(28));
        int phentsize = Short.toUnsignedInt(b.getShort(wide ? 54 : 42));
        int phnum = Short.toUnsignedInt(b.getShort(wide ? 56 : 44));
        int entry = wide ? 56 : 32;
        if (phoff < 0 || phoff > head.length || phentsize < entry) {
            return null;
        }
        for (long i = 0; i < phnum; i++) {
            long p = phoff + i * phentsize;
            if (p + entry > head.length) {
                return null;
            }
            if (b.getInt((int) p) != PT_INTERP) {
                continue;
            }
            long offset = wide ? b.getLong((int) p + 8) : Integer.toUnsignedLong(b.getInt((int) p + 4));
            long size = wide ? b.getLong((int) p + 32) : Integer.toUnsignedLong(b.getInt((int) p + 16));
            if (offset < 0 || size <= 0 || offset + size > head.length) {
                return null;
            }
            int end = (int) offset;
            while (end < offset + size && head[end] != 0) {
                end++;
            }
            return new String(head, (int) offset, end - (int) offset, StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    /** @return the path of a {@code /proc/<pid>/maps} line's file, or {@code null} for anonymous mappings */
    private static String mappedPath(String line) {
        // address perms offset dev inode path; the path may itself contain spaces.
        String[] fields = line.trim().split("\\s+", 6);
        if (fields.length < 6 || !fields[5].startsWith("/")) {
            return null;
        }
        String path = fields[5];
        return path.endsWith(" (deleted)") ? path.substring(0, path.length() - " (deleted)".length()) : path;
    }
}
