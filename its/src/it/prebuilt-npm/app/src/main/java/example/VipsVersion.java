package example;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import java.nio.file.Path;

public final class VipsVersion {

    private VipsVersion() {
    }

    static native String version();

    public static void main(String[] args) {
        // START SNIPPET: npm-load
        LoadedLibrary jni = NativeLoader.load("vipsjni");
        // END SNIPPET: npm-load
        System.out.println("[vips] " + version());
        for (Path p : jni.loaded()) {
            System.out.println("[vips] loaded " + p.getFileName());
        }
    }
}
