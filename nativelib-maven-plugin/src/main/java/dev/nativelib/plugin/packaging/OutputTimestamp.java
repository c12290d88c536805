package dev.nativelib.plugin.packaging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Interprets {@code project.build.outputTimestamp} the way Maven's reproducible-builds convention does: an
 * ISO-8601 date-time with offset, or seconds since the epoch.
 */
public final class OutputTimestamp {

    /**
     * Used when the project sets no timestamp, so that packages are reproducible even then:
     * 1980-01-01T00:00:02Z, the first instant a ZIP entry can record exactly.
     */
    public static final Instant DEFAULT = Instant.parse("1980-01-01T00:00:02Z");

    private static final Instant ZIP_MIN = DEFAULT;
    private static final Instant ZIP_MAX = Instant.parse("2099-12-31T23:59:58Z");

    private OutputTimestamp() {
    }

    /**
     * @param value the property value; {@code null}, empty or a single character (Maven's "disabled" marker) select
     *              {@link #DEFAULT}
     * @return the instant to stamp on every archive entry
     * @throws PackagingException if the value is neither a date-time nor a number, or outside what ZIP can hold
     */
    public static Instant parse(String value) throws PackagingException {
        if (value == null || value.trim().length() < 2) {
            return DEFAULT;
        }
        String v = value.trim();
        Instant instant;
        try {
            instant = v.matches("[0-9]+") ? Instant.ofEpochSecond(Long.parseLong(v)) : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new PackagingException("project.build.outputTimestamp '" + value + "' is neither an ISO-8601"
                    + " date-time with offset (e.g. 2026-01-01T00:00:00Z) nor seconds since the epoch", e);
        }
        if (instant.isBefore(ZIP_MIN) || instant.isAfter(ZIP_MAX)) {
            throw new PackagingException("project.build.outputTimestamp '" + value + "' is outside the range a JAR"
                    + " entry can record (" + ZIP_MIN + " to " + ZIP_MAX + ")");
        }
        return instant;
    }
}
