package dev.nativelib.plugin.pom;

import dev.nativelib.plugin.packaging.ArtifactFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a generated POM in one step, so a failed build never leaves half a POM for install or deploy to pick up. */
public final class GeneratedPom {

    private GeneratedPom() {
    }

    /**
     * @param xml  the POM's text
     * @param file where to write it
     * @throws IOException if it cannot be written
     */
    public static void write(String xml, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = ArtifactFiles.temporarySibling(file);
        try {
            Files.writeString(tmp, xml, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
