package dev.nativelib.plugin.pom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedPomTest {

    @TempDir
    Path tmp;

    @Test
    void aGeneratedPomIsReadableAsAnyNewFileIsAndNothingElseIsLeft() throws Exception {
        Path pom = tmp.resolve("out/b-platform-1.0.pom");
        GeneratedPom.write("<project/>\n", pom);
        GeneratedPom.write("<project></project>\n", pom);
        Path plain = Files.createFile(tmp.resolve("out/plain-file"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(pom),
                "an artifact, not a private temporary file (0600)");
        assertEquals("<project></project>\n", Files.readString(pom));
        assertEquals(List.of("b-platform-1.0.pom", "plain-file"),
                java.util.Arrays.stream(tmp.resolve("out").toFile().list()).sorted().toList());
    }
}
