package dev.nativelib.plugin.audit;

import java.util.Locale;

/** What an audit finding does to the build. */
public enum Severity {
    /** The build fails. */
    FAIL,
    /** The finding is logged as a warning. */
    WARN,
    /** The finding is not reported. */
    IGNORE;

    /**
     * @param value {@code fail}, {@code warn} or {@code ignore}, any case
     * @return the severity
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Severity parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + value + "' is not a severity; use fail, warn or ignore");
        }
    }
}
