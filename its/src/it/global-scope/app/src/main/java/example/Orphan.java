package example;

import dev.nativelib.loader.NativeLoader;
import dev.nativelib.loader.NativeLoaderException;

public final class Orphan {

    private Orphan() {
    }

    static native int value();

    public static void main(String[] args) {
        try {
            NativeLoader.load("orphanjni");
            System.out.println("[" + args[0] + "] value=" + value());
        } catch (NativeLoaderException e) {
            System.out.println("[" + args[0] + "] failed: " + e.getMessage());
        }
    }
}
