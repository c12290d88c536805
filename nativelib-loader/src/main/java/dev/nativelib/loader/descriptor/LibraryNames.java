package dev.nativelib.loader.descriptor;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the logical name of a library from its file name, the way linkers name libraries:
 * {@code libgreet.so.1.0.0}, {@code libgreet.1.dylib}, {@code libgreet.dylib}, {@code greet.dll} and
 * {@code libgreet.dll} are all {@code greet}.
 */
public final class LibraryNames {

    private static final Pattern ELF = Pattern.compile("(.+?)\\.so(\\.[0-9][0-9A-Za-z._-]*)?");

    private LibraryNames() {
    }

    /**
     * @param fileName a file name
     * @return whether the name looks like a shared library on any supported platform
     */
    public static boolean isSharedLibrary(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return ELF.matcher(fileName).matches() || lower.endsWith(".dylib")
                || lower.endsWith(".dll") || lower.endsWith(".jnilib");
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
        Matcher elf = ELF.matcher(name);
        if (elf.matches()) {
            name = elf.group(1);
        } else if (lower.endsWith(".dylib") || lower.endsWith(".jnilib")) {
            name = name.substring(0, name.lastIndexOf('.'));
            // libgreet.1.dylib / libgreet.1.2.3.dylib carry the version before the suffix
            name = name.replaceFirst("(\\.[0-9]+)+$", "");
        } else if (lower.endsWith(".dll")) {
            name = name.substring(0, name.length() - 4);
        }
        if (name.startsWith("lib") && name.length() > 3) {
            name = name.substring(3);
        }
        return name;
    }
}
