package dev.nativelib.loader.cache;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;

/**
 * Run in a child JVM by the cache tests: loads one library from a classifier JAR through {@link NativeLoader} and
 * prints where it was loaded from and, with {@code -Dtest.countExtractions=true}, how many extractions this JVM did
 * (as its debug log tells). Arguments: the JAR, the library name; cache and platform come from system properties.
 */
public final class LoadInChild {

    /** System property: count the extractions (from the debug log, which loads java.util.logging). */
    static final String COUNT_EXTRACTIONS = "test.countExtractions";

    private LoadInChild() {
    }

    public static void main(String[] args) throws Exception {
        DebugLog log = Boolean.getBoolean(COUNT_EXTRACTIONS) ? new DebugLog() : null;
        try (URLClassLoader cl = new URLClassLoader(new URL[] {Paths.get(args[0]).toUri().toURL()}, null)) {
            LoadedLibrary l = NativeLoader.load(args[1], cl);
            String extractions = log == null ? "" : "extractions=" + log.count("extracting ") + " ";
            System.out.println(extractions + "path=" + l.path());
        }
    }
}
