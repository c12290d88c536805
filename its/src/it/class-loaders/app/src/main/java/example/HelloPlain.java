package example;

import dev.nativelib.loader.NativeLoader;

public final class HelloPlain {

    static {
        NativeLoader.load("hellojni");
    }

    private HelloPlain() {
    }

    public static native int value();
}
