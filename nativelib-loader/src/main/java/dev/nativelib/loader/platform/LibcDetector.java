package dev.nativelib.loader.platform;

import dev.nativelib.loader.text.Chars;
import dev.nativelib.loader.diagnostics.Log;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

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


    /** How much of the executable is read: its program headers and interpreter path lie in the first page. */
    static final int EXECUTABLE_HEAD = 16 << 10;

    private static final int PT_INTERP = 3;

    private LibcDetector() {
    }

    /** Read once: a process cannot change its C library. */
    private static final class Holder {
        static final Libc CURRENT = detectLazily();

        /** Reads the executable's head only when the maps do not decide (they do on every common system). */
        private static Libc detectLazily() {
            String maps = text(read("/proc/self/maps", Integer.MAX_VALUE));
            Libc libc = maps == null ? null : fromMaps(maps);
            return libc != null ? libc : detect(null, read("/proc/self/exe", EXECUTABLE_HEAD));
        }

        private static String text(byte[] bytes) {
            // ISO-8859-1 never fails on the odd non-UTF-8 path; the names matched are ASCII.
            return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
        }

        private static byte[] read(String file, int limit) {
            // FileInputStream rather than Files.newInputStream, whose channel classes a JVM start would load for
            // this alone (they are not in the JDK's default CDS archive).
            try (InputStream in = new java.io.FileInputStream(file)) {
                return in.readNBytes(limit);
            } catch (IOException | SecurityException e) {
                if (Log.debugging()) {
                    Log.debug("cannot read " + file + " to detect the C library: " + e);
                }
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
        if (Log.debugging()) {
            Log.debug("C library: " + libc.name() + " (" + libc.evidence() + ")");
        }
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
            if (musl == null && isMuslFile(file)) {
                musl = path;
            } else if (glibc == null && isGlibcFile(file)) {
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
        if (isMuslLoader(file)) {
            return new Libc(Libc.MUSL, "interpreter " + interpreter + " of /proc/self/exe");
        }
        if (isGlibcLoader(file)) {
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

    private static String mappedPath(String line) {
        return dev.nativelib.loader.diagnostics.MappedFiles.pathOf(line);
    }

    // Plain character tests rather than regular expressions: this runs in every JVM start that loads a library,
    // and java.util.regex's first use costs milliseconds.

    /** {@code ld-musl-<arch>.so.1}, {@code libc.musl-<arch>.so.1} (Alpine) or {@code libc.so} (Debian's musl). */
    static boolean isMuslFile(String file) {
        return isMuslLoader(file) || word(file, "libc.musl-", ".so.1") || file.equals("libc.so");
    }

    /** {@code libc.so.6}, or {@code libc-2.N[.M].so} of glibc before 2.34. */
    static boolean isGlibcFile(String file) {
        if (file.equals("libc.so.6")) {
            return true;
        }
        if (!file.startsWith("libc-2.") || !file.endsWith(".so") || file.length() <= 10) {
            return false;
        }
        String version = file.substring(7, file.length() - 3);
        int dot = version.indexOf('.');
        return dot < 0 ? Chars.digits(version)
                : Chars.digits(version.substring(0, dot)) && Chars.digits(version.substring(dot + 1));
    }

    static boolean isMuslLoader(String file) {
        return word(file, "ld-musl-", ".so.1");
    }

    /** {@code ld-linux*.so.N}, {@code ld64.so.N} or {@code ld.so.N}. */
    static boolean isGlibcLoader(String file) {
        int so = file.lastIndexOf(".so.");
        if (so < 0 || !Chars.digits(file.substring(so + 4))) {
            return false;
        }
        String stem = file.substring(0, so);
        if (stem.equals("ld64") || stem.equals("ld")) {
            return true;
        }
        return stem.equals("ld-linux") || stem.startsWith("ld-linux") && Chars.lowerWord(stem.substring(8), "_.-");
    }

    /** {@code <prefix><one or more of a-z 0-9 _><suffix>}. */
    private static boolean word(String file, String prefix, String suffix) {
        return file.startsWith(prefix) && file.endsWith(suffix) && file.length() > prefix.length() + suffix.length()
                && Chars.lowerWord(file.substring(prefix.length(), file.length() - suffix.length()), "_");
    }

}
