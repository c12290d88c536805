package dev.nativelib.loader.binary;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ELF file that matter for loading it.
 *
 * @param bits           32 or 64
 * @param order          the file's byte order
 * @param type           {@code e_type}: 2 executable, 3 shared object (or PIE)
 * @param machine        {@code e_machine}, e.g. 62 for x86-64
 * @param strings        the string-valued dynamic entries ({@code DT_NEEDED}, {@code DT_SONAME}, {@code DT_RPATH},
 *                       {@code DT_RUNPATH}) in file order, with where each string lies in the file
 * @param versionNeeds   {@code DT_VERNEED} requirements: needed file name to version names, in file order
 */
public record ElfFile(int bits, ByteOrder order, int type, int machine, List<DynamicString> strings,
                      Map<String, List<String>> versionNeeds) {

    /** {@code DT_NEEDED}. */
    public static final int DT_NEEDED = 1;
    /** {@code DT_SONAME}. */
    public static final int DT_SONAME = 14;
    /** {@code DT_RPATH}. */
    public static final int DT_RPATH = 15;
    /** {@code DT_RUNPATH}. */
    public static final int DT_RUNPATH = 29;

    /**
     * Copies the list; the map is kept as given (an insertion-ordered, unmodifiable map).
     *
     * @param bits         32 or 64
     * @param order        the file's byte order
     * @param type         {@code e_type}
     * @param machine      {@code e_machine}
     * @param strings      the string-valued dynamic entries in file order
     * @param versionNeeds {@code DT_VERNEED} requirements: needed file name to version names
     */
    public ElfFile {
        strings = List.copyOf(strings);
    }

    /**
     * A string-valued dynamic entry.
     *
     * @param tag        the {@code d_tag}
     * @param value      the string
     * @param fileOffset where the string's first byte is in the file
     * @param capacity   bytes available at {@code fileOffset} before the next string starts (the string's length,
     *                   not counting its NUL)
     */
    public record DynamicString(int tag, String value, long fileOffset, int capacity) {
    }

    /** @return {@code DT_SONAME}, or {@code null} */
    public String soname() {
        return strings.stream().filter(s -> s.tag() == DT_SONAME).map(DynamicString::value).findFirst()
                .orElse(null);
    }

    /** @return the {@code DT_NEEDED} names in order */
    public List<String> needed() {
        return strings.stream().filter(s -> s.tag() == DT_NEEDED).map(DynamicString::value).toList();
    }

    /** @return the entries of {@code DT_RPATH}, split at {@code :} */
    public List<String> rpath() {
        return paths(DT_RPATH);
    }

    /** @return the entries of {@code DT_RUNPATH}, split at {@code :} */
    public List<String> runpath() {
        return paths(DT_RUNPATH);
    }

    private List<String> paths(int tag) {
        List<String> out = new ArrayList<>();
        strings.stream().filter(s -> s.tag() == tag)
                .forEach(s -> Arrays.stream(s.value().split(":")).filter(p -> !p.isEmpty()).forEach(out::add));
        return out;
    }

    /**
     * @return the newest {@code GLIBC_x.y[.z]} version any needed file requires, e.g. {@code 2.34}, or {@code null}
     */
    public String minimumGlibc() {
        return newest("GLIBC_");
    }

    /**
     * @param prefix a version-name prefix such as {@code GLIBC_} or {@code GLIBCXX_}
     * @return the newest version with that prefix (without it), or {@code null}
     */
    public String newest(String prefix) {
        String best = null;
        for (List<String> names : versionNeeds.values()) {
            for (String name : names) {
                if (name.startsWith(prefix) && name.substring(prefix.length()).matches("[0-9]+(\\.[0-9]+)*")) {
                    String v = name.substring(prefix.length());
                    if (best == null || VersionOrder.compare(v, best) > 0) {
                        best = v;
                    }
                }
            }
        }
        return best;
    }
}
