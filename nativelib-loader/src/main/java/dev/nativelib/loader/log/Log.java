package dev.nativelib.loader.log;

/**
 * The loader's logging: warnings always go to {@link System.Logger} {@value #NAME}; the step-by-step account of every
 * decision (debug level) only when {@code -D}{@value #PROPERTY}{@code =debug} (or the environment variable
 * {@value #ENVIRONMENT}) asks for it. The loader runs in every application's start-up, and merely obtaining a
 * {@code System.Logger} initialises the logging backend (tens of milliseconds with java.util.logging), so it is
 * obtained only when something is to be written.
 */
public final class Log {

    /** The logger name. */
    public static final String NAME = "dev.nativelib.loader";

    /** System property: {@code debug} writes every decision at debug level. */
    public static final String PROPERTY = "nativelib.log";

    /** Environment variable with the same meaning as {@value #PROPERTY}. */
    public static final String ENVIRONMENT = "NATIVELIB_LOG";

    private static volatile System.Logger logger;

    private Log() {
    }

    /** @return whether debug messages are wanted; guard every {@link #debug} call with it */
    public static boolean debugging() {
        String v = System.getProperty(PROPERTY);
        if (v == null) {
            v = System.getenv(ENVIRONMENT);
        }
        return v != null && v.trim().equalsIgnoreCase("debug");
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
