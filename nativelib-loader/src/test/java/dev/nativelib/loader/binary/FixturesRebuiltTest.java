package dev.nativelib.loader.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The committed fixtures are what build-fixtures.sh makes today: the build rebuilds them into
 * {@code target/fixtures-rebuilt} when the cross tools are there (CI installs them), and every reader test would see
 * the same thing in either set. A change to the script or its sources without refreshing {@code bin/} fails here.
 */
class FixturesRebuiltTest {

    @Test
    void rebuiltFixturesReadTheSameAsTheCommittedOnes() throws IOException {
        Path rebuilt = Paths.get(System.getProperty("fixtures.rebuilt.dir", "target/fixtures-rebuilt"));
        if (!Files.isDirectory(rebuilt)) {
            if ("1".equals(System.getenv("NATIVELIB_CI"))) {
                fail("NATIVELIB_CI=1 but the fixtures were not rebuilt into " + rebuilt.toAbsolutePath());
            }
            Assumptions.abort("the binary fixtures were not rebuilt (clang, lld, llvm and mingw-w64 are not on the"
                    + " PATH), so the committed ones are not compared with a rebuild; CI installs the tools");
        }
        Path committed = Fixtures.dir();
        List<String> names = relative(committed, Fixtures.all());
        assertEquals(names, relative(rebuilt, Fixtures.binaries(rebuilt)),
                "the rebuilt fixture set has other files than src/test/fixtures/bin; refresh it with"
                        + " build-fixtures.sh bin");
        List<String> differences = new ArrayList<>();
        int identical = 0;
        for (String name : names) {
            byte[] a = Files.readAllBytes(committed.resolve(name));
            byte[] b = Files.readAllBytes(rebuilt.resolve(name));
            if (Arrays.equals(a, b)) {
                identical++;
                continue;
            }
            Object seenCommitted = readerView(committed.resolve(name));
            Object seenRebuilt = readerView(rebuilt.resolve(name));
            if (!seenCommitted.equals(seenRebuilt)) {
                differences.add(name + ":\n    committed " + seenCommitted + "\n    rebuilt   " + seenRebuilt);
            }
        }
        System.out.println("binary fixtures: " + identical + " of " + names.size()
                + " rebuilt byte-identical, the rest read the same");
        if (!differences.isEmpty()) {
            fail("The readers see something else in " + differences.size() + " rebuilt fixture(s) than in the"
                    + " committed ones; refresh src/test/fixtures/bin with build-fixtures.sh bin (and check"
                    + " TOOLS.txt):\n  " + String.join("\n  ", differences));
        }
    }

    /** What the reader tests assert on: the readers' result (records, compared by value), or their error. */
    private static Object readerView(Path file) {
        try {
            return BinaryReader.read(file);
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage().replace(file.toString(), "<file>");
        }
    }

    private static List<String> relative(Path base, List<Path> files) {
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            names.add(base.relativize(f).toString());
        }
        return names;
    }
}
