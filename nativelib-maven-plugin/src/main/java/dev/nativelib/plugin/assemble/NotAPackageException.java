package dev.nativelib.plugin.assemble;

/** A JAR that cannot take part in a release: not a JAR, not a nativelib package, or not exactly one package. */
public final class NotAPackageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message why, without the JAR's name (the caller prefixes it) */
    public NotAPackageException(String message) {
        super(message);
    }
}
