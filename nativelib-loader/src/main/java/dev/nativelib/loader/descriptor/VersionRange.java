package dev.nativelib.loader.descriptor;

import dev.nativelib.loader.binary.VersionOrder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern RANGE = Pattern.compile("([\\[(])\\s*([^,\\s]*)\\s*(?:,\\s*([^\\])\\s]*)\\s*)?([\\])])");
    private static final Pattern NUMERIC = Pattern.compile("^([0-9]+(\\.[0-9]+)*)");

    /**
     * @param text e.g. {@code [1.2.0,2)}
     * @return the range
     * @throws IllegalArgumentException if it is not a range
     */
    public static VersionRange parse(String text) {
        Matcher m = RANGE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version range such as [1.2.0,2)");
        }
        String lower = m.group(2).isEmpty() ? null : m.group(2);
        boolean single = m.group(3) == null;
        String upper = single ? lower : (m.group(3).isEmpty() ? null : m.group(3));
        return new VersionRange(text.trim(), lower, m.group(1).equals("["), upper, single || m.group(4).equals("]"));
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

    private static String numeric(String v) {
        Matcher m = NUMERIC.matcher(v);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public String toString() {
        return text;
    }
}
