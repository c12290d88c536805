package dev.nativelib.loader.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogTest {

    @Test
    void debugIsOnlyWhenAskedFor() {
        String saved = System.getProperty(Log.PROPERTY);
        try {
            System.setProperty(Log.PROPERTY, "debug");
            assertEquals(true, Log.debugging());
            System.setProperty(Log.PROPERTY, " DEBUG ");
            assertEquals(true, Log.debugging());
            System.setProperty(Log.PROPERTY, "info");
            assertEquals(false, Log.debugging());
        } finally {
            if (saved == null) {
                System.clearProperty(Log.PROPERTY);
            } else {
                System.setProperty(Log.PROPERTY, saved);
            }
        }
    }
}
