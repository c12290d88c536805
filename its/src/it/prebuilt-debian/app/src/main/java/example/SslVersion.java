package example;

import dev.nativelib.loader.LoadedLibrary;
import dev.nativelib.loader.NativeLoader;
import java.nio.file.Path;

public final class SslVersion {

    private SslVersion() {
    }

    static native String shared();

    static native String statically();

    public static void main(String[] args) {
        // START SNIPPET: debian-load
        LoadedLibrary shared = NativeLoader.load("ssljni");
        LoadedLibrary statically = NativeLoader.load("sslstaticjni");
        // END SNIPPET: debian-load
        System.out.println("[shared] " + shared());
        for (Path p : shared.loaded()) {
            System.out.println("[shared] loaded " + p.getFileName());
        }
        System.out.println("[static] " + statically());
        for (Path p : statically.loaded()) {
            System.out.println("[static] loaded " + p.getFileName());
        }
    }
}
