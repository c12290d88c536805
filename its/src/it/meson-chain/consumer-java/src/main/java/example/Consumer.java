package example;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import java.nio.file.Path;

public final class Consumer {

    private Consumer() {
    }

    static native int value();

    public static void main(String[] args) {
        LoadedLibrary l = NativeLoader.load("mesonjni");
        int value = value();
        System.out.println("[meson] value=" + value);
        for (Path p : l.loaded()) {
            System.out.println("[meson] loaded " + p.getFileName());
        }
        if (value != 42) {
            throw new AssertionError("beta_value() through the Meson-built JNI library should be 42, not " + value);
        }
    }
}
