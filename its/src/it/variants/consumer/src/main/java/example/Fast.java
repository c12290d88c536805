package example;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import dev.nativelib.loader.NativeLoaderException;
import java.nio.file.Path;

/** Loads fastjni in a fresh JVM and prints which build of it the loader chose, and from where. */
public final class Fast {

    private Fast() {
    }

    static native String build();

    public static void main(String[] args) {
        String run = args[0];
        try {
            LoadedLibrary l = NativeLoader.load("fastjni");
            System.out.println("[" + run + "] build=" + build());
            for (Path p : l.loaded()) {
                // The package's cache directory is <artifactId>-<version>-<classifier>-<content hash>.
                String dir = p.getParent().getParent().getFileName().toString();
                String classifier = dir.substring("fast-1.0.0-".length(), dir.lastIndexOf('-'));
                System.out.println("[" + run + "] loaded " + p.getFileName() + " of " + classifier);
            }
        } catch (NativeLoaderException e) {
            System.out.println("[" + run + "] failed: " + e.getMessage().replace('\n', ' '));
        }
    }
}
