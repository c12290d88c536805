package dev.nativelib.loader.descriptor;

/** A descriptor that cannot be read: malformed, incomplete, or of a format this loader does not know. */
public class DescriptorException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where */
    public DescriptorException(String message) {
        super(message);
    }
}
