package dev.nativelib.plugin.packaging;

import dev.nativelib.loader.descriptor.AliasEntry;
import dev.nativelib.loader.descriptor.DescriptorFormat;
import dev.nativelib.loader.descriptor.LibraryEntry;
import dev.nativelib.loader.descriptor.LibraryNames;
import dev.nativelib.loader.descriptor.PackageDescriptor;
import dev.nativelib.loader.descriptor.PackageLayout;
import dev.nativelib.loader.descriptor.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a classifier JAR from an install prefix: libraries, headers, descriptor and index. */
public final class NativePackager {

    private static final String MANIFEST = "Manifest-Version: 1.0\r\nCreated-By: nativelib-maven-plugin\r\n\r\n";

    private NativePackager() {
    }

    /**
     * Scans the prefix, describes every library, and writes the JAR.
     *
     * @param request what to package and where to write it
     * @return the descriptor written into the JAR
     * @throws PackagingException if the prefix cannot be packaged; the message says how to fix it
     */
    public static PackageDescriptor build(PackageRequest request) throws PackagingException {
        PrefixContents contents = PrefixScanner.scan(request.installPrefix(), request.libraryDirectories(),
                request.includeDirectory());
        Path prefix = request.installPrefix();
        List<LibraryEntry> libraries = new ArrayList<>();
        Map<String, String> namesSeen = new HashMap<>();
        try {
            for (String path : contents.libraries()) {
                Path file = prefix.resolve(path);
                String name = LibraryNames.logicalName(file.getFileName().toString());
                String previous = namesSeen.putIfAbsent(name, path);
                if (previous != null) {
                    throw new PackagingException("Install prefix " + prefix + " holds two libraries named '" + name
                            + "': " + previous + " and " + path + ". Remove the stale one (clean the install prefix"
                            + " and install again), or make one of them a symbolic link to the other.");
                }
                libraries.add(new LibraryEntry(path, name, Files.size(file), Sha256.of(file)));
            }
        } catch (IOException e) {
            throw new PackagingException("Cannot read a library in " + prefix + ": " + e.getMessage(), e);
        }
        List<AliasEntry> aliases = contents.aliases().stream()
                .map(a -> new AliasEntry(a.path(), a.target())).toList();
        PackageDescriptor descriptor = new PackageDescriptor(request.groupId(), request.artifactId(),
                request.version(), request.platform(), libraries, aliases);

        String root = PackageLayout.packageRoot(request.groupId(), request.artifactId(), request.platform());
        ReproducibleJarWriter jar = new ReproducibleJarWriter(request.timestamp());
        jar.add("META-INF/MANIFEST.MF", MANIFEST.getBytes(StandardCharsets.UTF_8));
        jar.add(PackageLayout.INDEX, (PackageLayout.indexEntry(request.groupId(), request.artifactId(),
                request.platform()) + "\n").getBytes(StandardCharsets.UTF_8));
        jar.add(root + PackageLayout.DESCRIPTOR, DescriptorFormat.write(descriptor));
        for (String path : contents.libraries()) {
            jar.add(root + path, prefix.resolve(path));
        }
        for (String path : contents.headers()) {
            jar.add(root + path, prefix.resolve(path));
        }
        try {
            jar.write(request.output());
        } catch (IOException e) {
            throw new PackagingException("Cannot write " + request.output() + ": " + e.getMessage(), e);
        }
        return descriptor;
    }
}
