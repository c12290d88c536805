package dev.nativelib.loader.binary;

/** Compares dotted numeric versions ({@code 2.17} &lt; {@code 2.34} &lt; {@code 2.34.1}). */
public final class VersionOrder {

    private VersionOrder() {
    }

    /**
     * @param a a dotted numeric version
     * @param b another
     * @return negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}
     * @throws IllegalArgumentException if either is not of the form {@code N(.N)*}
     */
    public static int compare(String a, String b) {
        String[] x = split(a);
        String[] y = split(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static String[] split(String v) {
        String[] parts = v == null ? new String[0] : v.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 9 || !dev.nativelib.loader.text.Chars.digits(part)) {
                parts = new String[0];
                break;
            }
        }
        if (parts.length == 0) {
            throw new IllegalArgumentException("'" + v + "' is not a dotted numeric version such as 2.17");
        }
        return parts;
    }
}
