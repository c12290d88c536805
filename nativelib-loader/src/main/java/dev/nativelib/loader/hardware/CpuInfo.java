package dev.nativelib.loader.hardware;

import java.util.HashSet;
import java.util.Set;

/**
 * Reads fields of Linux's {@code /proc/cpuinfo}: {@code key<tabs> : value} lines, one block per processor. Written
 * out rather than with regular expressions, which would cost a fresh JVM milliseconds.
 */
final class CpuInfo {

    private CpuInfo() {
    }

    /**
     * @param cpuinfo the text of {@code /proc/cpuinfo}, or its beginning
     * @param key     a field name, e.g. {@code flags} or {@code Features}
     * @return the value of the first line with that key (the first processor's), trimmed; {@code null} if no line
     *         has it
     */
    static String field(String cpuinfo, String key) {
        int start = 0;
        while (start < cpuinfo.length()) {
            int end = cpuinfo.indexOf('\n', start);
            if (end < 0) {
                end = cpuinfo.length();
            }
            int colon = cpuinfo.indexOf(':', start);
            if (colon >= 0 && colon < end && cpuinfo.substring(start, colon).trim().equals(key)) {
                return cpuinfo.substring(colon + 1, end).trim();
            }
            start = end + 1;
        }
        return null;
    }

    /**
     * @param value a space-separated list, as the {@code flags} and {@code Features} fields are
     * @return its words
     */
    static Set<String> words(String value) {
        Set<String> out = new HashSet<>();
        int i = 0;
        while (i < value.length()) {
            while (i < value.length() && isBlank(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < value.length() && !isBlank(value.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(value.substring(start, i));
            }
        }
        return out;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
