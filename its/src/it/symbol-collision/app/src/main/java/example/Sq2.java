package example;

import dev.nativelib.loader.NativeLoader;

final class Sq2 {

    static {
        NativeLoader.load("sq2jni");
    }

    private Sq2() {
    }

    static native int square(int x);
}
