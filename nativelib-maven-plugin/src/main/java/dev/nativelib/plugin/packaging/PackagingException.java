package dev.nativelib.plugin.packaging;

/** The install prefix or the packaging request is wrong in a way the user must fix; the message says how. */
public class PackagingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, where, and how to fix it */
    public PackagingException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, where, and how to fix it
     * @param cause   the underlying failure
     */
    public PackagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
