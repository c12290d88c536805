package dev.nativelib.plugin.packaging;

import dev.nativelib.loader.descriptor.LibraryNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the shared libraries, their symbolic-link aliases and the public headers of an install prefix (the output
 * of {@code cmake --install}).
 */
public final class PrefixScanner {

    private PrefixScanner() {
    }

    /**
     * @param prefix             the install prefix
     * @param libraryDirectories directories below the prefix that hold shared libraries, e.g. {@code lib},
     *                           {@code lib64}, {@code bin}; missing ones are skipped
     * @param includeDirectory   directory below the prefix that holds headers; may be missing
     * @return what the prefix holds
     * @throws PackagingException if the prefix is missing, holds no library, or has a link leaving the prefix
     */
    public static PrefixContents scan(Path prefix, List<String> libraryDirectories, String includeDirectory)
            throws PackagingException {
        if (!Files.isDirectory(prefix)) {
            throw new PackagingException("Install prefix " + prefix + " does not exist. Run `cmake --install <build-dir>"
                    + " --prefix " + prefix + "` before packaging, or point <installPrefix> (-Dnativelib.installPrefix)"
                    + " at the directory that holds lib/ and include/.");
        }
        Path realPrefix;
        try {
            realPrefix = prefix.toRealPath();
        } catch (IOException e) {
            throw new PackagingException("Cannot resolve install prefix " + prefix + ": " + e.getMessage(), e);
        }
        List<String> libraries = new ArrayList<>();
        List<PrefixContents.Alias> aliases = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        List<String> importLibraries = new ArrayList<>();
        List<String> cmakeFiles = new ArrayList<>();
        try {
            for (String dirName : libraryDirectories) {
                Path dir = realPrefix.resolve(dirName);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                for (Path file : walk(dir)) {
                    String name = file.getFileName().toString();
                    String relative = relative(realPrefix, file);
                    if (Files.isRegularFile(file) && relative.startsWith(dirName + "/cmake/")) {
                        cmakeFiles.add(relative);
                        continue;
                    }
                    if (Files.isRegularFile(file) && LibraryNames.isImportLibrary(name)) {
                        importLibraries.add(relative);
                        continue;
                    }
                    if (!LibraryNames.isSharedLibrary(name)) {
                        continue;
                    }
                    if (Files.isSymbolicLink(file)) {
                        aliases.add(new PrefixContents.Alias(relative, aliasTarget(realPrefix, file)));
                    } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        libraries.add(relative);
                    }
                }
            }
            Path shareCmake = realPrefix.resolve("share/cmake");
            if (Files.isDirectory(shareCmake)) {
                for (Path file : walk(shareCmake)) {
                    if (Files.isRegularFile(file)) {
                        cmakeFiles.add(relative(realPrefix, file));
                    }
                }
            }
            Path include = realPrefix.resolve(includeDirectory);
            if (Files.isDirectory(include)) {
                for (Path file : walk(include)) {
                    if (Files.isRegularFile(file)) {
                        headers.add(relative(realPrefix, file));
                    }
                }
            }
        } catch (IOException e) {
            throw new PackagingException("Cannot read install prefix " + prefix + ": " + e.getMessage(), e);
        }
        if (libraries.isEmpty()) {
            throw new PackagingException("Install prefix " + prefix + " holds no shared library (*.so, *.so.N,"
                    + " *.dylib, *.dll) in " + libraryDirectories + ". Check that the CMake target is SHARED"
                    + " and installed with install(TARGETS ... LIBRARY DESTINATION lib RUNTIME DESTINATION bin).");
        }
        libraries.sort(null);
        aliases.sort((a, b) -> a.path().compareTo(b.path()));
        headers.sort(null);
        importLibraries.sort(null);
        cmakeFiles.sort(null);
        return new PrefixContents(prefix, libraries, aliases, headers, importLibraries, cmakeFiles);
    }

    private static String aliasTarget(Path prefix, Path link) throws IOException, PackagingException {
        Path target = Files.readSymbolicLink(link);
        Path resolved = link.getParent().resolve(target).normalize();
        if (target.isAbsolute() || !resolved.startsWith(prefix)) {
            throw new PackagingException("Symbolic link " + link + " points to " + target + ", outside the install"
                    + " prefix " + prefix + ". Install the library it names into the prefix, or make the link"
                    + " relative to a file inside the prefix.");
        }
        if (!Files.exists(resolved)) {
            throw new PackagingException("Symbolic link " + link + " points to " + target + ", which does not exist."
                    + " Re-run the install step so that the library it names is present.");
        }
        return target.toString().replace('\\', '/');
    }

    private static List<Path> walk(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).sorted().toList();
        }
    }

    private static String relative(Path prefix, Path file) {
        return prefix.relativize(file).toString().replace('\\', '/');
    }
}
