package dev.nativelib.plugin.packaging;

import java.nio.file.Path;

/** Where an artifact (JAR, generated POM) is written before it is renamed into place in one step. */
public final class ArtifactFiles {

    private ArtifactFiles() {
    }

    /**
     * A name beside {@code target} for writing it first, unique to this process and moment. Unlike
     * {@code Files.createTempFile}, which makes the file {@code 0600}, writing it with {@code CREATE_NEW} gives the
     * permissions any new file gets ({@code 0644} with the usual umask), as Maven artifacts have.
     *
     * @param target the file to write
     * @return the temporary file to write first; not yet created
     */
    public static Path temporarySibling(Path target) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + System.nanoTime() + ".tmp");
    }
}
