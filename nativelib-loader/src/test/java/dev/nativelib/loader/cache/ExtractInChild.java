package dev.nativelib.loader.cache;

import dev.nativelib.loader.discovery.FoundPackage;
import dev.nativelib.loader.discovery.PackageFinder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Run in a child JVM by {@link PackageExtractorTest}: extracts one package and says whether it did the work. */
public final class ExtractInChild {

    private ExtractInChild() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Paths.get(args[0]);
        try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            FoundPackage p = PackageFinder.find(cl).get(0);
            Path dir = PackageExtractor.extract(p, Paths.get(args[1]));
            System.out.println("extractions=" + PackageExtractor.EXTRACTIONS.get() + " dir=" + dir);
        }
    }
}
