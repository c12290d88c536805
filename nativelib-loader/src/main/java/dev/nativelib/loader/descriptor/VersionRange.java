package dev.nativelib.loader.descriptor;

import dev.nativelib.loader.binary.VersionOrder;
import dev.nativelib.loader.text.Chars;

/**
 * A Maven-style version range over the numeric part of versions: {@code [1.2.0,2)} accepts 1.2.0 up to, not
 * including, 2; {@code [1.2,]} or {@code [1.2,)} has no upper bound; {@code [1.2.0]} is exactly 1.2.0.
 *
 * @param text the range as written
 * @param lower lower bound, or {@code null}
 * @param lowerInclusive whether the lower bound is accepted
 * @param upper upper bound, or {@code null}
 * @param upperInclusive whether the upper bound is accepted
 */
public record VersionRange(String text, String lower, boolean lowerInclusive, String upper, boolean upperInclusive) {


    /**
     * @param text e.g. {@code [1.2.0,2)}
     * @return the range
     * @throws IllegalArgumentException if it is not a range
     */
    public static VersionRange parse(String text) {
        String t = text.trim();
        IllegalArgumentException bad = new IllegalArgumentException("'" + text + "' is not a version range such as"
                + " [1.2.0,2)");
        if (t.length() < 2 || "[(".indexOf(t.charAt(0)) < 0 || "])".indexOf(t.charAt(t.length() - 1)) < 0) {
            throw bad;
        }
        String inner = t.substring(1, t.length() - 1);
        int comma = inner.indexOf(',');
        String lower = (comma < 0 ? inner : inner.substring(0, comma)).strip();
        String upper = comma < 0 ? null : inner.substring(comma + 1).strip();
        if (hasAny(lower, ", \t\n\r\f") || upper != null && hasAny(upper, "]) \t\n\r\f")) {
            throw bad;
        }
        lower = lower.isEmpty() ? null : lower;
        boolean single = upper == null;
        upper = single ? lower : (upper.isEmpty() ? null : upper);
        return new VersionRange(t, lower, t.charAt(0) == '[', upper, single || t.charAt(t.length() - 1) == ']');
    }

    private static boolean hasAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param version a version built against, e.g. {@code 1.2.0}
     * @return {@code [version,nextMajor)}: the same major version, not older
     */
    public static VersionRange sameMajor(String version) {
        String n = numeric(version);
        if (n == null) {
            return parse("[" + version + "]");
        }
        return parse("[" + version + "," + (Long.parseLong(n.split("\\.")[0]) + 1) + ")");
    }

    /**
     * @param version a version
     * @return whether the range accepts it (comparing numeric parts; a version without one must equal a bound)
     */
    public boolean contains(String version) {
        String v = numeric(version);
        if (v == null) {
            return version.equals(lower) || version.equals(upper);
        }
        if (lower != null && numeric(lower) != null) {
            int c = VersionOrder.compare(v, numeric(lower));
            if (c < 0 || (c == 0 && !lowerInclusive)) {
                return false;
            }
        }
        if (upper != null && numeric(upper) != null) {
            int c = VersionOrder.compare(v, numeric(upper));
            return c < 0 || (c == 0 && upperInclusive);
        }
        return true;
    }

    /** The leading {@code N(.N)*} of a version, or {@code null}. */
    private static String numeric(String v) {
        int i = 0;
        int end = -1;
        while (true) {
            int start = i;
            while (i < v.length() && Chars.digit(v.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            end = i;
            if (i < v.length() && v.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        return end < 0 ? null : v.substring(0, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
