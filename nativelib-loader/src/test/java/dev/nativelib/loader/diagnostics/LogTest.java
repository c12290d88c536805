package dev.nativelib.loader.diagnostics;

import dev.nativelib.loader.settings.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogTest {

    @Test
    void debugIsOnlyWhenAskedFor() {
        String saved = System.getProperty(Settings.LOG.property());
        try {
            System.setProperty(Settings.LOG.property(), "debug");
            assertEquals(true, Log.debugging());
            System.setProperty(Settings.LOG.property(), " DEBUG ");
            assertEquals(true, Log.debugging());
            System.setProperty(Settings.LOG.property(), "info");
            assertEquals(false, Log.debugging());
        } finally {
            if (saved == null) {
                System.clearProperty(Settings.LOG.property());
            } else {
                System.setProperty(Settings.LOG.property(), saved);
            }
        }
    }
}
