package dev.nativelib.plugin.deps;

import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.discovery.PackageFinder;
import dev.nativelib.loader.platform.Platform;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The native packages among a project's dependencies: JARs that carry a nativelib index. Read with the loader's own
 * discovery, so the plugin sees exactly what the loader will see at run time.
 */
public final class NativeDependencies {

    private NativeDependencies() {
    }

    /**
     * @param files    the project's resolved dependency files
     * @param platform the platform being packaged
     * @return the packages for that platform
     * @throws IOException if a dependency JAR cannot be read
     */
    public static List<FoundPackage> find(List<File> files, Platform platform) throws IOException {
        return all(files).stream().filter(p -> p.descriptor().platform().equals(platform)).toList();
    }

    /**
     * @param files JAR files (other files are skipped)
     * @return the packages they hold, for every platform, in file order
     * @throws IOException if a JAR's index or descriptor cannot be read
     * @throws dev.nativelib.loader.descriptor.DescriptorException if a descriptor is malformed
     */
    public static List<FoundPackage> all(List<File> files) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (File f : files) {
            if (f != null && f.isFile() && f.getName().endsWith(".jar")) {
                urls.add(f.toURI().toURL());
            }
        }
        if (urls.isEmpty()) {
            return List.of();
        }
        try (URLClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            return PackageFinder.find(cl);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * @param packages native packages
     * @return every name a library of theirs can be needed by (see {@code PackageDescriptor.libraryNames()}), mapped
     *         to the coordinates of the package that provides it
     */
    public static Map<String, String> providedNames(List<FoundPackage> packages) {
        Map<String, String> names = new LinkedHashMap<>();
        for (FoundPackage p : packages) {
            String gav = p.descriptor().coordinates();
            p.descriptor().libraryNames().keySet().forEach(n -> names.putIfAbsent(n, gav));
        }
        return names;
    }
}
