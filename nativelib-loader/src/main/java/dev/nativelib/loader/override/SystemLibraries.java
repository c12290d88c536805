package dev.nativelib.loader.override;

import dev.nativelib.loader.binary.BinaryInput;
import dev.nativelib.loader.binary.ElfFile;
import dev.nativelib.loader.binary.ElfReader;
import dev.nativelib.loader.platform.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a system copy of a library by SONAME, searching where the dynamic loader would: on Linux
 * {@code LD_LIBRARY_PATH}, the directories of {@code /etc/ld.so.conf} (and its includes), then the default
 * directories; on macOS {@code DYLD_LIBRARY_PATH}, {@code /usr/local/lib}, {@code /usr/lib}; on Windows {@code PATH}.
 * On Linux a candidate counts only if its own SONAME and architecture match, so a 32-bit copy or an unrelated file
 * of the same name is never picked.
 */
public final class SystemLibraries {

    private final Platform platform;
    private final List<Path> searchPath;

    /**
     * @param platform   the running platform
     * @param searchPath directories to search, in order
     */
    public SystemLibraries(Platform platform, List<Path> searchPath) {
        this.platform = platform;
        this.searchPath = List.copyOf(searchPath);
    }

    /**
     * @param platform the running platform
     * @param env      environment variables
     * @return the search path the platform's dynamic loader uses
     */
    public static SystemLibraries forPlatform(Platform platform, Map<String, String> env) {
        Set<Path> dirs = new LinkedHashSet<>();
        switch (platform.os()) {
            case "windows" -> split(env.get("PATH"), ";", dirs);
            case "osx" -> {
                split(env.get("DYLD_LIBRARY_PATH"), ":", dirs);
                dirs.add(Paths.get("/usr/local/lib"));
                dirs.add(Paths.get("/usr/lib"));
            }
            default -> {
                split(env.get("LD_LIBRARY_PATH"), ":", dirs);
                readLdSoConf(Paths.get("/etc/ld.so.conf"), dirs, 0);
                for (String d : List.of("/lib64", "/usr/lib64", "/lib", "/usr/lib")) {
                    dirs.add(Paths.get(d));
                }
            }
        }
        return new SystemLibraries(platform, new ArrayList<>(dirs));
    }

    /** @return the directories searched, in order */
    public List<Path> searchPath() {
        return searchPath;
    }

    /**
     * @param name the library's SONAME (or file name where it has none)
     * @return the first matching file on the search path, or {@code null} if the system has none
     */
    public Path find(String name) {
        for (Path dir : searchPath) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && matches(candidate, name)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    private boolean matches(Path file, String name) {
        if (!platform.os().equals("linux")) {
            return true;
        }
        try (BinaryInput in = BinaryInput.open(file)) {
            ElfFile elf = ElfReader.read(in);
            String arch = ElfReader.architecture(elf.machine(), elf.bits(), elf.order());
            return arch.equals(platform.arch()) && (elf.soname() == null || elf.soname().equals(name));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void split(String value, String separator, Set<Path> out) {
        if (value == null) {
            return;
        }
        for (String part : value.split(separator)) {
            if (!part.isBlank()) {
                out.add(Paths.get(part.trim()));
            }
        }
    }

    private static void readLdSoConf(Path conf, Set<Path> out, int depth) {
        if (depth > 8 || !Files.isReadable(conf)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(conf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        for (String raw : lines) {
            String line = raw.replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("include ")) {
                String pattern = line.substring("include ".length()).trim();
                Path p = Paths.get(pattern);
                Path dir = p.isAbsolute() ? p.getParent() : conf.getParent().resolve(p).getParent();
                String glob = p.getFileName().toString();
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
                    List<Path> sorted = new ArrayList<>();
                    files.forEach(sorted::add);
                    sorted.sort(null);
                    for (Path f : sorted) {
                        readLdSoConf(f, out, depth + 1);
                    }
                } catch (IOException | RuntimeException e) {
                    // an include that matches nothing adds nothing
                }
            } else if (line.startsWith("/")) {
                out.add(Paths.get(line));
            }
        }
    }
}
