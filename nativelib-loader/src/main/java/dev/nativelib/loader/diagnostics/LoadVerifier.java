package dev.nativelib.loader.diagnostics;

import dev.nativelib.loader.binary.BinaryInput;
import dev.nativelib.loader.binary.ElfReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks that what the process mapped is what nativelib meant to load: if another file with the same SONAME as a
 * library nativelib just loaded was mapped first (loaded by something else), libraries that need that SONAME are
 * bound to the other file, not to the packaged copy. That is reported, not silently used.
 */
public final class LoadVerifier {

    private LoadVerifier() {
    }

    /**
     * @param sonames      SONAMEs of the libraries just loaded ({@code null} for one without; skipped)
     * @param files        the files loaded, index for index
     * @param mappedBefore what was mapped before they were loaded, from {@link MappedFiles#read()}
     * @return one message per library whose SONAME another, earlier file already claimed
     */
    public static List<String> conflicts(List<String> sonames, List<Path> files, Set<Path> mappedBefore) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < sonames.size(); i++) {
            String soname = sonames.get(i);
            if (soname == null) {
                continue;
            }
            Path path = files.get(i);
            String stem = MappedFiles.stem(soname);
            for (Path other : mappedBefore) {
                String name = other.getFileName().toString();
                if (!name.startsWith(stem) || same(other, path)) {
                    continue;
                }
                String otherSoname = soname(other);
                if (soname.equals(otherSoname)) {
                    problems.add(soname + ": " + other + " was loaded before nativelib's copy " + path
                            + " and has the same SONAME, so libraries that need " + soname + " use " + other
                            + ", not the packaged copy. Find what loaded it first (a system library, "
                            + "LD_PRELOAD, LD_LIBRARY_PATH, or another loader), or let that copy serve deliberately"
                            + " with -Dnativelib.verify=off.");
                }
            }
        }
        return problems;
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.equals(b);
        }
    }

    static String soname(Path file) {
        try (BinaryInput in = BinaryInput.open(file)) {
            return ElfReader.read(in).soname();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
