package dev.nativelib.plugin.unpack;

import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.discovery.FoundPackage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Unpacks a build's native dependencies side by side, each under {@code <directory>/<artifactId>/}, and writes what
 * other build tools read to find them: {@code nativelib-deps.cmake} for CMake, and {@code pkg-config-path.txt}, the
 * {@code PKG_CONFIG_PATH} (one line, the pkg-config directories of every package, absolute, joined with the
 * platform's path separator) for Meson, autotools and Makefiles.
 */
public final class DependencyUnpacker {

    /** The file a CMake build includes, in the unpack directory. */
    public static final String DEPS_FILE = "nativelib-deps.cmake";

    /** The file holding the {@code PKG_CONFIG_PATH}, in the unpack directory. */
    public static final String PKG_CONFIG_PATH_FILE = "pkg-config-path.txt";

    private DependencyUnpacker() {
    }

    /**
     * A package to unpack.
     *
     * @param jar its classifier JAR
     * @param pkg its descriptor, as found in that JAR
     */
    public record Source(Path jar, FoundPackage pkg) {
    }

    /**
     * What was unpacked and written.
     *
     * @param packages      the unpacked packages: descriptor and directory, in the order given
     * @param depsFile      the written {@code nativelib-deps.cmake}
     * @param pkgConfigFile the written {@code pkg-config-path.txt}
     * @param prefixPath    the package directories, absolute, {@code ;}-separated (for {@code -DCMAKE_PREFIX_PATH})
     * @param pkgConfigPath the pkg-config directories of the packages, absolute, joined with
     *                      {@link File#pathSeparator}; empty when no package carries {@code .pc} files
     */
    public record Result(List<Unpacked> packages, Path depsFile, Path pkgConfigFile, String prefixPath,
                         String pkgConfigPath) {
    }

    /**
     * One unpacked package.
     *
     * @param descriptor its descriptor
     * @param directory  where it was unpacked
     */
    public record Unpacked(PackageDescriptor descriptor, Path directory) {
    }

    /**
     * @param sources   the packages, in dependency order
     * @param platform  their platform's name, for the files' comments
     * @param directory the unpack directory; each package's directory in it is replaced
     * @return what was unpacked and written
     * @throws IOException if a JAR cannot be read or does not match its descriptor, or a file cannot be written
     */
    public static Result unpack(List<Source> sources, String platform, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<DepsFileWriter.Entry> entries = new ArrayList<>();
        List<Unpacked> unpacked = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        List<String> pkgConfigPath = new ArrayList<>();
        for (Source source : sources) {
            PackageDescriptor d = source.pkg().descriptor();
            String name = d.artifactId();
            Path target = directory.resolve(name);
            Set<String> libDirs = PackageUnpacker.unpack(source.jar(), source.pkg(), target);
            boolean findModule = d.cmakeName() != null
                    && Files.isRegularFile(target.resolve("cmake/Find" + d.cmakeName() + ".cmake"));
            Set<String> pkgConfigDirs = pkgConfigDirectories(target);
            entries.add(new DepsFileWriter.Entry(d.coordinates(), name, libDirs, findModule, pkgConfigDirs));
            unpacked.add(new Unpacked(d, target));
            prefixes.add(target.toAbsolutePath().toString());
            pkgConfigDirs.forEach(dir -> pkgConfigPath.add(target.resolve(dir).toAbsolutePath().toString()));
        }
        Path deps = directory.resolve(DEPS_FILE);
        Files.writeString(deps, DepsFileWriter.write(platform, entries), StandardCharsets.UTF_8);
        String path = String.join(File.pathSeparator, pkgConfigPath);
        Path pathFile = directory.resolve(PKG_CONFIG_PATH_FILE);
        Files.writeString(pathFile, path + "\n", StandardCharsets.UTF_8);
        return new Result(List.copyOf(unpacked), deps, pathFile, String.join(";", prefixes), path);
    }

    /**
     * @param packageDirectory an unpacked package
     * @return its directories named {@code pkgconfig} that hold {@code .pc} files ({@code lib/pkgconfig},
     *         {@code share/pkgconfig}, {@code lib/x86_64-linux-gnu/pkgconfig}…), relative to it, sorted
     * @throws IOException if the package cannot be listed
     */
    public static Set<String> pkgConfigDirectories(Path packageDirectory) throws IOException {
        Set<String> dirs = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(packageDirectory, 4)) {
            files.filter(f -> f.getFileName().toString().endsWith(".pc") && Files.isRegularFile(f)
                            && f.getParent().getFileName().toString().equals("pkgconfig"))
                    .map(f -> packageDirectory.relativize(f.getParent()).toString().replace('\\', '/'))
                    .sorted().forEach(dirs::add);
        }
        return dirs;
    }
}
