package dev.nativelib.loader.diagnostics;

import dev.nativelib.loader.settings.Settings;

/**
 * The loader's logging: warnings always go to {@link System.Logger} {@value #NAME}; the step-by-step account of every
 * decision (debug level) only when {@code -Dnativelib.log=debug} (or the environment variable
 * {@code NATIVELIB_LOG}) asks for it. The loader runs in every application's start-up, and merely obtaining a
 * {@code System.Logger} initialises the logging backend (tens of milliseconds with java.util.logging), so it is
 * obtained only when something is to be written.
 */
public final class Log {

    /** The logger name. */
    public static final String NAME = "dev.nativelib.loader";

    private static volatile System.Logger logger;

    private Log() {
    }

    /** @return whether debug messages are wanted; guard every {@link #debug} call with it */
    public static boolean debugging() {
        String v = Settings.LOG.raw();
        return v != null && v.equalsIgnoreCase("debug");
    }

    /**
     * Writes a debug message (when {@link #debugging()}; the caller checks, so the message is not even built
     * otherwise).
     *
     * @param message the message
     */
    public static void debug(String message) {
        logger().log(System.Logger.Level.DEBUG, message);
    }

    /**
     * Writes a warning.
     *
     * @param message the message
     */
    public static void warning(String message) {
        logger().log(System.Logger.Level.WARNING, message);
    }

    private static System.Logger logger() {
        System.Logger l = logger;
        if (l == null) {
            l = System.getLogger(NAME);
            logger = l;
        }
        return l;
    }
}
