package example;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import dev.nativelib.loader.NativeLoaderException;
import java.nio.file.Path;

public final class Top {

    private Top() {
    }

    static native int value();

    public static void main(String[] args) {
        for (String path : System.getProperty("preload", "").split(":")) {
            if (!path.isEmpty()) {
                System.load(path);
            }
        }
        try {
            LoadedLibrary l = NativeLoader.load("topjni");
            System.out.println("[" + args[0] + "] top=" + value());
            for (Path p : l.loaded()) {
                System.out.println("[" + args[0] + "] loaded " + p.getFileName());
            }
        } catch (NativeLoaderException e) {
            System.out.println("[" + args[0] + "] failed: " + e.getMessage());
        }
    }
}
