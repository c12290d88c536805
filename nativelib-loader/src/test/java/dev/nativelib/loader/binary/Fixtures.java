package dev.nativelib.loader.binary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** The binaries src/test/fixtures/build-fixtures.sh builds before the tests run. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path dir() {
        Path dir = Paths.get(System.getProperty("fixtures.dir", "target/fixtures"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("No binary fixtures at " + dir.toAbsolutePath() + "; run the build"
                    + " (mvn test) or src/test/fixtures/build-fixtures.sh " + dir);
        }
        return dir;
    }

    public static Path path(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("fixture " + p + " was not built");
        }
        return p;
    }

    public static List<Path> all() throws java.io.IOException {
        try (Stream<Path> s = Files.walk(dir())) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
