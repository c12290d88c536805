package dev.nativelib.loader.graph;

/** The native packages a load needs do not form a loadable set; the message says why and how to fix it. */
public class DependencyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and how to fix it */
    public DependencyException(String message) {
        super(message);
    }
}
