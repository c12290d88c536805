package dev.nativelib.loader.plan;

import dev.nativelib.loader.descriptor.PackageLayout;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What the application class loader reads packages from, and a cheap fingerprint of each entry, so that a
 * {@link LoadPlan} can tell whether the class path still holds exactly what it was made from. The entries are those of
 * {@code java.class.path} plus, recursively, the JARs named by their manifests' {@code Class-Path} attributes (which
 * the class loader searches as well: Surefire's and {@code java -jar}'s class paths live there).
 */
public final class ClassPathState {

    /** State of an entry that does not exist; should it appear later, the class path has changed. */
    static final String MISSING = "missing";
    /** State of a directory without an index of native packages. */
    static final String DIRECTORY = "directory";

    private ClassPathState() {
    }

    /**
     * Lists every file and directory the class path {@code classPath} searches, in order.
     *
     * @param classPath a class path in the form of {@code java.class.path}
     * @param baseDir   what relative entries are relative to ({@code user.dir})
     * @return the absolute entries, or {@code null} when the class path has an entry a plan cannot describe (an empty
     *         element, which means the working directory, or a {@code Class-Path} URL that is not a local file)
     * @throws IOException if a JAR's manifest cannot be read
     */
    public static List<Path> closure(String classPath, Path baseDir) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String element : classPath.split(File.pathSeparator, -1)) {
            if (element.isEmpty()) {
                return null;
            }
            if (!add(baseDir.resolve(element).toAbsolutePath().normalize(), out)) {
                return null;
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean add(Path entry, Set<Path> out) throws IOException {
        if (!out.add(entry) || !Files.isRegularFile(entry)) {
            return true;
        }
        Manifest manifest;
        try (JarFile jar = new JarFile(entry.toFile(), false)) {
            manifest = jar.getManifest();
        } catch (java.util.zip.ZipException e) {
            // The class loader skips what is not a JAR; so does the plan, beyond the file's own fingerprint.
            return true;
        }
        String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        if (classPath == null) {
            return true;
        }
        URL base = entry.toUri().toURL();
        for (String element : classPath.trim().split("\\s+")) {
            if (element.isEmpty()) {
                continue;
            }
            try {
                URL url = new URL(base, element);
                if (!"file".equals(url.getProtocol())) {
                    return false;
                }
                if (!add(Paths.get(url.toURI()).normalize(), out)) {
                    return false;
                }
            } catch (URISyntaxException | IllegalArgumentException | java.net.MalformedURLException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fingerprints one class-path entry: a file by size, modification time and file key (device and inode), a
     * directory by the absence of a package index in it, a missing entry as {@value #MISSING}. Rewriting, replacing
     * or adding a JAR changes the fingerprint; the fingerprints are read on every planned start, so this costs one
     * {@code stat} per entry.
     *
     * @param entry an absolute class-path entry
     * @return the fingerprint, or {@code null} for a directory that holds native packages (which are loaded in place,
     *         and whose files a fingerprint of the directory would not cover)
     */
    public static String of(String entry) {
        Path path = Paths.get(entry);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return MISSING;
        }
        if (a.isDirectory()) {
            return new File(entry, PackageLayout.INDEX).exists() ? null : DIRECTORY;
        }
        return "file " + a.size() + " " + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + " " + a.fileKey();
    }
}
