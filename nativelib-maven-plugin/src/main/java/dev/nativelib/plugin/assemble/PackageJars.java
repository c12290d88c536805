package dev.nativelib.plugin.assemble;

import dev.nativelib.loader.descriptor.DescriptorException;
import dev.nativelib.loader.descriptor.PackageLayout;
import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.plugin.deps.NativeDependencies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/** Reads the descriptor of the one native package a classifier JAR holds. */
public final class PackageJars {

    private PackageJars() {
    }

    /**
     * Reads a JAR with the loader's own discovery, so what is released is exactly what the loader will find.
     *
     * @param jar             the JAR
     * @param label           how messages name it
     * @param attachedByBuild whether this build attached it
     * @return the JAR with its package's descriptor
     * @throws NotAPackageException if it is not a readable JAR holding exactly one nativelib package
     */
    public static PlatformJar read(Path jar, String label, boolean attachedByBuild) throws NotAPackageException {
        // A class loader silently skips a file that is not a ZIP; opening it first tells the user what it is.
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // readable
        } catch (IOException e) {
            throw new NotAPackageException("not a readable JAR (" + e.getMessage() + ")");
        }
        List<FoundPackage> packages;
        try {
            packages = NativeDependencies.all(List.of(jar.toFile()));
        } catch (IOException | UncheckedIOException | DescriptorException e) {
            throw new NotAPackageException("unreadable nativelib package: " + e.getMessage());
        }
        if (packages.isEmpty()) {
            throw new NotAPackageException("not a nativelib package (it has no " + PackageLayout.INDEX + ")");
        }
        if (packages.size() > 1) {
            throw new NotAPackageException("holds " + packages.size() + " nativelib packages ("
                    + packages.stream().map(p -> p.descriptor().coordinates() + " [" + p.descriptor().platform() + "]")
                    .collect(Collectors.joining(", ")) + "); a classifier JAR from nativelib:package holds one");
        }
        return new PlatformJar(jar, label, packages.get(0).descriptor(), attachedByBuild);
    }
}
