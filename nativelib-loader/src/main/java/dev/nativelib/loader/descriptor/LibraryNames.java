package dev.nativelib.loader.descriptor;

import dev.nativelib.loader.text.Chars;
import java.util.Locale;

/**
 * Derives the logical name of a library from its file name, the way linkers name libraries:
 * {@code libgreet.so.1.0.0}, {@code libgreet.1.dylib}, {@code libgreet.dylib}, {@code greet.dll} and
 * {@code libgreet.dll} are all {@code greet}.
 */
public final class LibraryNames {


    private LibraryNames() {
    }

    /**
     * @param fileName a file name
     * @return whether the name looks like a shared library on any supported platform
     */
    public static boolean isSharedLibrary(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return elfStem(fileName) != null || lower.endsWith(".dylib")
                || lower.endsWith(".dll") || lower.endsWith(".jnilib");
    }

    /**
     * What precedes the first {@code .so} that ends the name or is followed by {@code .<digit>[0-9A-Za-z._-]*}:
     * {@code libgreet} for {@code libgreet.so} and {@code libgreet.so.1.2}.
     *
     * @return that stem, or {@code null} when the name is not an ELF shared library's
     */
    private static String elfStem(String name) {
        for (int so = name.indexOf(".so", 1); so > 0; so = name.indexOf(".so", so + 1)) {
            String rest = name.substring(so + 3);
            if (rest.isEmpty() || rest.length() >= 2 && rest.charAt(0) == '.' && Chars.digit(rest.charAt(1))
                    && (rest.length() == 2 || Chars.word(rest.substring(2), "._-"))) {
                return name.substring(0, so);
            }
        }
        return null;
    }

    /**
     * A DLL's name without the version MinGW and libtool put into it, so that one logical name loads a library on
     * every system: {@code libfoo-cpp-8.18.7.dll} is {@code foo-cpp} as {@code libfoo-cpp.so.8.18.7} is,
     * {@code libfoo-42.dll} is {@code foo} as {@code libfoo.so.42} is, and OpenSSL's {@code libssl-3-x64.dll}
     * (version, then architecture) is {@code ssl} as {@code libssl.so.3} is. Only a {@code -}-separated suffix of
     * digits and dots is a version; {@code zlib1.dll} stays {@code zlib1}.
     */
    private static String dllStem(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String arch : new String[] {"-x64", "-arm64", "-x86"}) {
            int cut = lower.length() - arch.length();
            if (lower.endsWith(arch) && versionSuffixStart(name.substring(0, cut)) > 0) {
                name = name.substring(0, cut);
                break;
            }
        }
        int version = versionSuffixStart(name);
        return version > 0 ? name.substring(0, version) : name;
    }

    /** @return where a trailing {@code -<digits>[.<digits>]...} starts (its dash), or -1 when there is none */
    private static int versionSuffixStart(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            return -1;
        }
        String version = name.substring(dash + 1);
        if (!Chars.digit(version.charAt(0)) || !Chars.digit(version.charAt(version.length() - 1))) {
            return -1;
        }
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (!Chars.digit(c) && (c != '.' || version.charAt(i - 1) == '.')) {
                return -1;
            }
        }
        return dash;
    }

    /**
     * @param fileName a file name
     * @return whether it is a Windows import library ({@code foo.lib}, {@code libfoo.dll.a})
     */
    public static boolean isImportLibrary(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".lib") || lower.endsWith(".dll.a");
    }

    /**
     * @param fileName a shared library file name
     * @return its logical name
     */
    public static String logicalName(String fileName) {
        String name = fileName;
        String lower = name.toLowerCase(Locale.ROOT);
        String elf = elfStem(name);
        if (elf != null) {
            name = elf;
        } else if (lower.endsWith(".dylib") || lower.endsWith(".jnilib")) {
            name = name.substring(0, name.lastIndexOf('.'));
            // libgreet.1.dylib / libgreet.1.2.3.dylib carry the version before the suffix
            int dot = name.lastIndexOf('.');
            while (dot >= 0 && Chars.digits(name.substring(dot + 1))) {
                name = name.substring(0, dot);
                dot = name.lastIndexOf('.');
            }
        } else if (lower.endsWith(".dll")) {
            name = dllStem(name.substring(0, name.length() - 4));
        }
        if (name.startsWith("lib") && name.length() > 3) {
            name = name.substring(3);
        }
        return name;
    }
}
