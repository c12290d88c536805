package example;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import dev.nativelib.loader.NativeLoaderException;
import java.nio.file.Path;

public final class App {

    private App() {
    }

    static native int value();

    public static void main(String[] args) {
        try {
            LoadedLibrary l = NativeLoader.load("b");
            System.out.println("[" + args[0] + "] value=" + value() + " from " + l.coordinates() + " " + l.platform());
            for (Path p : l.loaded()) {
                System.out.println("[" + args[0] + "] loaded " + p.getFileName());
            }
        } catch (NativeLoaderException e) {
            System.out.println("[" + args[0] + "] failed: " + e.getMessage());
            System.exit(3);
        }
    }
}
