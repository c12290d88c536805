package dev.nativelib.plugin.pom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, xml, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
