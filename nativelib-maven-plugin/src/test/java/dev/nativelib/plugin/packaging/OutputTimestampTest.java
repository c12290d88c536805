package dev.nativelib.plugin.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutputTimestampTest {

    @Test
    void acceptsIsoDateTimesAndEpochSeconds() throws PackagingException {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("2026-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("2026-01-01T01:00:00+01:00"));
        assertEquals(Instant.ofEpochSecond(1767225600L), OutputTimestamp.parse("1767225600"));
    }

    @Test
    void unsetStaysReproducible() throws PackagingException {
        assertEquals(OutputTimestamp.DEFAULT, OutputTimestamp.parse(null));
        assertEquals(OutputTimestamp.DEFAULT, OutputTimestamp.parse(""));
        assertEquals(OutputTimestamp.DEFAULT, OutputTimestamp.parse("a"));
    }

    @Test
    void rejectsGarbageAndOutOfRangeValues() {
        assertEquals("project.build.outputTimestamp 'yesterday' is neither an ISO-8601 date-time with offset (e.g."
                + " 2026-01-01T00:00:00Z) nor seconds since the epoch",
                assertThrows(PackagingException.class, () -> OutputTimestamp.parse("yesterday")).getMessage());
        assertEquals("project.build.outputTimestamp '10' is outside the range a JAR entry can record"
                + " (1980-01-01T00:00:02Z to 2099-12-31T23:59:58Z)",
                assertThrows(PackagingException.class, () -> OutputTimestamp.parse("10")).getMessage());
    }
}
