package dev.nativelib.loader.binary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real ELF, Mach-O and PE binaries the reader tests read: the set committed in {@code src/test/fixtures/bin},
 * made by {@code src/test/fixtures/build-fixtures.sh} (which records the tool versions in {@code TOOLS.txt}).
 */
public final class Fixtures {

    /** The subdirectories that hold binaries; anything else in a fixture directory (TOOLS.txt) is not one. */
    private static final List<String> KINDS = List.of("elf", "macho", "pe");

    private Fixtures() {
    }

    /** @return the committed fixture directory */
    public static Path dir() {
        return existing(Paths.get(System.getProperty("fixtures.dir", "src/test/fixtures/bin")));
    }

    /**
     * @param relative a path under the fixture directory, e.g. {@code elf/libbase.so.1}
     * @return that fixture
     */
    public static Path path(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("fixture " + p + " is missing; src/test/fixtures/build-fixtures.sh"
                    + " builds it");
        }
        return p;
    }

    /** @return every binary of the committed set, sorted */
    public static List<Path> all() throws IOException {
        return binaries(dir());
    }

    /**
     * @param dir a directory written by build-fixtures.sh
     * @return every binary under it, sorted
     */
    public static List<Path> binaries(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        for (String kind : KINDS) {
            Path sub = dir.resolve(kind);
            if (Files.isDirectory(sub)) {
                try (Stream<Path> s = Files.walk(sub)) {
                    s.filter(Files::isRegularFile).forEach(all::add);
                }
            }
        }
        all.sort(null);
        return all;
    }

    private static Path existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("No binary fixtures at " + dir.toAbsolutePath() + "; they are committed"
                    + " in nativelib-loader/src/test/fixtures/bin (run the tests from the module directory, or set"
                    + " -Dfixtures.dir)");
        }
        return dir;
    }
}
