package dev.nativelib.loader;

/**
 * A native package could not be found, extracted or loaded. The message says what was looked for, what was found
 * instead, and how to fix it.
 *
 * <p>It is an {@link UnsatisfiedLinkError} so that code written for {@code System.loadLibrary} keeps working.
 */
public class NativeLoaderException extends UnsatisfiedLinkError {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, where, and how to fix it
     * @param cause   the underlying failure, or {@code null}
     */
    public NativeLoaderException(String message, Throwable cause) {
        super(message);
        if (cause != null) {
            initCause(cause);
        }
    }
}
