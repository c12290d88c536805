package dev.nativelib.loader.descriptor;

/**
 * A descriptor (or a JAR's package index) that cannot be read: malformed, incomplete, larger than a package's
 * descriptor can be, or of a format this loader does not know.
 */
public class DescriptorException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where */
    public DescriptorException(String message) {
        super(message);
    }
}
