package dev.nativelib.plugin.unpack;

import dev.nativelib.loader.cache.Directories;
import dev.nativelib.loader.cache.PackageExtractor;
import dev.nativelib.loader.descriptor.AliasEntry;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.PackageLayout;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.descriptor.LibraryNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a native package into a directory laid out like the install prefix it was made from ({@code lib/},
 * {@code include/}, {@code lib/cmake/…}), recreating its symbolic links, so a CMake build can use it as a prefix.
 */
public final class PackageUnpacker {

    private PackageUnpacker() {
    }

    private static void copyEntries(Path jar, String root, Path tmp, Path target) throws IOException {
        Map<Path, String> written = new HashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.getName().startsWith(root) || e.isDirectory()
                        || e.getName().equals(root + PackageLayout.DESCRIPTOR)) {
                    continue;
                }
                String relative = e.getName().substring(root.length());
                Path dest = tmp.resolve(relative).normalize();
                if (relative.startsWith("/") || !dest.startsWith(tmp) || dest.equals(tmp)) {
                    throw new IOException(jar + ": entry " + e.getName() + " would be written outside " + target);
                }
                String earlier = written.putIfAbsent(dest, e.getName());
                if (earlier != null) {
                    throw new IOException(jar + ": entries " + earlier + " and " + e.getName() + " would both be"
                            + " written to " + target.resolve(tmp.relativize(dest)) + "; a JAR with duplicate entries"
                            + " was not written by nativelib:package");
                }
                Files.createDirectories(dest.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, dest);
                }
                if (LibraryNames.isSharedLibrary(dest.getFileName().toString())) {
                    dest.toFile().setExecutable(true, true);
                }
            }
        }
    }

    /**
     * @param jar    the package's classifier JAR
     * @param pkg    its descriptor, as found in that JAR
     * @param target the directory to unpack into; replaced if it exists
     * @return the directories holding its shared libraries, relative to {@code target}
     * @throws IOException if the JAR cannot be read, an entry would land outside {@code target} or on another
     *                     entry, or a library does not match the descriptor's size and SHA-256
     */
    public static Set<String> unpack(Path jar, FoundPackage pkg, Path target) throws IOException {
        PackageDescriptor d = pkg.descriptor();
        String root = PackageLayout.packageRoot(d);
        Path base = target.toAbsolutePath().normalize();
        Directories.deleteTree(base);
        Path tmp = base.resolveSibling("." + base.getFileName() + ".tmp");
        Directories.deleteTree(tmp);
        Files.createDirectories(tmp);
        try {
            copyEntries(jar, root, tmp, target);
            String problem = PackageExtractor.verifyInPlace(tmp, d);
            if (problem != null) {
                throw new IOException(jar + " does not match its descriptor: " + problem.replace(tmp.toString(),
                        target.toString()) + "; the JAR was damaged or modified after packaging");
            }
            for (AliasEntry alias : d.aliases()) {
                Path link = tmp.resolve(alias.path());
                Files.createDirectories(link.getParent());
                try {
                    Files.createSymbolicLink(link, Paths.get(alias.target()));
                } catch (UnsupportedOperationException | IOException e) {
                    Files.copy(tmp.resolve(alias.resolvedTarget()), link);
                }
            }
        } catch (IOException | RuntimeException e) {
            Directories.deleteTree(tmp);
            throw e;
        }
        Files.move(tmp, base);
        Set<String> dirs = new LinkedHashSet<>();
        d.libraries().forEach(l -> dirs.add(l.path().contains("/") ? l.path().substring(0, l.path().lastIndexOf('/'))
                : ""));
        return dirs;
    }
}
