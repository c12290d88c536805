package dev.nativelib.loader.cache;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

/**
 * Run in a child JVM by {@link CacheDirectoryTest}: picks the cache directory, says which, waits until the parent
 * has changed the mount under it, then loads a library. Arguments: the JAR and the library name.
 */
public final class RemountInChild {

    private RemountInChild() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("chosen=" + CacheDirectory.usable());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        try (URLClassLoader cl = new URLClassLoader(new URL[] {Paths.get(args[0]).toUri().toURL()}, null)) {
            LoadedLibrary l = NativeLoader.load(args[1], cl);
            System.out.println("path=" + l.path());
        }
    }
}
