package dev.nativelib.loader.cache;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;

/**
 * Run in a child JVM by the cache tests: loads one library from a classifier JAR through {@link NativeLoader} and
 * prints how many extractions this JVM did and where the library was loaded from. Arguments: the JAR, the library
 * name; cache and platform come from system properties.
 */
public final class LoadInChild {

    private LoadInChild() {
    }

    public static void main(String[] args) throws Exception {
        try (URLClassLoader cl = new URLClassLoader(new URL[] {Paths.get(args[0]).toUri().toURL()}, null)) {
            LoadedLibrary l = NativeLoader.load(args[1], cl);
            System.out.println("extractions=" + PackageExtractor.EXTRACTIONS.get() + " path=" + l.path());
        }
    }
}
